// Identity variation between sources (see identity_variation.h).
#include "synth/identity_variation.h"

#include <array>
#include <cassert>

#include "synth/utf8_text.h"

namespace schakel::synth {

namespace {

// Longest first, so that "van der" wins over "van".
constexpr std::array<std::string_view, 12> kParticles = {
    "van der ", "van den ", "van de ", "van 't ", "in 't ", "van ",
    "de ",      "der ",     "den ",    "ter ",    "ten ",   "'t "};

std::size_t ParticleLength(std::string_view family) {
  for (std::string_view particle : kParticles) {
    if (family.size() > particle.size() && family.starts_with(particle)) return particle.size();
  }
  return 0;
}

std::string Capitalise(std::string_view words) {
  std::u32string text = DecodeUtf8(words);
  bool start = true;
  for (char32_t& cp : text) {
    if (start && cp != U'\'') cp = ToUpper(cp);
    start = cp == U' ';
  }
  return EncodeUtf8(text);
}

std::string Joined(std::string_view particle, std::string_view rest) {
  std::string out;
  for (char c : particle) {
    if (c != ' ' && c != '\'') out += c;
  }
  std::u32string tail = DecodeUtf8(rest);
  if (!tail.empty()) tail[0] = ToLower(tail[0]);
  return Capitalise(out) + EncodeUtf8(tail);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Picks a letter from `alphabet` different from `avoid`, in the case of `model`.
char32_t PickLetter(const std::u32string& alphabet, char32_t avoid, char32_t model, Rng& rng) {
  char32_t letter = alphabet[rng.Below(alphabet.size())];
  for (int tries = 0; tries < 8 && ToLower(letter) == ToLower(avoid); ++tries) {
    letter = alphabet[rng.Below(alphabet.size())];
  }
  if (ToLower(letter) == ToLower(avoid)) letter = letter == U'x' ? U'q' : U'x';
  return IsUpper(model) ? ToUpper(letter) : letter;
}

}  // namespace

bool HasDutchParticle(std::string_view family) {
  return ParticleLength(family) > 0;
}

std::string VaryDutchParticle(std::string_view family, Rng& rng) {
  const std::size_t length = ParticleLength(family);
  assert(length > 0);
  const std::string_view particle = Trim(family.substr(0, length));
  const std::string_view rest = family.substr(length);
  const bool van_form = particle.starts_with("van ") || particle == "van";
  switch (rng.Below(5)) {
    case 0:
      return Capitalise(particle) + " " + std::string(rest);
    case 1:
      if (van_form && particle.size() > 4) return "vd " + std::string(rest);
      if (van_form) return "v. " + std::string(rest);
      return Capitalise(particle) + " " + std::string(rest);
    case 2:
      return std::string(rest) + " " + std::string(particle);
    case 3:
      return std::string(rest);
    default:
      return Joined(particle, rest);
  }
}

std::string ApplyTypo(std::string_view name, const std::u32string& alphabet, Rng& rng) {
  std::u32string text = DecodeUtf8(name);
  if (text.empty() || alphabet.empty()) return std::string(name);
  const std::size_t n = text.size();
  std::uint64_t op = rng.Below(4);
  // Transposition needs two different neighbours, deletion at least two characters.
  std::vector<std::size_t> swappable;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (text[i] != text[i + 1]) swappable.push_back(i);
  }
  if ((op == 1 && n < 2) || (op == 3 && swappable.empty())) op = 0;
  switch (op) {
    case 0: {  // insert
      const std::size_t at = rng.Below(n + 1);
      const char32_t model = at < n && at > 0 ? text[at - 1] : (at == 0 ? U'a' : text[n - 1]);
      text.insert(text.begin() + static_cast<std::ptrdiff_t>(at),
                  PickLetter(alphabet, 0, model, rng));
      break;
    }
    case 1:  // delete
      text.erase(text.begin() + static_cast<std::ptrdiff_t>(rng.Below(n)));
      break;
    case 2: {  // substitute
      const std::size_t at = rng.Below(n);
      text[at] = PickLetter(alphabet, text[at], text[at], rng);
      break;
    }
    default: {  // transpose
      const std::size_t at = swappable[rng.Below(swappable.size())];
      std::swap(text[at], text[at + 1]);
      break;
    }
  }
  return EncodeUtf8(text);
}

CivilDate ShiftYear(CivilDate date, int delta) {
  date.year = static_cast<std::int16_t>(date.year + delta);
  if (date.month == 2 && date.day == 29 && !IsLeapYear(date.year)) date.day = 28;
  return date;
}

IdentityRenderer::IdentityRenderer(const WorldModel& model) : model_(model) {
  for (const std::string& code : model.distributions.nationalities) {
    names_.push_back(model.names.Find(code));
  }
}

namespace {

// How one record writes names: decided once per record so that a source is consistent.
struct ScriptChoice {
  bool native_script = false;  // non-Latin names in their original script
  bool keep_diacritics = false;
};

std::string WriteName(const NameEntry& entry, const ScriptChoice& choice, double latin_variant,
                      Rng& rng, std::uint32_t& flags) {
  const bool variant = rng.Chance(latin_variant);  // drawn always: stable random streams
  if (entry.script != Script::kLatin) {
    if (choice.native_script) {
      flags |= kNativeScript;
      return entry.native;
    }
  } else if (!IsAscii(entry.native) && !entry.latin.empty()) {
    if (choice.keep_diacritics) return entry.native;
    flags |= kDiacriticsDropped;
  } else if (entry.latin.size() <= 1) {
    return entry.native;
  }
  if (variant && entry.latin.size() > 1) {
    flags |= kLatinVariant;
    return entry.latin[1 + rng.Below(entry.latin.size() - 1)];
  }
  return entry.PrimaryLatin();
}

}  // namespace

Record IdentityRenderer::Render(const Person& person, std::uint32_t person_index,
                                std::size_t source, Rng& rng) const {
  const VariationRates& v = model_.distributions.variation;
  const NationalityNames& names = *names_[person.nationality];
  const std::string& nationality = model_.distributions.nationalities[person.nationality];
  const bool female = person.sex == Sex::kFemale;
  Record r;
  r.person = person_index;
  r.source = static_cast<std::uint8_t>(source);
  ScriptChoice choice;
  choice.native_script = rng.Chance(v.native_script);
  choice.keep_diacritics = rng.Chance(v.native_diacritics);

  r.given_names =
      WriteName(names.Given(female)[person.given], choice, v.latin_variant, rng, r.variations);
  const bool drop_second = rng.Chance(v.second_given_dropped);
  if (person.has_second_given()) {
    if (drop_second) {
      r.variations |= kSecondGivenDropped;
    } else {
      r.given_names += ' ';
      r.given_names += WriteName(names.Given(female)[person.second_given], choice, v.latin_variant,
                                 rng, r.variations);
    }
  }
  std::size_t family_index = person.family;
  if (rng.Chance(v.married_name) && person.has_married_name) {
    family_index = person.married_family;
    r.variations |= kMarriedName;
  }
  r.family_name =
      WriteName(names.Family(female, family_index), choice, v.latin_variant, rng, r.variations);
  if (rng.Chance(v.particle_variant) && HasDutchParticle(r.family_name)) {
    r.family_name = VaryDutchParticle(r.family_name, rng);
    r.variations |= kParticleVariant;
  }
  const Script script = ScriptOfText(r.given_names);
  if (rng.Chance(v.typo_given)) {
    r.given_names = ApplyTypo(r.given_names, model_.names.Alphabet(script), rng);
    r.variations |= kTypoGiven;
  }
  if (rng.Chance(v.typo_family)) {
    r.family_name =
        ApplyTypo(r.family_name, model_.names.Alphabet(ScriptOfText(r.family_name)), rng);
    r.variations |= kTypoFamily;
  }
  const bool east_asian = nationality == "CHN" || nationality == "VNM";
  if (rng.Chance(east_asian ? v.name_order_swap_east_asian : v.name_order_swap)) {
    std::swap(r.given_names, r.family_name);
    r.variations |= kNameOrderSwap;
  }
  if (rng.Chance(v.given_missing)) {
    r.given_names.clear();
    r.variations |= kGivenMissing;
  }
  if (rng.Chance(v.family_missing)) {
    r.family_name.clear();
    r.variations |= kFamilyMissing;
  }

  // Date of birth: all chances drawn, then applied in a fixed order.
  const bool dob_missing = rng.Chance(v.dob_missing);
  const bool dob_jan1 = rng.Chance(v.dob_first_january);
  const bool dob_swap = rng.Chance(v.dob_swap_day_month);
  const bool dob_off = rng.Chance(v.dob_year_off);
  const int direction = rng.Chance(0.5) ? 1 : -1;
  CivilDate dob = person.date_of_birth;
  if (dob_missing) {
    dob = CivilDate{};
    r.variations |= kDobMissing;
  } else {
    if (dob_jan1) {
      dob.month = 1;
      dob.day = 1;
      r.variations |= kDobFirstJanuary;
    } else if (dob_swap && dob.day <= 12 && dob.day != dob.month) {
      std::swap(dob.day, dob.month);
      r.variations |= kDobSwapDayMonth;
    }
    if (dob_off) {
      dob = ShiftYear(dob, direction);
      r.variations |= kDobYearOff;
    }
  }
  r.date_of_birth = dob;

  r.sex = person.sex;
  if (rng.Chance(v.sex_missing)) {
    r.sex = Sex::kUnknown;
    r.variations |= kSexMissing;
  }
  const bool nat_missing = rng.Chance(v.nationality_missing);
  const bool nat_recoded = rng.Chance(v.nationality_recoded);
  std::string recorded = nationality;
  if (nat_missing) {
    recorded.clear();
    r.variations |= kNationalityMissing;
  } else if (nat_recoded) {
    if (auto it = model_.distributions.nationality_confusion.find(nationality);
        it != model_.distributions.nationality_confusion.end()) {
      recorded = it->second;
      r.variations |= kNationalityRecoded;
    }
  }
  if (recorded.size() == 3) r.nationality = {recorded[0], recorded[1], recorded[2]};

  std::uint32_t place_flags = 0;  // place spellings do not count as name variation
  r.place_of_birth =
      WriteName(names.places[person.place], choice, v.latin_variant, rng, place_flags);
  if (rng.Chance(v.place_missing)) {
    r.place_of_birth.clear();
    r.variations |= kPlaceMissing;
  }
  return r;
}

}  // namespace schakel::synth
