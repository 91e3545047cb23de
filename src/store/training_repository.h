// The training and awareness registry of an organisation: departments with their number of
// relevant staff, sessions (e-learning, training, information evening) for an audience, and for
// staff sessions who attended. Rows only: coverage and refreshers are computed in src/kader.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct TrainingDepartmentRecord {
  std::string organisation;
  std::string department;
  int64_t relevant_staff = 0;
  std::string updated_at;
};

struct TrainingAttendeeRecord {
  std::string staff_name;
  std::string staff_role;
  std::string department;
};

struct TrainingSessionRecord {
  int64_t id = 0;
  std::string organisation;
  std::string title;
  std::string format;                     // e_learning | training | information_evening
  std::string audience;                   // staff | businesses | schools | residents | risk_groups
  std::optional<std::string> department;  // staff sessions held for one department
  std::string held_on;
  int64_t participants = 0;
  std::optional<int64_t> refresher_months;  // staff sessions only
  std::string created_at;
  std::string created_by;
  std::vector<TrainingAttendeeRecord> attendees{};
};

class TrainingRepository {
 public:
  explicit TrainingRepository(Db& db) : db_(db) {}
  Status SetDepartment(const TrainingDepartmentRecord& d);
  Result<std::vector<TrainingDepartmentRecord>> Departments(std::string_view organisation);
  // Inserts the session with its attendees and returns its id.
  Result<int64_t> AddSession(const TrainingSessionRecord& s);
  Result<std::optional<TrainingSessionRecord>> FindSession(int64_t id);
  // Sessions of the organisation, newest first, with attendees.
  Result<std::vector<TrainingSessionRecord>> Sessions(std::string_view organisation);

 private:
  Result<std::vector<TrainingSessionRecord>> WithAttendees(Result<Rows> rows);
  Db& db_;
};

}  // namespace schakel::store
