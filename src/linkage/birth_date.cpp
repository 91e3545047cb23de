#include "linkage/birth_date.h"

#include <cstdlib>

namespace schakel::linkage {
namespace {

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Parses exactly n ASCII digits; -1 if any is not a digit.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Error Bad(std::string_view text, std::string why) {
  return Error::Invalid("date_of_birth", "date of birth '" + std::string(text) + "' " + why +
                                             " (expected YYYY-MM-DD, YYYY-MM or YYYY)");
}

}  // namespace

Result<BirthDate> ParseBirthDate(std::string_view raw) {
  std::string_view s = Trim(raw);
  if (s.empty()) return BirthDate{};
  BirthDate d;
  if (s.size() == 8 && Digits(s, 0, 8) >= 0) {  // YYYYMMDD
    d = {Digits(s, 0, 4), Digits(s, 4, 2), Digits(s, 6, 2)};
  } else if (s.size() >= 4 && Digits(s, 0, 4) >= 0) {
    d.year = Digits(s, 0, 4);
    if (s.size() == 7 || s.size() == 10) {
      if (s[4] != '-' || (d.month = Digits(s, 5, 2)) < 0) return Bad(raw, "is not a date");
      if (s.size() == 10 && (s[7] != '-' || (d.day = Digits(s, 8, 2)) < 0)) {
        return Bad(raw, "is not a date");
      }
    } else if (s.size() != 4) {
      return Bad(raw, "is not a date");
    }
  } else {
    return Bad(raw, "is not a date");
  }
  if (d.year < 1880 || d.year > 2100) return Bad(raw, "has a year outside 1880-2100");
  if (d.month < 0 || d.month > 12) return Bad(raw, "has no month " + std::to_string(d.month));
  if (d.month == 0 && d.day != 0) return Bad(raw, "has a day but no month");
  if (d.day != 0 && d.day > DaysInMonth(d.year, d.month)) {
    return Bad(raw, "does not exist in the calendar");
  }
  return d;
}

DateAgreement CompareBirthDates(const BirthDate& a, const BirthDate& b) {
  if (a.empty() || b.empty()) return DateAgreement::kUnknown;
  bool full = a.month && a.day && b.month && b.day;
  if (a.year == b.year) {
    if (full && a.month == b.month && a.day == b.day) return DateAgreement::kExact;
    if (full && a.month == b.day && a.day == b.month) return DateAgreement::kDayMonthSwapped;
    return DateAgreement::kSameYear;
  }
  if (std::abs(a.year - b.year) == 1 && full && a.month == b.month && a.day == b.day) {
    return DateAgreement::kYearOffByOne;
  }
  return DateAgreement::kDifferent;
}

const char* DateAgreementName(DateAgreement agreement) {
  switch (agreement) {
    case DateAgreement::kExact:
      return "exact";
    case DateAgreement::kDayMonthSwapped:
      return "day_month_swapped";
    case DateAgreement::kYearOffByOne:
      return "year_off_by_one";
    case DateAgreement::kSameYear:
      return "same_year";
    case DateAgreement::kDifferent:
      return "different";
    case DateAgreement::kUnknown:
      return "unknown";
  }
  return "unknown";
}

}  // namespace schakel::linkage
