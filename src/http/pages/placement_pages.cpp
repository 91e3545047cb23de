#include "http/pages/placement_pages.h"

#include <fmt/format.h>

#include <map>

#include "http/pages/forms.h"
#include "http/pages/signal_view.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

// HTML ids (and form names) of the place form.
constexpr const char* kShelterId = "opvang-locatie";
constexpr const char* kFromId = "opvang-van";
constexpr const char* kUntilId = "opvang-tot";
constexpr const char* kReasonId = "opvang-reden";

std::string CaseHref(const std::string& id) {
  return "/zaken/" + id;
}

std::string EndFieldId(const std::string& placement_id) {
  return "opvang-einde-" + placement_id;
}

struct PlaceForm {
  std::string shelter, from, until, reason;
  bool ask_override = false;  // the shelter was full: ask for the reason
  std::string full_message;   // which shelter is full, in the page language
};

// The place form as first shown: the first night today.
PlaceForm FreshForm(Site& site) {
  PlaceForm form;
  form.from = DutchDate(site.services().shelters.Today());
  return form;
}

std::string TypeName(Site& site, const PageRequest& pr, const std::string& id) {
  const care::ShelterType* t = site.services().placements.data().FindShelterType(id);
  return t ? InLanguage(pr, t->name) : id;
}

std::string OptionLabel(Site& site, const PageRequest& pr, const app::ShelterOccupancy& o) {
  const int64_t free = o.shelter.capacity - o.occupied;
  const std::map<std::string, std::string> values = {
      {"name", o.shelter.name},
      {"type", TypeName(site, pr, o.shelter.type)},
      {"free", std::to_string(free)},
      {"occupied", std::to_string(o.occupied)},
      {"capacity", std::to_string(o.shelter.capacity)}};
  return pr.F(free > 0 ? "placement.option_free" : "placement.option_full", values);
}

json StayRows(Site& site, const PageRequest& pr, const std::string& case_id,
              const std::vector<app::PlacementView>& stays, const std::vector<FieldError>& errors,
              bool may_end) {
  const std::string today = DutchDate(site.services().shelters.Today());
  json rows = json::array();
  for (const auto& p : stays) {
    const store::PlacementRecord& r = p.record;
    const std::string end_id = EndFieldId(r.id);
    const json end_error = ErrorOf(errors, end_id);
    rows.push_back(
        {{"shelter", p.shelter_name},
         {"type", TypeName(site, pr, p.shelter_type)},
         {"from", DutchDate(r.from)},
         {"until", r.until ? DutchDate(*r.until) : pr.T("placement.still_there")},
         {"override",
          r.over_capacity_reason.empty() ? json(nullptr) : json(r.over_capacity_reason)},
         {"end", may_end && p.open
                     ? json{{"action", CaseHref(case_id) + "/opvang/" + r.id + "/einde"},
                            {"id", end_id},
                            {"label", pr.F("placement.end_label", {{"shelter", p.shelter_name}})},
                            {"value", today},
                            {"error", end_error},
                            {"invalid", !end_error.is_null()}}
                     : json(nullptr)}});
  }
  return rows;
}

// The section's data, or the error of reading the case's placements.
Result<json> SectionData(Site& site, Call& call, const PageRequest& pr, const std::string& case_id,
                         const PlaceForm& form, const std::vector<FieldError>& errors) {
  auto stays = site.services().placements.OfCase(call.actor, case_id);
  if (!stays) return stays.error();
  // Only a coordinator who may place gets the choices (and the end forms); a closed case
  // offers none.
  auto choices = site.services().placements.ShelterChoices(call.actor, case_id);
  json d = json::object();
  d["stays"] = StayRows(site, pr, case_id, *stays, errors, choices.ok());
  d["has_stays"] = !stays->empty();
  d["place_action"] = CaseHref(case_id) + "/opvang";
  d["place_form"] = nullptr;
  d["closed_note"] = nullptr;
  d["no_shelters"] = false;
  if (!choices) {
    if (choices.error().code == ErrorCode::kConflict) d["closed_note"] = pr.T("placement.closed");
    return d;
  }
  if (choices->empty()) {
    d["no_shelters"] = true;
    return d;
  }
  std::vector<Choice> options;
  for (const auto& o : *choices) {
    options.push_back({std::to_string(o.shelter.id), OptionLabel(site, pr, o)});
  }
  json fields = json::array();
  fields.push_back(SelectField(kShelterId, pr.T("placement.field.shelter"),
                               pr.T("placement.choose_shelter"), options, form.shelter, errors));
  fields.back()["select"] = true;
  fields.push_back(FieldData({kFromId, pr.T("placement.field.from"), form.from, "text",
                              pr.T("placement.field.date_hint"), "off", true},
                             errors));
  fields.push_back(FieldData({kUntilId, pr.T("placement.field.until"), form.until, "text",
                              pr.T("placement.field.until_hint"), "off", true},
                             errors));
  json place = {{"fields", fields}, {"ask_override", form.ask_override}};
  if (form.ask_override) {
    place["full_message"] = form.full_message;
    place["reason"] = TextAreaData(kReasonId, pr.T("placement.field.override_reason"), form.reason,
                                   pr.T("placement.field.override_hint"), errors);
  }
  d["place_form"] = place;
  return d;
}

