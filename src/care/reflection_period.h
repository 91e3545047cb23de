// The B8 reflection period (bedenktijd, Vreemdelingencirculaire B8/3; domain.md §7): at the
// slightest indication of trafficking the police or KMar offer a possible victim without lawful
// residence "ten hoogste drie maanden" (at most three months) to decide whether to report the
// crime; removal is suspended and shelter and support are given. Here: when it ends, when the
// coordinator is warned, and what came of it. Pure; dates are Europe/Amsterdam calendar dates.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "care/amsterdam_time.h"
#include "domain/result.h"

namespace schakel::care {

// What came of the reflection period. kNone is an outcome ("did none of these"), not "not yet
// recorded": that is an empty optional.
enum class ReflectionOutcome { kReportedCrime, kCooperates, kCannotCooperate, kNone };
const char* ReflectionOutcomeName(ReflectionOutcome o);  // "reported_crime", …, "none"
std::optional<ReflectionOutcome> ParseReflectionOutcome(std::string_view name);

struct ReflectionPeriod {
  Date start;     // the first day, counted in the period
  Date last_day;  // LastDayOfReflection(start); the period ends at the end of this day
  std::optional<ReflectionOutcome> outcome;
  std::optional<Date> outcome_on;  // when the outcome was recorded
};

// The last day of a period of at most three months that starts on `start` (counted as day one):
// the day before the same day-of-month three months later; when that day does not exist (start on
// 29–31 November, 31 January, …) the last day of that month. 15 Jan → 14 Apr; 1 Feb → 30 Apr;
// 31 Jan → 30 Apr; 30 Nov 2027 → 29 Feb 2028.
Date LastDayOfReflection(Date start);

// A period starting on `start`; kInvalid (field "reflection_start") for a date that does not
// exist.
Result<ReflectionPeriod> StartReflectionPeriod(Date start);

// Records the outcome on `on`. kInvalid with field "reflection_outcome_on" when `on` is before the
// start; kConflict when an outcome is already recorded (a correction is a new audited record).
Result<ReflectionPeriod> RecordReflectionOutcome(const ReflectionPeriod& period,
                                                 ReflectionOutcome outcome, Date on);

enum class DeadlineKind { kWarnTwoWeeks, kWarnOneWeek, kEnd };
const char* DeadlineKindName(DeadlineKind k);  // "warn_two_weeks", "warn_one_week", "end"

// A moment the coordinator must act by, as the local date and as the UTC instant at which that
// date begins in Amsterdam (what a scheduler compares with the clock).
struct ReflectionDeadline {
  DeadlineKind kind = DeadlineKind::kEnd;
  Date date;
  std::chrono::sys_seconds starts_utc;
};

// The warnings 14 and 7 days before the last day, and the end: the day after the last day, when
// the period is over (the instant is the end of the last day). Once an outcome is recorded the
// period needs no more warnings and the list is empty.
std::vector<ReflectionDeadline> ReflectionDeadlines(const ReflectionPeriod& period);

// Days left on `today`, the last day included: 1 on the last day, 0 or less once it is over.
int ReflectionDaysLeft(const ReflectionPeriod& period, Date today);

}  // namespace schakel::care
