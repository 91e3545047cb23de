// The training and awareness registry of a policy officer's own organisation: coverage of
// relevant staff per department, refreshers due, the sessions, and forms to register a session
// and to set a department's number of relevant staff.
#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "app/practice_input.h"
#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

struct SessionForm {
  app::TrainingSessionInput input;
  std::string participants;
  std::string refresher_months;
  std::string attendees;  // one per line: name; role; department
};

std::string Percent(double share) {
  return fmt::format("{}%", static_cast<int>(std::floor(share * 100 + 1e-9)));
}

// Parses "name; role; department" lines; a line with fewer parts leaves the rest empty.
std::vector<app::TrainingAttendeeInput> ParseAttendees(const std::string& text) {
  std::vector<app::TrainingAttendeeInput> out;
  std::istringstream lines(text);
  std::string line;
  const auto trim = [](std::string s) {
    const size_t a = s.find_first_not_of(" \t\r");
    const size_t b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
  };
  while (std::getline(lines, line)) {
    if (trim(line).empty()) continue;
    std::vector<std::string> parts;
    std::istringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, ';')) parts.push_back(trim(cell));
    parts.resize(3);
    out.push_back({parts[0], parts[1], parts[2]});
  }
  return out;
}

json SessionRows(const PageRequest& pr, const std::vector<store::TrainingSessionRecord>& sessions) {
  json rows = json::array();
  for (const auto& s : sessions) {
    rows.push_back({{"held_on", s.held_on},
                    {"title", s.title},
                    {"format", pr.T("practice.vocab.format." + s.format)},
                    {"audience", pr.T("practice.vocab.audience." + s.audience)},
                    {"department", s.department.value_or("")},
                    {"participants", s.participants},
                    {"named", s.attendees.size()}});
  }
  return rows;
}

