// Training coverage and refreshers: which share of a department's relevant staff holds a valid
// training, and whose refresher is due. Pure: dates are ISO strings ("2026-11-28") passed in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schakel::kader {

// A department and how many of its staff should be trained (the denominator of coverage).
struct DepartmentStaff {
  std::string department;
  int relevant_staff = 0;
};

// One staff member's attendance of a staff training.
struct TrainingAttendance {
  std::string department;
  std::string staff_name;
  std::string held_on;      // ISO date of the session
  std::string valid_until;  // ISO date the refresher is due (held_on + the session's interval)
};

struct DepartmentCoverage {
  std::string department;
  int relevant_staff = 0;
  int trained = 0;   // distinct staff with a training held on or after held_since, valid today
  double share = 0;  // trained / relevant_staff, at most 1; 0 without relevant staff
};

// Coverage per department of `departments` (attendance of other departments is ignored: they
// declared no relevant staff). `held_since` empty: any date.
std::vector<DepartmentCoverage> Coverage(const std::vector<DepartmentStaff>& departments,
                                         const std::vector<TrainingAttendance>& attendance,
                                         std::string_view today, std::string_view held_since);
// The share over all departments together; 0 without relevant staff.
double OverallShare(const std::vector<DepartmentCoverage>& coverage);

// A staff member whose latest training expires within `horizon_days` of today (or has expired).
struct RefresherDue {
  std::string department;
  std::string staff_name;
  std::string last_training;  // ISO date
  std::string due;            // ISO date
  bool overdue = false;
};
std::vector<RefresherDue> RefreshersDue(const std::vector<TrainingAttendance>& attendance,
                                        std::string_view today, int horizon_days);

// ISO date arithmetic. REQUIRES: `date` is a valid ISO date. Month steps clamp the day to the
// end of the month (2026-03-31 minus one month is 2026-02-28).
std::string AddMonths(std::string_view date, int months);
std::string AddDays(std::string_view date, int days);

}  // namespace schakel::kader
