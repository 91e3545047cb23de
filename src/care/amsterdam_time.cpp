#include "care/amsterdam_time.h"

#include <fmt/format.h>

#include "domain/clock.h"

namespace schakel::care {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

std::string FormatDate(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::optional<Date> ParseDate(std::string_view text) {
  // ParseUtc accepts a date or a date-time and checks the calendar; a date has exactly 10 chars.
  if (text.size() != 10) return std::nullopt;
  auto t = ParseUtc(text);
  if (!t) return std::nullopt;
  return Date{std::chrono::floor<days>(*t)};
}

Date AddDays(Date d, int n) {
  return Date{sys_days{d} + days{n}};
}

Date AddMonthsClamped(Date d, int months) {
  const std::chrono::year_month ym =
      std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
  const Date target{ym.year(), ym.month(), d.day()};
  if (target.ok()) return target;
  return Date{std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}};
}

int DaysBetween(Date from, Date to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

namespace {

sys_seconds LastSundayAt0100Utc(std::chrono::year year, std::chrono::month month) {
  const sys_days sunday{year / month / std::chrono::Sunday[std::chrono::last]};
  return sys_seconds{sunday} + hours{1};
}

bool IsSummerTime(sys_seconds instant) {
  const auto year = Date{std::chrono::floor<days>(instant)}.year();
  return instant >= SummerTimeStart(year) && instant < SummerTimeEnd(year);
}

}  // namespace

sys_seconds SummerTimeStart(std::chrono::year year) {
  return LastSundayAt0100Utc(year, std::chrono::March);
}

sys_seconds SummerTimeEnd(std::chrono::year year) {
  return LastSundayAt0100Utc(year, std::chrono::October);
}

std::chrono::seconds AmsterdamUtcOffset(sys_seconds instant) {
  return IsSummerTime(instant) ? hours{2} : hours{1};
}

sys_seconds AmsterdamMidnightUtc(Date d) {
  const sys_seconds local_midnight_as_utc{sys_days{d}};
  // Midnight local is 22:00 or 23:00 UTC the day before; summer time holds there only if it held
  // two hours before midnight, since clocks change at 01:00 UTC.
  const sys_seconds summer_guess = local_midnight_as_utc - hours{2};
  if (IsSummerTime(summer_guess)) return summer_guess;
  return local_midnight_as_utc - hours{1};
}

Date AmsterdamDate(sys_seconds instant) {
  return Date{std::chrono::floor<days>(instant + AmsterdamUtcOffset(instant))};
}

}  // namespace schakel::care