// The section on a page of its own: after a refused place or end, with the errors.
void RenderPlacementPage(Site& site, Call& call, const PageRequest& pr, const PlaceForm& form,
                         std::vector<FieldError> errors) {
  const std::string id = call.Param("id");
  auto the_case = site.services().cases.LoadForAction(call.actor, id, app::Action::kViewCase);
  if (!the_case) return site.RenderError(call, pr, the_case.error());
  auto section = SectionData(site, call, pr, id, form, errors);
  if (!section) return site.RenderError(call, pr, section.error());
  const std::string reference = app::CaseReference(the_case->seq);
  Page page =
      MakePage("case_placements", pr.F("placement.page_title", {{"case", reference}}), "cases");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/zaken", pr.T("case.dashboard.title")},
                      {CaseHref(id), reference},
                      {"", pr.T("placement.title")}};
  page.status = errors.empty() ? 200 : 422;
  page.data["case_href"] = CaseHref(id);
  page.data["reference"] = reference;
  page.data["placements"] = std::move(*section);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// The form field a refusal of the use case belongs to.
std::string FieldIdOf(const std::string& field) {
  static const std::map<std::string, std::string> kIds = {
      {"shelter", kShelterId}, {"shelter_id", kShelterId}, {"from", kFromId},
      {"case_id", kFromId},    {"until", kUntilId},        {"override_reason", kReasonId}};
  auto it = kIds.find(field);
  return it == kIds.end() ? kShelterId : it->second;
}

void Place(Site& site, Call& call, const PageRequest& pr) {
  PlaceForm form;
  form.shelter = FormValue(call, kShelterId);
  form.from = FormValue(call, kFromId);
  form.until = FormValue(call, kUntilId);
  form.reason = FormValue(call, kReasonId);
  const std::string id = call.Param("id");
  if (form.shelter.empty() || form.shelter.size() > 12 ||
      form.shelter.find_first_not_of("0123456789") != std::string::npos) {
    return RenderPlacementPage(site, call, pr, form,
                               {{kShelterId, pr.T("placement.error.shelter")}});
  }
  app::PlacementInput in{std::stoll(form.shelter), form.from, form.until, form.reason};
  auto placed = site.services().placements.Place(call.actor, id, in);
  if (placed) return Site::SeeOther(call, CaseHref(id) + "#opvang");
  const Error& e = placed.error();
  if (e.code == ErrorCode::kConflict && e.field == "override_reason") {
    form.ask_override = true;
    std::string name = form.shelter;
    auto choices = site.services().placements.ShelterChoices(call.actor, id);
    if (choices) {
      for (const auto& o : *choices) {
        if (std::to_string(o.shelter.id) == form.shelter) name = o.shelter.name;
      }
    }
    form.full_message = pr.F("placement.full_message", {{"shelter", name}});
    return RenderPlacementPage(site, call, pr, form, {{kReasonId, pr.T("placement.error.full")}});
  }
  if (e.code != ErrorCode::kInvalid) return site.RenderError(call, pr, e);
  // A reason given before stays asked for: the shelter may still be full.
  form.ask_override = !form.reason.empty();
  RenderPlacementPage(site, call, pr, form,
                      {{FieldIdOf(e.field), pr.T("placement.error." + e.field)}});
}

void End(Site& site, Call& call, const PageRequest& pr) {
  const std::string id = call.Param("id");
  const std::string placement = call.Param("placement");
  auto ended = site.services().placements.End(call.actor, id, placement, FormValue(call, "tot"));
  if (ended) return Site::SeeOther(call, CaseHref(id) + "#opvang");
  const Error& e = ended.error();
  if (e.code != ErrorCode::kInvalid && !(e.code == ErrorCode::kConflict && e.field == "until")) {
    return site.RenderError(call, pr, e);
  }
  const std::string key =
      e.code == ErrorCode::kConflict ? "placement.error.ended" : "placement.error.end_until";
  RenderPlacementPage(site, call, pr, FreshForm(site), {{EndFieldId(placement), pr.T(key)}});
}

}  // namespace

json CasePlacementsSection(Site& site, Call& call, const PageRequest& pr,
                           const std::string& case_id) {
  auto section = SectionData(site, call, pr, case_id, FreshForm(site), {});
  return section ? std::move(*section) : json(nullptr);
}

void RegisterPlacementPages(Router& router, Site& site) {
  site.Get(router, "/zaken/{id}/opvang", [&site](Call& call, const PageRequest& pr) {
    RenderPlacementPage(site, call, pr, FreshForm(site), {});
  });
  site.Post(router, "/zaken/{id}/opvang",
            [&site](Call& call, const PageRequest& pr) { Place(site, call, pr); });
  site.Post(router, "/zaken/{id}/opvang/{placement}/einde",
            [&site](Call& call, const PageRequest& pr) { End(site, call, pr); });
}

}  // namespace schakel::http::pages
