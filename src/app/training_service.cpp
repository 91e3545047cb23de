#include "app/training_service.h"

#include <fmt/format.h>

#include <set>

#include "app/access.h"
#include "app/practice_input.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

Status ValidateSession(const TrainingSessionInput& in) {
  if (Status s = CheckText("title", in.title, 200); !s.ok()) return s;
  if (Status s = CheckOneOf("format", in.format, TrainingFormats()); !s.ok()) return s;
  if (Status s = CheckOneOf("audience", in.audience, TrainingAudiences()); !s.ok()) return s;
  if (Status s = CheckText("department", in.department, 100, false); !s.ok()) return s;
  if (Status s = CheckDate("held_on", in.held_on); !s.ok()) return s;
  if (in.participants < 0 || in.participants > 100000) {
    return Error::Invalid("participants", "'participants' must be between 0 and 100,000");
  }
  const bool staff = in.audience == "staff";
  if (!staff && !in.attendees.empty()) {
    return Error::Invalid("attendees",
                          "names are recorded for own staff only; give the number of "
                          "participants for other audiences");
  }
  if (!staff && in.refresher_months) {
    return Error::Invalid("refresher_months",
                          "a refresher interval applies to staff sessions only");
  }
  if (!staff && !in.department.empty()) {
    return Error::Invalid("department", "a department applies to staff sessions only");
  }
  if (in.refresher_months && (*in.refresher_months < 1 || *in.refresher_months > 120)) {
    return Error::Invalid("refresher_months", "'refresher_months' must be between 1 and 120");
  }
  if (static_cast<int64_t>(in.attendees.size()) > in.participants) {
    return Error::Invalid("participants",
                          fmt::format("{} attendees are named but 'participants' is {}",
                                      in.attendees.size(), in.participants));
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < in.attendees.size(); ++i) {
    const TrainingAttendeeInput& a = in.attendees[i];
    const std::string at = fmt::format("attendees[{}]", i);
    if (Status s = CheckText(at + ".staff_name", a.staff_name, 100); !s.ok()) return s;
    if (Status s = CheckText(at + ".staff_role", a.staff_role, 100, false); !s.ok()) return s;
    const std::string& department = a.department.empty() ? in.department : a.department;
    if (department.empty()) {
      return Error::Invalid(at + ".department",
                            "each attendee needs a department (or the session one)");
    }
    if (Status s = CheckText(at + ".department", department, 100); !s.ok()) return s;
    if (!seen.insert({department, a.staff_name}).second) {
      return Error::Invalid(at + ".staff_name",
                            fmt::format("'{}' of {} is named twice", a.staff_name, department));
    }
  }
  return {};
}

}  // namespace

std::vector<kader::TrainingAttendance> AttendanceOf(
    const std::vector<store::TrainingSessionRecord>& sessions) {
  std::vector<kader::TrainingAttendance> out;
  for (const auto& s : sessions) {
    if (!s.refresher_months) continue;
    const std::string valid_until =
        kader::AddMonths(s.held_on, static_cast<int>(*s.refresher_months));
    for (const auto& a : s.attendees) {
      out.push_back({a.department, a.staff_name, s.held_on, valid_until});
    }
  }
  return out;
}

std::vector<kader::DepartmentStaff> StaffOf(
    const std::vector<store::TrainingDepartmentRecord>& departments) {
  std::vector<kader::DepartmentStaff> out;
  for (const auto& d : departments) {
    out.push_back({d.department, static_cast<int>(d.relevant_staff)});
  }
  return out;
}

std::string TrainingService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

Status TrainingService::Allow(const Actor& actor, std::string_view organisation,
                              std::string_view object_id) {
  return AuthorizeOnOrganisation(database_, audit_, actor, Action::kManageTraining, organisation,
                                 Today(), "training", object_id);
}

