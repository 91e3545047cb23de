// Tests that identity variation happens at the configured rates, and only where flagged.
#include <gtest/gtest.h>

#include "synth/identity_variation.h"
#include "synth/world.h"
#include "test_world.h"

namespace schakel::synth {
namespace {

using testing::RepositoryModel;

const World& VariedWorld() {
  static const World world = [] {
    WorldParams params;
    params.seed = 77;
    params.scale = 4;
    return GenerateWorld(RepositoryModel(), params).value();
  }();
  return world;
}

// Share of records with `flag` among those for which `eligible` holds.
template <typename Eligible>
double Rate(std::uint32_t flag, Eligible eligible, std::size_t* n_out = nullptr) {
  const World& w = VariedWorld();
  double n = 0, hits = 0;
  for (const Record& r : w.records) {
    if (!eligible(r, w.persons[r.person])) continue;
    n += 1;
    hits += (r.variations & flag) != 0 ? 1 : 0;
  }
  if (n_out != nullptr) *n_out = static_cast<std::size_t>(n);
  return hits / n;
}

const auto kAll = [](const Record&, const Person&) { return true; };

TEST(IdentityVariation, SimpleRatesMatchTheModel) {
  const VariationRates& v = RepositoryModel().distributions.variation;
  EXPECT_NEAR(Rate(kTypoGiven, kAll), v.typo_given, 0.006);
  EXPECT_NEAR(Rate(kTypoFamily, kAll), v.typo_family, 0.006);
  EXPECT_NEAR(Rate(kDobMissing, kAll), v.dob_missing, 0.006);
  EXPECT_NEAR(Rate(kDobYearOff, [](const Record& r,
                                   const Person&) { return (r.variations & kDobMissing) == 0; }),
              v.dob_year_off, 0.005);
  EXPECT_NEAR(Rate(kSexMissing, kAll), v.sex_missing, 0.005);
  EXPECT_NEAR(Rate(kNationalityMissing, kAll), v.nationality_missing, 0.005);
  EXPECT_NEAR(Rate(kPlaceMissing, kAll), v.place_missing, 0.015);
}

TEST(IdentityVariation, DayMonthSwapHappensAtItsRateWhereADateAllowsIt) {
  const VariationRates& v = RepositoryModel().distributions.variation;
  std::size_t n = 0;
  const double rate = Rate(
      kDobSwapDayMonth,
      [](const Record& r, const Person& p) {
        const CivilDate& d = p.date_of_birth;
        return (r.variations & (kDobMissing | kDobFirstJanuary)) == 0 && d.day <= 12 &&
               d.day != d.month;
      },
      &n);
  EXPECT_GT(n, 1000u);
  EXPECT_NEAR(rate, v.dob_swap_day_month, 0.012);
  EXPECT_EQ(Rate(kDobSwapDayMonth,
                 [](const Record&, const Person& p) { return p.date_of_birth.day > 12; }),
            0.0);
}

TEST(IdentityVariation, NonLatinNamesAreSometimesWrittenInTheirOriginalScript) {
  const World& w = VariedWorld();
  const Distributions& d = RepositoryModel().distributions;
  const auto non_latin = [&](const Record&, const Person& p) {
    const std::string& code = d.nationalities[p.nationality];
    return code == "UKR" || code == "BGR" || code == "SYR" || code == "MAR" || code == "CHN";
  };
  std::size_t n = 0;
  EXPECT_NEAR(Rate(kNativeScript, non_latin, &n), d.variation.native_script, 0.02);
  EXPECT_GT(n, 500u);
  bool saw_cyrillic = false, saw_arabic = false, saw_han = false;
  for (const Record& r : w.records) {
    if ((r.variations & kNativeScript) == 0) continue;
    const Script s = ScriptOfText(r.given_names + r.family_name);
    saw_cyrillic = saw_cyrillic || s == Script::kCyrillic;
    saw_arabic = saw_arabic || s == Script::kArabic;
    saw_han = saw_han || s == Script::kHan;
  }
  EXPECT_TRUE(saw_cyrillic && saw_arabic && saw_han);
  EXPECT_EQ(Rate(kNativeScript, [&](const Record& r, const Person& p) { return !non_latin(r, p); }),
            0.0);
}

TEST(IdentityVariation, MarriedNamesAndParticlesVaryAtTheirRates) {
  const WorldModel& m = RepositoryModel();
  const VariationRates& v = m.distributions.variation;
  EXPECT_NEAR(Rate(kMarriedName, [](const Record&, const Person& p) { return p.has_married_name; }),
              v.married_name, 0.04);
  EXPECT_EQ(Rate(kMarriedName, [](const Record&, const Person& p) { return !p.has_married_name; }),
            0.0);
  // Particle variation: Dutch birth names with a particle, recorded under the birth name.
  const auto with_particle = [&](const Record& r, const Person& p) {
    const NationalityNames& names = *m.names.Find(m.distributions.nationalities[p.nationality]);
    return (r.variations & kMarriedName) == 0 &&
           HasDutchParticle(names.Family(p.sex == Sex::kFemale, p.family).native);
  };
  std::size_t n = 0;
  EXPECT_NEAR(Rate(kParticleVariant, with_particle, &n), v.particle_variant, 0.06);
  EXPECT_GT(n, 200u);
}

TEST(IdentityVariation, SecondGivenNamesAreSometimesLeftOut) {
  const World& w = VariedWorld();
  const VariationRates& v = RepositoryModel().distributions.variation;
  std::size_t n = 0;
  EXPECT_NEAR(Rate(
                  kSecondGivenDropped,
                  [](const Record&, const Person& p) { return p.has_second_given(); }, &n),
              v.second_given_dropped, 0.03);
  EXPECT_GT(n, 1000u);
  EXPECT_EQ(Rate(kSecondGivenDropped,
                 [](const Record&, const Person& p) { return !p.has_second_given(); }),
            0.0);
  std::size_t with_two = 0;
  for (const Person& p : w.persons) with_two += p.has_second_given() ? 1u : 0u;
  EXPECT_GT(with_two, w.persons.size() / 10);
}

// The person's first given name entry.
const NameEntry& FirstGiven(const Person& p) {
  const WorldModel& m = RepositoryModel();
  const NationalityNames& names = *m.names.Find(m.distributions.nationalities[p.nationality]);
  return names.Given(p.sex == Sex::kFemale)[p.given];
}

TEST(IdentityVariation, DiacriticsAreDroppedAtTheirRate) {
  const VariationRates& v = RepositoryModel().distributions.variation;
  std::size_t n = 0;
  const double rate = Rate(
      kDiacriticsDropped,
      [](const Record&, const Person& p) {
        const NameEntry& given = FirstGiven(p);
        return given.script == Script::kLatin && !IsAscii(given.native) && !given.latin.empty();
      },
      &n);
  EXPECT_GT(n, 300u);
  EXPECT_NEAR(rate, 1 - v.native_diacritics, 0.05);
}

TEST(IdentityVariation, OtherLatinSpellingsAppearAtTheirRate) {
  const World& w = VariedWorld();
  const VariationRates& v = RepositoryModel().distributions.variation;
  double n = 0, variants = 0;
  for (const Record& r : w.records) {
    const NameEntry& given = FirstGiven(w.persons[r.person]);
    if (!IsAscii(given.native) || given.latin.size() < 2) continue;
    if ((r.variations & (kTypoGiven | kNameOrderSwap | kGivenMissing)) != 0) continue;
    const std::string first = r.given_names.substr(0, r.given_names.find(' '));
    n += 1;
    for (std::size_t i = 1; i < given.latin.size(); ++i) {
      if (first == given.latin[i] && first != given.latin[0]) variants += 1;
    }
  }
  EXPECT_GT(n, 300);
  EXPECT_NEAR(variants / n, v.latin_variant, 0.05);
}

TEST(IdentityVariation, UnflaggedRecordsCarryTheTrueIdentity) {
  const World& w = VariedWorld();
  const WorldModel& m = RepositoryModel();
  constexpr std::uint32_t kNameFlags =
      kTypoGiven | kTypoFamily | kNativeScript | kDiacriticsDropped | kLatinVariant |
      kParticleVariant | kMarriedName | kNameOrderSwap | kGivenMissing | kFamilyMissing;
  constexpr std::uint32_t kDateFlags =
      kDobMissing | kDobFirstJanuary | kDobSwapDayMonth | kDobYearOff;
  std::size_t checked = 0;
  for (const Record& r : w.records) {
    const Person& p = w.persons[r.person];
    const NationalityNames& names = *m.names.Find(m.distributions.nationalities[p.nationality]);
    const bool female = p.sex == Sex::kFemale;
    if ((r.variations & kNameFlags) == 0) {
      const NameEntry& given = names.Given(female)[p.given];
      const NameEntry& family = names.Family(female, p.family);
      std::string native = given.native, latin = given.PrimaryLatin();
      if (p.has_second_given() && (r.variations & kSecondGivenDropped) == 0) {
        native += ' ' + names.Given(female)[p.second_given].native;
        latin += ' ' + names.Given(female)[p.second_given].PrimaryLatin();
      }
      EXPECT_TRUE(r.given_names == native || r.given_names == latin) << r.given_names;
      EXPECT_TRUE(r.family_name == family.native || r.family_name == family.PrimaryLatin())
          << r.family_name;
      ++checked;
    }
    if ((r.variations & kDateFlags) == 0) {
      ASSERT_EQ(r.date_of_birth, p.date_of_birth);
    }
    if ((r.variations & (kNationalityMissing | kNationalityRecoded)) == 0) {
      ASSERT_EQ(std::string(r.nationality.data(), 3), m.distributions.nationalities[p.nationality]);
    }
    if ((r.variations & kSexMissing) == 0) {
      ASSERT_EQ(r.sex, p.sex);
    }
  }
  EXPECT_GT(checked, w.records.size() / 3);
}

}  // namespace
}  // namespace schakel::synth