void RenderTraining(Site& site, Call& call, const PageRequest& pr, const SessionForm& form,
                    const std::string& department, const std::string& staff,
                    std::vector<FieldError> errors) {
  const std::string org = call.actor.principal.organisation;
  auto view = site.services().training.Overview(org, call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  Page page = MakePage("training", pr.T("training.title"), "training");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("training.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["organisation_name"] = OrganisationLabel(site, org);
  json coverage = json::array();
  for (const auto& c : view->coverage) {
    coverage.push_back({{"department", c.department},
                        {"relevant_staff", c.relevant_staff},
                        {"trained", c.trained},
                        {"share", Percent(c.share)}});
  }
  d["coverage"] = coverage;
  d["has_coverage"] = !coverage.empty();
  d["overall"] = pr.F("training.overall", {{"share", Percent(view->overall_share)}});
  json refreshers = json::array();
  for (const auto& r : view->refreshers) {
    refreshers.push_back(
        {{"text", pr.F(r.overdue ? "training.refresher_overdue" : "training.refresher_due",
                       {{"name", r.staff_name},
                        {"department", r.department},
                        {"due", r.due},
                        {"last", r.last_training}})}});
  }
  d["refreshers"] = refreshers;
  d["has_refreshers"] = !refreshers.empty();
  d["sessions"] = SessionRows(pr, view->sessions);
  d["has_sessions"] = !view->sessions.empty();
  const std::string notice = call.Query("opgeslagen");
  if (notice == "sessie") d["notice"] = pr.T("training.session_saved");
  if (notice == "afdeling") d["notice"] = pr.T("training.department_saved");
  const app::TrainingSessionInput& in = form.input;
  d["session_fields"] = json::array(
      {FieldData({"title", pr.T("training.field.title"), in.title}, errors),
       SelectData(pr, "format", pr.T("training.field.format"), app::TrainingFormats(),
                  "practice.vocab.format", in.format, errors),
       SelectData(pr, "audience", pr.T("training.field.audience"), app::TrainingAudiences(),
                  "practice.vocab.audience", in.audience, errors),
       FieldData({"held_on", pr.T("training.field.held_on"), in.held_on, "date"}, errors),
       FieldData({"participants", pr.T("training.field.participants"), form.participants, "text",
                  pr.T("training.field.participants_hint"), "off", true},
                 errors)});
  d["staff_fields"] =
      json::array({FieldData({"department", pr.T("training.field.department"), in.department,
                              "text", pr.T("training.field.department_hint")},
                             errors),
                   FieldData({"refresher_months", pr.T("training.field.refresher_months"),
                              form.refresher_months, "text",
                              pr.T("training.field.refresher_months_hint"), "off", true},
                             errors)});
  d["attendees"] = TextAreaData("attendees", pr.T("training.field.attendees"), form.attendees,
                                pr.T("training.field.attendees_hint"), errors);
  d["department_fields"] =
      json::array({FieldData({"afdeling", pr.T("training.field.department"), department}, errors),
                   FieldData({"relevant_staff", pr.T("training.field.relevant_staff"), staff,
                              "text", pr.T("training.field.relevant_staff_hint"), "off", true},
                             errors)});
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// A whole number typed in a form field; nullopt when empty or not one.
std::optional<int64_t> WholeNumber(const std::string& text) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

}  // namespace

void RegisterTrainingPages(Router& router, Site& site) {
  site.Get(router, "/kader/training", [&site](Call& call, const PageRequest& pr) {
    RenderTraining(site, call, pr, {{}, "", "", ""}, "", "", {});
  });
  site.Post(router, "/kader/training/sessies", [&site](Call& call, const PageRequest& pr) {
    SessionForm form;
    app::TrainingSessionInput& in = form.input;
    in.organisation = call.actor.principal.organisation;
    in.title = FormValue(call, "title");
    in.format = FormValue(call, "format");
    in.audience = FormValue(call, "audience");
    in.department = FormValue(call, "department");
    in.held_on = FormValue(call, "held_on");
    form.participants = FormValue(call, "participants");
    form.refresher_months = FormValue(call, "refresher_months");
    form.attendees = FormValue(call, "attendees");
    in.attendees = ParseAttendees(form.attendees);
    std::vector<FieldError> errors;
    if (auto n = WholeNumber(form.participants)) {
      in.participants = *n;
    } else if (form.participants.empty()) {
      in.participants = static_cast<int64_t>(in.attendees.size());
    } else {
      errors.push_back({"participants", pr.T("training.error.participants")});
    }
    if (!form.refresher_months.empty()) {
      if (auto n = WholeNumber(form.refresher_months)) {
        in.refresher_months = *n;
      } else {
        errors.push_back({"refresher_months", pr.T("training.error.refresher_months")});
      }
    }
    if (!errors.empty()) return RenderTraining(site, call, pr, form, "", "", std::move(errors));
    auto created = site.services().training.AddSession(in, call.actor);
    if (created) return Site::SeeOther(call, "/kader/training?opgeslagen=sessie");
    if (created.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, created.error());
    }
    RenderTraining(site, call, pr, form, "", "",
                   {FormErrorOf(pr, created.error(), "training.error")});
  });
  site.Post(router, "/kader/training/afdelingen", [&site](Call& call, const PageRequest& pr) {
    const std::string department = FormValue(call, "afdeling");
    const std::string staff = FormValue(call, "relevant_staff");
    auto n = WholeNumber(staff);
    if (!n) {
      return RenderTraining(site, call, pr, {{}, "", "", ""}, department, staff,
                            {{"relevant_staff", pr.T("training.error.relevant_staff")}});
    }
    auto set = site.services().training.SetDepartment(call.actor.principal.organisation, department,
                                                      *n, call.actor);
    if (set) return Site::SeeOther(call, "/kader/training?opgeslagen=afdeling");
    if (set.error().code != ErrorCode::kInvalid) return site.RenderError(call, pr, set.error());
    FieldError e = FormErrorOf(pr, set.error(), "training.error");
    if (e.field_id == "department") e = {"afdeling", pr.T("training.error.department_name")};
    RenderTraining(site, call, pr, {{}, "", "", ""}, department, staff, {e});
  });
}

}  // namespace schakel::http::pages
