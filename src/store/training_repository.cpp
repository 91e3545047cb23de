#include "store/training_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kSessionColumns =
    "SELECT id, organisation, title, format, audience, department, held_on, participants, "
    "refresher_months, created_at, created_by FROM training_sessions ";

std::optional<int64_t> OptInt(const Row& r, size_t i) {
  return r.IsNull(i) ? std::nullopt : std::optional<int64_t>(r.Int(i));
}

}  // namespace

Status TrainingRepository::SetDepartment(const TrainingDepartmentRecord& d) {
  auto r = db_.Execute(
      "INSERT INTO training_departments (organisation, department, relevant_staff, updated_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (organisation, department) DO UPDATE SET "
      "relevant_staff = excluded.relevant_staff, updated_at = excluded.updated_at",
      {Text(d.organisation), Text(d.department), Int(d.relevant_staff), Text(d.updated_at)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<TrainingDepartmentRecord>> TrainingRepository::Departments(
    std::string_view organisation) {
  auto rows = db_.Query(
      "SELECT organisation, department, relevant_staff, updated_at FROM training_departments "
      "WHERE organisation = ? ORDER BY department",
      {Text(std::string(organisation))});
  if (!rows) return rows.error();
  std::vector<TrainingDepartmentRecord> out;
  for (const Row& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3)});
  return out;
}

Result<int64_t> TrainingRepository::AddSession(const TrainingSessionRecord& s) {
  auto rows = db_.Query(
      "INSERT INTO training_sessions (organisation, title, format, audience, department, held_on, "
      "participants, refresher_months, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?) RETURNING id",
      {Text(s.organisation), Text(s.title), Text(s.format), Text(s.audience), OptText(s.department),
       Text(s.held_on), Int(s.participants), s.refresher_months ? Int(*s.refresher_months) : Null(),
       Text(s.created_at), Text(s.created_by)});
  if (!rows) return rows.error();
  const int64_t id = rows->front().Int(0);
  for (const TrainingAttendeeRecord& a : s.attendees) {
    auto r = db_.Execute(
        "INSERT INTO training_attendees (session, staff_name, staff_role, department) "
        "VALUES (?, ?, ?, ?)",
        {Int(id), Text(a.staff_name), Text(a.staff_role), Text(a.department)});
    if (!r) return r.error();
  }
  return id;
}

Result<std::vector<TrainingSessionRecord>> TrainingRepository::WithAttendees(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<TrainingSessionRecord> out;
  for (const Row& r : *rows) {
    TrainingSessionRecord s{r.Int(0),  r.Text(1), r.Text(2),    r.Text(3), r.Text(4), r.OptText(5),
                            r.Text(6), r.Int(7),  OptInt(r, 8), r.Text(9), r.Text(10)};
    auto attendees = db_.Query(
        "SELECT staff_name, staff_role, department FROM training_attendees WHERE session = ? "
        "ORDER BY department, staff_name",
        {Int(s.id)});
    if (!attendees) return attendees.error();
    for (const Row& a : *attendees) s.attendees.push_back({a.Text(0), a.Text(1), a.Text(2)});
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::optional<TrainingSessionRecord>> TrainingRepository::FindSession(int64_t id) {
  auto list = WithAttendees(db_.Query(std::string(kSessionColumns) + "WHERE id = ?", {Int(id)}));
  if (!list) return list.error();
  if (list->empty()) return std::optional<TrainingSessionRecord>();
  return std::optional<TrainingSessionRecord>(std::move(list->front()));
}

Result<std::vector<TrainingSessionRecord>> TrainingRepository::Sessions(
    std::string_view organisation) {
  return WithAttendees(db_.Query(
      std::string(kSessionColumns) + "WHERE organisation = ? ORDER BY held_on DESC, id DESC",
      {Text(std::string(organisation))}));
}

}  // namespace schakel::store
