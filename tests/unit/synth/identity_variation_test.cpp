// Tests of the single identity-variation operations.
#include "synth/identity_variation.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>

#include "synth/utf8_text.h"

namespace schakel::synth {
namespace {

// Levenshtein distance with adjacent transposition (optimal string alignment), on code points.
std::size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

const std::u32string kLatin = U"abcdefghijklmnopqrstuvwxyz";

RC_GTEST_PROP(ApplyTypo, ChangesANameByExactlyOneEdit, (std::uint64_t seed)) {
  const std::vector<std::string> names = {"Anna",   "Kowalska", "Олена", "محمد",         "美玲",
                                          "Nguyễn", "Al",       "X",     "van der Meer", "Aa"};
  Rng rng(seed);
  const std::string name = names[rng.Below(names.size())];
  const std::u32string alphabet = ScriptOfText(name) == Script::kCyrillic ? U"абвгдежз"
                                  : ScriptOfText(name) == Script::kArabic ? U"ابتثجح"
                                  : ScriptOfText(name) == Script::kHan    ? U"王李张丽"
                                                                          : kLatin;
  const std::string typo = ApplyTypo(name, alphabet, rng);
  RC_ASSERT(typo != name);
  RC_ASSERT(IsValidUtf8(typo));
  RC_ASSERT(EditDistance(DecodeUtf8(name), DecodeUtf8(typo)) == 1u);
}

TEST(ApplyTypo, KeepsTheCaseOfASubstitutedCapital) {
  Rng rng(1);
  int capital_kept = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string typo = ApplyTypo("A", kLatin, rng);
    if (typo.size() == 1)
      capital_kept += (typo[0] >= 'A' && typo[0] <= 'Z') ? 1 : 0;
    else
      capital_kept += 1;  // insertion keeps the capital
  }
  EXPECT_EQ(capital_kept, 200);
}

TEST(DutchParticle, RecognisesParticlesOnlyBeforeAName) {
  EXPECT_TRUE(HasDutchParticle("van der Meer"));
  EXPECT_TRUE(HasDutchParticle("de Jong"));
  EXPECT_TRUE(HasDutchParticle("van 't Hof"));
  EXPECT_FALSE(HasDutchParticle("Vandermeer"));
  EXPECT_FALSE(HasDutchParticle("Devries"));
  EXPECT_FALSE(HasDutchParticle("van "));
}

TEST(DutchParticle, ProducesTheKnownWritingsOfAParticle) {
  Rng rng(4);
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) seen.insert(VaryDutchParticle("van der Meer", rng));
  const std::set<std::string> expected = {"Van Der Meer", "vd Meer", "Meer van der", "Meer",
                                          "Vandermeer"};
  EXPECT_EQ(seen, expected);
  std::set<std::string> de;
  for (int i = 0; i < 500; ++i) de.insert(VaryDutchParticle("de Jong", rng));
  EXPECT_TRUE(de.contains("De Jong"));
  EXPECT_TRUE(de.contains("Jong de"));
  EXPECT_TRUE(de.contains("Dejong"));
  EXPECT_FALSE(de.contains("de Jong"));
}

TEST(ShiftYear, MovesLeapDayToTheLastDayOfFebruary) {
  EXPECT_EQ(ShiftYear(CivilDate{2000, 2, 29}, 1), (CivilDate{2001, 2, 28}));
  EXPECT_EQ(ShiftYear(CivilDate{2000, 3, 1}, -1), (CivilDate{1999, 3, 1}));
  EXPECT_TRUE(IsValidDate(ShiftYear(CivilDate{2004, 2, 29}, -1)));
}

TEST(CivilDate, DateInYearCountsDaysFromFirstJanuaryAndClamps) {
  EXPECT_EQ(DateInYear(2023, 0), (CivilDate{2023, 1, 1}));
  EXPECT_EQ(DateInYear(2023, 31), (CivilDate{2023, 2, 1}));
  EXPECT_EQ(DateInYear(2024, 59), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(DateInYear(2023, 59), (CivilDate{2023, 3, 1}));
  EXPECT_EQ(DateInYear(2023, 364), (CivilDate{2023, 12, 31}));
  EXPECT_EQ(DateInYear(2023, 500), (CivilDate{2023, 12, 31}));
}

TEST(CivilDate, FormatsIsoAndValidates) {
  EXPECT_EQ(FormatIsoDate(CivilDate{1999, 3, 7}), "1999-03-07");
  EXPECT_EQ(FormatIsoDate(CivilDate{}), "");
  EXPECT_FALSE(IsValidDate(CivilDate{2001, 2, 29}));
  EXPECT_TRUE(IsValidDate(CivilDate{2000, 2, 29}));
  EXPECT_FALSE(IsValidDate(CivilDate{1900, 2, 29}));
}

}  // namespace
}  // namespace schakel::synth
