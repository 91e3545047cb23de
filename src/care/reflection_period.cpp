#include "care/reflection_period.h"

#include <fmt/format.h>

#include "care/wire_name.h"

namespace schakel::care {

const char* ReflectionOutcomeName(ReflectionOutcome o) {
  switch (o) {
    case ReflectionOutcome::kReportedCrime:
      return "reported_crime";
    case ReflectionOutcome::kCooperates:
      return "cooperates";
    case ReflectionOutcome::kCannotCooperate:
      return "cannot_cooperate";
    case ReflectionOutcome::kNone:
      return "none";
  }
  return "none";
}

std::optional<ReflectionOutcome> ParseReflectionOutcome(std::string_view name) {
  return FromWireName(name,
                      {ReflectionOutcome::kReportedCrime, ReflectionOutcome::kCooperates,
                       ReflectionOutcome::kCannotCooperate, ReflectionOutcome::kNone},
                      ReflectionOutcomeName);
}

const char* DeadlineKindName(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::kWarnTwoWeeks:
      return "warn_two_weeks";
    case DeadlineKind::kWarnOneWeek:
      return "warn_one_week";
    case DeadlineKind::kEnd:
      return "end";
  }
  return "end";
}

Date LastDayOfReflection(Date start) {
  const auto ym = std::chrono::year_month{start.year(), start.month()} + std::chrono::months{3};
  const Date same_day{ym.year(), ym.month(), start.day()};
  if (!same_day.ok()) return AddMonthsClamped(start, 3);  // no such day: that month's last day
  return AddDays(same_day, -1);
}

Result<ReflectionPeriod> StartReflectionPeriod(Date start) {
  if (!start.ok()) {
    return Error::Invalid("reflection_start", "the start of the reflection period is not a date");
  }
  return ReflectionPeriod{start, LastDayOfReflection(start), std::nullopt, std::nullopt};
}

Result<ReflectionPeriod> RecordReflectionOutcome(const ReflectionPeriod& period,
                                                 ReflectionOutcome outcome, Date on) {
  if (period.outcome) {
    return Error::Conflict(
        fmt::format("the outcome of this reflection period is already recorded "
                    "('{}')",
                    ReflectionOutcomeName(*period.outcome)));
  }
  if (!on.ok() || DaysBetween(period.start, on) < 0) {
    return Error::Invalid("reflection_outcome_on",
                          fmt::format("the outcome cannot be recorded before the period started "
                                      "on {}",
                                      FormatDate(period.start)));
  }
  ReflectionPeriod out = period;
  out.outcome = outcome;
  out.outcome_on = on;
  return out;
}

std::vector<ReflectionDeadline> ReflectionDeadlines(const ReflectionPeriod& period) {
  if (period.outcome) return {};
  std::vector<ReflectionDeadline> out;
  for (auto [kind, offset] :
       {std::pair{DeadlineKind::kWarnTwoWeeks, -14}, std::pair{DeadlineKind::kWarnOneWeek, -7},
        std::pair{DeadlineKind::kEnd, 1}}) {
    const Date date = AddDays(period.last_day, offset);
    out.push_back({kind, date, AmsterdamMidnightUtc(date)});
  }
  return out;
}

int ReflectionDaysLeft(const ReflectionPeriod& period, Date today) {
  return DaysBetween(today, period.last_day) + 1;
}

}  // namespace schakel::care
