// Civil dates and Europe/Amsterdam local time, for deadlines that the law and the coordinator count
// in calendar days and months. libstdc++ 12 has no time-zone database (std::chrono::zoned_time),
// so the Dutch rule is written out: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC — the EU rule (directive 2000/84/EC), which
// the Netherlands has followed since 1996. Tests check it against the system tz database. If the
// EU ends clock changes, this file is the one place to change. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace schakel::care {

// A civil date (no time, no zone): "the day the reflection period starts".
using Date = std::chrono::year_month_day;

// "2026-03-29".
std::string FormatDate(Date d);
// The reverse of FormatDate; nullopt for any other form or a day that does not exist.
std::optional<Date> ParseDate(std::string_view text);

Date AddDays(Date d, int days);
// `d` plus whole calendar months; a day that does not exist in the target month becomes that
// month's last day (31 January + 1 month = 28 or 29 February).
Date AddMonthsClamped(Date d, int months);
// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(Date from, Date to);

// When summer time (CEST) starts and ends in `year`: the last Sunday of March and of October,
// 01:00 UTC. REQUIRES: year >= 1996 (earlier years had other rules).
std::chrono::sys_seconds SummerTimeStart(std::chrono::year year);
std::chrono::sys_seconds SummerTimeEnd(std::chrono::year year);

// The offset of Amsterdam local time from UTC at `instant`: 1 h in winter, 2 h in summer.
std::chrono::seconds AmsterdamUtcOffset(std::chrono::sys_seconds instant);
// The UTC instant at which date `d` begins in Amsterdam (local midnight; midnight is never in the
// hour skipped or repeated by a clock change, so it is always exactly one instant).
std::chrono::sys_seconds AmsterdamMidnightUtc(Date d);
// The Amsterdam calendar date at `instant` ("today" for a coordinator, given the clock).
Date AmsterdamDate(std::chrono::sys_seconds instant);

}  // namespace schakel::care
