#include "care/dashboard.h"

#include <algorithm>
#include <tuple>

namespace schakel::care {

namespace {

void CollectDeadlines(const CaseSummary& c, Date today, std::vector<DashboardDeadline>& out) {
  for (const CarePlanItem& i : c.items) {
    if (IsOpen(i) && i.due) out.push_back({c.case_id, "care_plan_item", i.id, *i.due});
  }
  for (const Reminder& r : c.reminders) {
    if (!r.done) out.push_back({c.case_id, "reminder", r.id, r.due});
  }
  if (c.reflection && !c.reflection->outcome) {
    out.push_back({c.case_id, "reflection_end", "", c.reflection->last_day});
  }
  // Only grants in force: once expired or revoked there is nothing left to decide.
  for (const SharingGrant& g : c.grants) {
    if (CheckGrantInForce(g, today))
      out.push_back({c.case_id, "grant_expires", g.id, g.expires_on});
  }
}

// The latest warning whose date has come, while the period still runs and has no outcome.
std::optional<ReflectionWarning> WarningOf(const CaseSummary& c, Date today) {
  if (!c.reflection || c.reflection->outcome) return std::nullopt;
  const int days_left = ReflectionDaysLeft(*c.reflection, today);
  if (days_left <= 0) return std::nullopt;  // over: it is on the overdue list instead
  std::optional<ReflectionWarning> out;
  for (const ReflectionDeadline& d : ReflectionDeadlines(*c.reflection)) {
    if (d.kind != DeadlineKind::kEnd && DaysBetween(d.date, today) >= 0) {
      out = ReflectionWarning{c.case_id, d.kind, c.reflection->last_day, days_left};
    }
  }
  return out;
}

}  // namespace

Dashboard BuildDashboard(const std::vector<CaseSummary>& cases, std::string_view coordinator,
                         Date today) {
  Dashboard out;
  for (const CaseSummary& c : cases) {
    if (c.coordinator != coordinator || !IsActive(c.state)) continue;
    out.my_cases.push_back(c.case_id);
    if (c.acute) out.acute.push_back(c.case_id);
    CollectDeadlines(c, today, out.deadlines);
    if (auto w = WarningOf(c, today)) out.reflection_warnings.push_back(*w);
  }
  std::sort(out.my_cases.begin(), out.my_cases.end());
  std::sort(out.acute.begin(), out.acute.end());
  std::sort(out.deadlines.begin(), out.deadlines.end(),
            [](const DashboardDeadline& a, const DashboardDeadline& b) {
              return std::tuple{std::chrono::sys_days{a.due}, a.case_id, a.kind, a.ref} <
                     std::tuple{std::chrono::sys_days{b.due}, b.case_id, b.kind, b.ref};
            });
  for (const DashboardDeadline& d : out.deadlines) {
    if (IsOverdue(d.due, today)) out.overdue.push_back(d);
    if (IsDueThisWeek(d.due, today)) out.due_this_week.push_back(d);
  }
  std::sort(out.reflection_warnings.begin(), out.reflection_warnings.end(),
            [](const ReflectionWarning& a, const ReflectionWarning& b) {
              return a.days_left < b.days_left;
            });
  return out;
}

}  // namespace schakel::care
