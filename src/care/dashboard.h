// The care coordinator's dashboard: my cases, what is overdue, what is due this week, acute cases,
// reflection periods nearing their end, and every deadline in date order. Built from summaries of
// the cases the coordinator may see; the caller loads them. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/amsterdam_time.h"
#include "care/care_plan.h"
#include "care/case_lifecycle.h"
#include "care/reflection_period.h"
#include "care/sharing.h"

namespace schakel::care {

// A reminder the coordinator set on a case ("call the lawyer about the hearing").
struct Reminder {
  std::string id;
  std::string text;
  Date due;
  bool done = false;
};

// What the dashboard needs of one case.
struct CaseSummary {
  std::string case_id;
  std::string coordinator;  // the responsible coordinator's user id
  CaseState state = CaseState::kRegistered;
  bool acute = false;  // urgency acute (the signal's or the coordinator's judgement)
  std::vector<CarePlanItem> items;
  std::optional<ReflectionPeriod> reflection;
  std::vector<Reminder> reminders;
  std::vector<SharingGrant> grants;  // the case's sharing grants
};

// One thing due on a case. `kind`: "care_plan_item", "reminder", "reflection_end" (the last day
// of a reflection period without a recorded outcome) or "grant_expires" (the last day of a sharing
// grant in force: renew it or let it lapse); `ref` is the item's, reminder's or grant's id.
struct DashboardDeadline {
  std::string case_id;
  std::string kind;
  std::string ref;
  Date due;
};

// A reflection period whose two-week or one-week warning date has come.
struct ReflectionWarning {
  std::string case_id;
  DeadlineKind warning = DeadlineKind::kWarnTwoWeeks;
  Date last_day;
  int days_left = 0;  // the last day included
};

struct Dashboard {
  std::vector<std::string> my_cases;             // active (not closed, not transferred), by case id
  std::vector<std::string> acute;                // my active acute cases
  std::vector<DashboardDeadline> overdue;        // due before today
  std::vector<DashboardDeadline> due_this_week;  // due today through the next six days
  std::vector<ReflectionWarning> reflection_warnings;
  std::vector<DashboardDeadline> deadlines;  // every deadline, by date, then case, then ref
};

// The dashboard of `coordinator` on `today`, from the active cases they are responsible for.
Dashboard BuildDashboard(const std::vector<CaseSummary>& cases, std::string_view coordinator,
                         Date today);

}  // namespace schakel::care
