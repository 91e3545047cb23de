// Person and Record: the two value types of the synthetic world. A Person is one (possible) victim
// in the true population with their true identity (as indices into the NameBook); a Record is
// what one source wrote down about a person, with the identity variation that source introduced.
// The link Record -> Person is the ground truth that linkage and estimation are tested against.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace schakel::synth {

struct CivilDate {
  std::int16_t year = 0;  // 0 = unknown
  std::uint8_t month = 0;
  std::uint8_t day = 0;

  bool known() const { return year != 0; }
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// True for a real calendar date with a year in 1..9999.
bool IsValidDate(const CivilDate& date);
// The date `days` days after 1 January of `year`, clamped to 31 December.
CivilDate DateInYear(int year, int days);
// "YYYY-MM-DD", or "" when unknown.
std::string FormatIsoDate(const CivilDate& date);

enum class Sex : std::uint8_t { kUnknown = 0, kFemale = 1, kMale = 2 };

inline constexpr std::uint16_t kNoName = 0xFFFF;

// One person of the true population (the generator keeps only those captured by any source).
struct Person {
  std::uint64_t id = 0;   // unique over the whole world, also for persons never captured
  std::int16_t year = 0;  // the year the person is counted in
  std::uint16_t municipality = 0;
  std::uint8_t form = 0;      // index into Distributions::forms
  std::uint8_t age_band = 0;  // index into Distributions::age_bands
  std::uint8_t age = 0;
  std::uint8_t nationality = 0;  // index into Distributions::nationalities
  Sex sex = Sex::kFemale;
  std::uint8_t visibility = 0;  // index into Distributions::visibility_multiplier
  std::uint8_t captured = 0;    // capture history: bit s set when source s captured the person
  bool has_married_name = false;
  CivilDate date_of_birth;
  bool has_second_given() const { return second_given != kNoName; }
  std::uint16_t given = 0;               // index into NationalityNames::Given(female)
  std::uint16_t second_given = kNoName;  // a second given name, or kNoName
  std::uint16_t family = 0;              // birth family name, index into NationalityNames::Family
  std::uint16_t married_family = 0;      // valid when has_married_name
  std::uint16_t place = 0;               // index into NationalityNames::places
};

// Kinds of identity variation, as bits of Record::variations.
enum Variation : std::uint32_t {
  kTypoGiven = 1u << 0,
  kTypoFamily = 1u << 1,
  kNativeScript = 1u << 2,       // non-Latin name written in its original script
  kDiacriticsDropped = 1u << 3,  // Latin name written without its diacritics
  kLatinVariant = 1u << 4,       // a less common Latin spelling / transliteration
  kParticleVariant = 1u << 5,    // Dutch particle written differently
  kMarriedName = 1u << 6,        // married family name instead of the birth name
  kNameOrderSwap = 1u << 7,
  kDobSwapDayMonth = 1u << 8,
  kDobYearOff = 1u << 9,
  kDobMissing = 1u << 10,
  kDobFirstJanuary = 1u << 11,
  kGivenMissing = 1u << 12,
  kFamilyMissing = 1u << 13,
  kSexMissing = 1u << 14,
  kNationalityMissing = 1u << 15,
  kNationalityRecoded = 1u << 16,
  kPlaceMissing = 1u << 17,
  kSecondRecord = 1u << 18,        // a further record of the same capture within one source
  kSecondGivenDropped = 1u << 19,  // only the first of two given names recorded
};
inline constexpr int kVariationCount = 20;
// Snake-case name of variation bit `bit` (0..kVariationCount-1), as written to truth.csv.
const char* VariationName(int bit);

// What one source recorded. Empty strings / unknown date / kUnknown sex mean "not recorded".
struct Record {
  std::uint32_t person = 0;  // index into World::persons
  std::uint8_t source = 0;   // index into Distributions::sources
  Sex sex = Sex::kUnknown;
  CivilDate date_of_birth;
  CivilDate reported_on;  // when the source recorded the person (within the person's year)
  std::uint32_t variations = 0;
  std::array<char, 3> nationality{};  // alpha-3, all zero when not recorded
  std::string given_names;
  std::string family_name;
  std::string place_of_birth;

  bool has_nationality() const { return nationality[0] != 0; }
};

}  // namespace schakel::synth
