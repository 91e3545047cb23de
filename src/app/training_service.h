// Training and awareness registry use cases: sessions (e-learning, training, information evening)
// for an audience, for staff who attended and when their refresher is due, departments with their
// number of relevant staff, and the coverage per department. Only staff names, roles and
// departments are recorded; other audiences are counted, never named.
// Every call asks the policy (kManageTraining, own organisation) first; every change is audited
// in its transaction. Thread-safe as far as the Database is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "domain/clock.h"
#include "kader/training.h"
#include "store/db.h"
#include "store/training_repository.h"

namespace schakel::app {

struct TrainingAttendeeInput {
  std::string staff_name;
  std::string staff_role;
  std::string department;  // empty: the session's department
};

struct TrainingSessionInput {
  std::string organisation;
  std::string title;
  std::string format;
  std::string audience;
  std::string department;  // staff sessions for one department; optional
  std::string held_on;
  int64_t participants = 0;
  std::optional<int64_t> refresher_months;  // staff only; default 24
  std::vector<TrainingAttendeeInput> attendees;
};

struct TrainingOverview {
  std::string organisation;
  std::string today;
  std::vector<kader::DepartmentCoverage> coverage;  // valid today
  double overall_share = 0;
  std::vector<kader::RefresherDue> refreshers;  // due within 60 days or overdue
  std::vector<store::TrainingSessionRecord> sessions;
};

class TrainingService {
 public:
  TrainingService(store::Database& database, const Clock& clock, const AuditTrail& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  Result<TrainingOverview> Overview(std::string_view organisation, const Actor& actor);
  // Validates every field (errors name it: "attendees[2].staff_name") before it writes.
  Result<store::TrainingSessionRecord> AddSession(const TrainingSessionInput& input,
                                                  const Actor& actor);
  Result<store::TrainingSessionRecord> Session(int64_t id, const Actor& actor);
  // Sets the number of relevant staff of a department (0..100000).
  Result<store::TrainingDepartmentRecord> SetDepartment(std::string_view organisation,
                                                        const std::string& department,
                                                        int64_t relevant_staff, const Actor& actor);

  // The refresher interval of a staff session when none is given.
  static constexpr int64_t kDefaultRefresherMonths = 24;
  // Refreshers due within this many days are listed as reminders.
  static constexpr int kReminderDays = 60;

 private:
  std::string Today() const;
  Status Allow(const Actor& actor, std::string_view organisation, std::string_view object_id);
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

// The attendance of staff sessions, as the coverage rule reads it.
std::vector<kader::TrainingAttendance> AttendanceOf(
    const std::vector<store::TrainingSessionRecord>& sessions);
std::vector<kader::DepartmentStaff> StaffOf(
    const std::vector<store::TrainingDepartmentRecord>& departments);

}  // namespace schakel::app
