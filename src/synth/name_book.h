// NameBook: synthetic name material per nationality — given names (female/male), family names
// (neutral and gendered forms, e.g. Polish -ski/-ska), and places of birth — each with its form in
// the original script (Cyrillic, Arabic, Han, or Latin with diacritics) and its usual Latin
// spellings. Parsed from data/synth/names.csv. Persons get random combinations of these lists, so
// no generated identity is a real person's record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "synth/utf8_text.h"

namespace schakel::synth {

struct NameEntry {
  std::string native;              // as written in the original script
  std::vector<std::string> latin;  // Latin spellings, most common first; may be empty
  Script script = Script::kLatin;  // script of `native`

  // The primary Latin form (the first spelling, else the native form).
  const std::string& PrimaryLatin() const { return latin.empty() ? native : latin.front(); }
};

enum class NameKind { kGivenFemale, kGivenMale, kFamily, kFamilyFemale, kFamilyMale, kPlace };

struct NationalityNames {
  std::string code;  // ISO 3166 alpha-3
  std::vector<NameEntry> given_female, given_male;
  std::vector<NameEntry> family, family_female, family_male;
  std::vector<NameEntry> places;

  // Family names available for a person of that sex: neutral ones, then the gendered forms.
  std::size_t FamilyCount(bool female) const;
  const NameEntry& Family(bool female, std::size_t index) const;
  const std::vector<NameEntry>& Given(bool female) const {
    return female ? given_female : given_male;
  }
};

class NameBook {
 public:
  // Parses names.csv (header nationality,kind,native,latin; latin spellings separated by '|').
  static Result<NameBook> Parse(std::string_view csv_text);

  // Names of a nationality, or nullptr.
  const NationalityNames* Find(std::string_view code) const;
  // Lower-case letters used for typos in names of `script` (a-z for Latin; collected from the
  // lists for the other scripts).
  const std::u32string& Alphabet(Script script) const;

  const std::vector<NationalityNames>& nationalities() const { return nationalities_; }

 private:
  std::vector<NationalityNames> nationalities_;
  std::u32string alphabets_[5];
};

}  // namespace schakel::synth
