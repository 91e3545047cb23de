// Dates of birth as recorded in trafficking cases: often partly unknown (only a year, or a
// placeholder day), and often mistyped (day and month swapped, year off by one). BirthDate parses
// what organisations write and says how closely two dates agree, so that the encoder can give
// near-misses partial credit.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace schakel::linkage {

struct BirthDate {
  int year = 0;   // 0 = unknown (the whole date is then empty)
  int month = 0;  // 1..12, 0 = unknown
  int day = 0;    // 1..31, 0 = unknown

  bool empty() const { return year == 0; }
  friend bool operator==(const BirthDate&, const BirthDate&) = default;
};

// Accepts "" (unknown), ISO 8601 "YYYY-MM-DD", "YYYY-MM", "YYYY", the compact "YYYYMMDD", and
// "00" placeholders for an unknown day or month ("1990-00-00"). The date must exist in the
// calendar and the year lie in 1880..2100. Surrounding spaces are ignored.
Result<BirthDate> ParseBirthDate(std::string_view text);

// How two dates of birth agree, from best to worst.
enum class DateAgreement {
  kExact,            // same year, month and day
  kDayMonthSwapped,  // same year; day and month exchanged (03-07 vs 07-03)
  kYearOffByOne,     // same day and month, year differs by one
  kSameYear,         // same year, day/month differ or are unknown on one side
  kDifferent,        // none of the above
  kUnknown,          // one of the two is empty
};

DateAgreement CompareBirthDates(const BirthDate& a, const BirthDate& b);

const char* DateAgreementName(DateAgreement agreement);

}  // namespace schakel::linkage
