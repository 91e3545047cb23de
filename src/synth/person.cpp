// Calendar helpers and variation names for the synthetic world's value types (see person.h).
#include "synth/person.h"

#include <fmt/format.h>

namespace schakel::synth {

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(const CivilDate& date) {
  return date.year >= 1 && date.year <= 9999 && date.month >= 1 && date.month <= 12 &&
         date.day >= 1 && date.day <= DaysInMonth(date.year, date.month);
}

CivilDate DateInYear(int year, int days) {
  int month = 1;
  while (month < 12 && days >= DaysInMonth(year, month)) days -= DaysInMonth(year, month++);
  const int day = days < DaysInMonth(year, month) ? days + 1 : DaysInMonth(year, month);
  return CivilDate{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(month),
                   static_cast<std::uint8_t>(day < 1 ? 1 : day)};
}

std::string FormatIsoDate(const CivilDate& date) {
  if (!date.known()) return {};
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

const char* VariationName(int bit) {
  static constexpr const char* kNames[kVariationCount] = {
      "typo_given",          "typo_family",      "native_script", "diacritics_dropped",
      "latin_variant",       "particle_variant", "married_name",  "name_order_swap",
      "dob_swap_day_month",  "dob_year_off",     "dob_missing",   "dob_first_january",
      "given_missing",       "family_missing",   "sex_missing",   "nationality_missing",
      "nationality_recoded", "place_missing",    "second_record", "second_given_dropped"};
  return bit >= 0 && bit < kVariationCount ? kNames[bit] : "";
}

}  // namespace schakel::synth