Result<TrainingOverview> TrainingService::Overview(std::string_view organisation,
                                                   const Actor& actor) {
  if (Status s = Allow(actor, organisation, organisation); !s.ok()) return s.error();
  auto db = database_.Acquire();
  store::TrainingRepository repo(*db);
  auto departments = repo.Departments(organisation);
  if (!departments) return departments.error();
  auto sessions = repo.Sessions(organisation);
  if (!sessions) return sessions.error();
  TrainingOverview view{std::string(organisation), Today(), {}, 0, {}, std::move(*sessions)};
  const auto attendance = AttendanceOf(view.sessions);
  view.coverage = kader::Coverage(StaffOf(*departments), attendance, view.today, "");
  view.overall_share = kader::OverallShare(view.coverage);
  view.refreshers = kader::RefreshersDue(attendance, view.today, kReminderDays);
  return view;
}

Result<store::TrainingSessionRecord> TrainingService::AddSession(const TrainingSessionInput& input,
                                                                 const Actor& actor) {
  if (Status s = Allow(actor, input.organisation, input.organisation); !s.ok()) return s.error();
  if (Status s = ValidateSession(input); !s.ok()) return s.error();
  store::TrainingSessionRecord record;
  record.organisation = input.organisation;
  record.title = input.title;
  record.format = input.format;
  record.audience = input.audience;
  if (!input.department.empty()) record.department = input.department;
  record.held_on = input.held_on;
  record.participants = input.participants;
  if (input.audience == "staff") {
    record.refresher_months = input.refresher_months.value_or(kDefaultRefresherMonths);
  }
  record.created_at = FormatUtc(clock_.Now());
  record.created_by = actor.name;
  for (const auto& a : input.attendees) {
    record.attendees.push_back(
        {a.staff_name, a.staff_role, a.department.empty() ? input.department : a.department});
  }
  auto db = database_.Acquire();
  return store::InTransaction<store::TrainingSessionRecord>(
      *db, [&](store::Db& tx) -> Result<store::TrainingSessionRecord> {
        store::TrainingRepository repo(tx);
        auto id = repo.AddSession(record);
        if (!id) return id.error();
        if (Status s = audit_.Record(
                tx, actor.Event("training.session.add", "training_session", std::to_string(*id)));
            !s.ok()) {
          return s.error();
        }
        auto stored = repo.FindSession(*id);
        if (!stored) return stored.error();
        return **stored;
      });
}

Result<store::TrainingSessionRecord> TrainingService::Session(int64_t id, const Actor& actor) {
  std::optional<store::TrainingSessionRecord> session;
  {
    auto db = database_.Acquire();
    auto found = store::TrainingRepository(*db).FindSession(id);
    if (!found) return found.error();
    session = std::move(*found);
  }
  if (!session) return Error::NotFound(fmt::format("no training session {}", id));
  if (Status s = Allow(actor, session->organisation, std::to_string(id)); !s.ok()) {
    return s.error();
  }
  return *session;
}

Result<store::TrainingDepartmentRecord> TrainingService::SetDepartment(
    std::string_view organisation, const std::string& department, int64_t relevant_staff,
    const Actor& actor) {
  if (Status s = Allow(actor, organisation, organisation); !s.ok()) return s.error();
  if (Status s = CheckText("department", department, 100); !s.ok()) return s.error();
  if (relevant_staff < 0 || relevant_staff > 100000) {
    return Error::Invalid("relevant_staff", "'relevant_staff' must be between 0 and 100,000");
  }
  store::TrainingDepartmentRecord record{std::string(organisation), department, relevant_staff,
                                         FormatUtc(clock_.Now())};
  auto db = database_.Acquire();
  return store::InTransaction<store::TrainingDepartmentRecord>(
      *db, [&](store::Db& tx) -> Result<store::TrainingDepartmentRecord> {
        if (Status s = store::TrainingRepository(tx).SetDepartment(record); !s.ok()) {
          return s.error();
        }
        if (Status s = audit_.Record(
                tx, actor.Event("training.department.set", "organisation", record.organisation));
            !s.ok()) {
          return s.error();
        }
        return record;
      });
}

}  // namespace schakel::app
