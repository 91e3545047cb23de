#include "http/pages/referral_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "http/pages/forms.h"
#include "http/pages/signal_view.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

// The form's field ids on the case page (prefixed: the case page has a consent form of its
// own), by the field a use-case error names.
const std::vector<std::pair<std::string, std::string>>& FieldIds() {
  static const std::vector<std::pair<std::string, std::string>> kIds = {
      {"kind", "verwijzing-soort"},          {"to_organisation", "verwijzing-ontvanger"},
      {"to_region", "verwijzing-regio"},     {"field_groups", "verwijzing-groepen"},
      {"consent", "verwijzing-toestemming"}, {"override_reason", "verwijzing-reden"},
  };
  return kIds;
}

std::string FieldId(const std::string& field) {
  for (const auto& [f, id] : FieldIds()) {
    if (f == field) return id;
  }
  return "verwijzingen";
}

std::string GroupNames(const PageRequest& pr, const care::CareData& data,
                       const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    const care::FieldGroup* g = data.FindFieldGroup(id);
    out += (out.empty() ? "" : ", ") + (g ? InLanguage(pr, g->name) : id);
  }
  return out;
}

json ReferralRow(const PageRequest& pr, const care::CareData& data, const app::ReferralView& v) {
  const store::ReferralRecord& r = v.record;
  return {{"id", r.id},
          {"reference", v.case_reference},
          {"kind", pr.T("referral.kind." + r.kind)},
          {"to", v.to_name},
          {"to_region", v.to_region_name.empty() ? json(nullptr) : json(v.to_region_name)},
          {"groups", GroupNames(pr, data, r.field_groups)},
          {"state_id", r.state},
          {"state", pr.T("referral.state." + r.state)},
          {"reason", v.reason.empty() ? json(nullptr) : json(v.reason)},
          {"consent", r.consent_recorded
                          ? pr.T("referral.consent_given")
                          : pr.F("referral.consent_overridden", {{"reason", v.consent_override}})},
          {"created_on", DutchDate(r.created_at)},
          {"href", "/verwijzingen/" + r.id},
          {"revocable", r.state == "in_progress" || r.state == "accepted"}};
}

std::vector<Choice> OrganisationsOfKinds(Site& site, const std::vector<std::string>& kinds) {
  std::vector<Choice> out;
  for (const std::string& kind : kinds) {
    auto list = site.services().organisations.List({kind, std::nullopt, std::nullopt});
    if (!list) continue;
    for (const auto& o : *list) {
      if (!o.valid_to) out.push_back({o.code, fmt::format("{} ({})", o.name, o.code)});
    }
  }
  return out;
}

json FormData(Site& site, const PageRequest& pr, const std::string& case_id,
              const app::ReferralInput& in, const std::vector<FieldError>& errors) {
  std::vector<Choice> kinds;
  for (const char* k : {"referral", "transfer"}) {
    kinds.push_back(
        {k, pr.T(std::string("referral.kind.") + k), pr.T(std::string("referral.kind_hint.") + k)});
  }
  std::vector<Choice> groups;
  for (const auto& g : site.services().referrals.data().field_groups) {
    groups.push_back({g.id, InLanguage(pr, g.name), pr.T("sharing.group_hint." + g.id)});
  }
  const std::set<std::string> checked(in.field_groups.begin(), in.field_groups.end());
  std::set<std::string> consent;
  if (in.consent_recorded) consent.insert("ja");
  return {{"action", "/zaken/" + case_id + "/verwijzingen"},
          {"kind", ChoiceGroup(FieldId("kind"), "kind", "radio", pr.T("referral.field.kind"), kinds,
                               {in.kind}, errors)},
          {"to_organisation",
           SelectField(FieldId("to_organisation"), pr.T("referral.field.to_organisation"),
                       pr.T("referral.choose"), OrganisationsOfKinds(site, {"partner", "region"}),
                       in.to_organisation, errors)},
          {"to_region", SelectField(FieldId("to_region"), pr.T("referral.field.to_region"),
                                    pr.T("referral.no_region"),
                                    OrganisationsOfKinds(site, {"region"}), in.to_region, errors)},
          {"groups", ChoiceGroup(FieldId("field_groups"), "field_groups", "checkbox",
                                 pr.T("referral.field.field_groups"), groups, checked, errors)},
          {"consent",
           ChoiceGroup(FieldId("consent"), "consent", "checkbox", pr.T("referral.field.consent"),
                       {{"ja", pr.T("referral.consent_recorded")}}, consent, errors)},
          {"override_reason",
           TextAreaData(FieldId("override_reason"), pr.T("referral.field.override_reason"),
                        in.override_reason, pr.T("referral.hint.override_reason"), errors)}};
}

app::ReferralInput ReferralFromForm(const Call& call) {
  app::ReferralInput in;
  in.kind = FormValue(call, "kind");
  in.to_organisation = FormValue(call, FieldId("to_organisation"));
  in.to_region = FormValue(call, FieldId("to_region"));
  in.field_groups = FormValues(call, "field_groups");
  const auto consent = FormValues(call, "consent");
  in.consent_recorded = std::find(consent.begin(), consent.end(), "ja") != consent.end();
  in.override_reason = FormValue(call, FieldId("override_reason"));
  return in;
}

FieldError ReferralFormError(const PageRequest& pr, const Error& error) {
  FieldError e = FormErrorOf(pr, error, "referral.error");
  e.field_id = FieldId(e.field_id);
  return e;
}

void RenderCaseReferralsPage(Site& site, Call& call, const PageRequest& pr,
                             const app::ReferralInput& input, std::vector<FieldError> errors) {
  const std::string case_id = call.Param("id");
  json section = CaseReferralsSection(site, call, pr, case_id, input, errors);
  if (section.is_null()) {
    // Not allowed (or no such case): let the use case say which, audited.
    auto refused = site.services().referrals.OfCase(call.actor, case_id);
    if (!refused) return site.RenderError(call, pr, refused.error());
  }
  Page page = MakePage("case_referrals", pr.T("referral.page.title"), "cases");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/zaken", pr.T("case.dashboard.title")},
                      {"/zaken/" + case_id, pr.T("referral.page.case")},
                      {"", pr.T("referral.page.title")}};
  page.status = errors.empty() ? 200 : 422;
  page.data["referrals"] = section;
  page.data["case_href"] = "/zaken/" + case_id;
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterSenderPages(Router& router, Site& site) {
  site.Get(router, "/zaken/{id}/verwijzingen", [&site](Call& call, const PageRequest& pr) {
    RenderCaseReferralsPage(site, call, pr, {}, {});
  });
  site.Post(router, "/zaken/{id}/verwijzingen", [&site](Call& call, const PageRequest& pr) {
    const app::ReferralInput in = ReferralFromForm(call);
    auto done = site.services().referrals.Create(call.actor, call.Param("id"), in);
    if (done) return Site::SeeOther(call, "/zaken/" + call.Param("id") + "#verwijzingen");
    if (done.error().code != ErrorCode::kInvalid && done.error().code != ErrorCode::kConflict) {
      return site.RenderError(call, pr, done.error());
    }
    RenderCaseReferralsPage(site, call, pr, in, {ReferralFormError(pr, done.error())});
  });
  site.Post(router, "/verwijzingen/{id}/intrekken", [&site](Call& call, const PageRequest& pr) {
    auto done = site.services().referrals.Step(call.actor, call.Param("id"), "revoke",
                                               FormValue(call, "reden"));
    if (!done) {
      if (done.error().code == ErrorCode::kInvalid || done.error().code == ErrorCode::kConflict) {
        return site.RenderMessage(
            call, pr, 422, pr.T("referral.revoke.title"),
            done.error().field == "reason" ? pr.T("referral.error.reason") : done.error().message);
      }
      return site.RenderError(call, pr, done.error());
    }
    Site::SeeOther(call, "/zaken/" + done->record.case_id + "#verwijzingen");
  });
}

void RenderReceived(Site& site, Call& call, const PageRequest& pr, const std::string& error) {
  auto v = site.services().referrals.Open(call.actor, call.Param("id"));
  if (!v) return site.RenderError(call, pr, v.error());
  const care::CareData& data = site.services().referrals.data();
  const store::ReferralRecord& r = v->referral.record;
  Page page = MakePage("referral_received",
                       pr.F("referral.received.title", {{"reference", v->referral.case_reference}}),
                       "referrals");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/verwijzingen", pr.T("referral.list.title")},
                      {"", v->referral.case_reference}};
  page.status = error.empty() ? 200 : 422;
  json& d = page.data;
  json row = ReferralRow(pr, data, v->referral);
  row.erase("consent");  // the sender's note on consent stays with the sender
  d["referral"] = row;
  json groups = json::array();
  for (const auto& id : v->field_groups) {
    const care::FieldGroup* g = data.FindFieldGroup(id);
    if (g == nullptr) continue;
    json fields = json::array();
    for (const auto& name : g->fields) {
      auto it = v->fields.find(name);
      if (it == v->fields.end()) continue;
      std::string value = it->second;
      if (name == "date_of_birth" || name == "opened_on" || name == "closed_on" ||
          name == "reflection_start" || name == "reflection_last_day") {
        value = DutchDate(value);
      }
      fields.push_back(
          {{"name", name}, {"label", pr.T("sharing.partner.field." + name)}, {"value", value}});
    }
    groups.push_back({{"id", id},
                      {"name", InLanguage(pr, g->name)},
                      {"fields", fields},
                      {"empty", fields.empty()}});
  }
  d["groups"] = groups;
  d["action"] = "/verwijzingen/" + r.id + "/stap";
  d["may_answer"] = r.state == "in_progress";
  d["may_complete"] = r.state == "accepted";
  const std::vector<FieldError> errors =
      error.empty() ? std::vector<FieldError>{}
                    : std::vector<FieldError>{{"verwijzing-afwijzen-reden", error}};
  d["reject_reason"] =
      TextAreaData("verwijzing-afwijzen-reden", pr.T("referral.field.reject_reason"), "",
                   pr.T("referral.hint.reject_reason"), errors);
  page.errors = errors;
  site.Render(call, pr, std::move(page));
}

void RegisterReceiverPages(Router& router, Site& site) {
  site.Get(router, "/verwijzingen", [&site](Call& call, const PageRequest& pr) {
    auto list = site.services().referrals.Received(call.actor);
    if (!list) return site.RenderError(call, pr, list.error());
    const care::CareData& data = site.services().referrals.data();
    Page page = MakePage("referrals_received", pr.T("referral.list.title"), "referrals");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("referral.list.title")}};
    json rows = json::array();
    for (const auto& v : *list) {
      json row = ReferralRow(pr, data, v);
      row.erase("consent");
      rows.push_back(row);
    }
    page.data["referrals"] = rows;
    page.data["has_referrals"] = !rows.empty();
    site.Render(call, pr, std::move(page));
  });
  site.Get(router, "/verwijzingen/{id}",
           [&site](Call& call, const PageRequest& pr) { RenderReceived(site, call, pr, ""); });
  site.Post(router, "/verwijzingen/{id}/stap", [&site](Call& call, const PageRequest& pr) {
    const std::string step = FormValue(call, "stap");
    if (step != "accept" && step != "reject" && step != "complete") {
      return site.RenderMessage(call, pr, 400, pr.T("referral.received.answer_title"),
                                pr.T("referral.error.step"));
    }
    auto done = site.services().referrals.Step(call.actor, call.Param("id"), step,
                                               FormValue(call, "verwijzing-afwijzen-reden"));
    if (done) return Site::SeeOther(call, "/verwijzingen/" + call.Param("id"));
    if (done.error().code == ErrorCode::kInvalid) {
      return RenderReceived(site, call, pr, pr.T("referral.error.reason"));
    }
    site.RenderError(call, pr, done.error());
  });
}

}  // namespace

json CaseReferralsSection(Site& site, Call& call, const PageRequest& pr, const std::string& case_id,
                          const app::ReferralInput& input, const std::vector<FieldError>& errors) {
  if (!site.services().referrals.MayRefer(call.actor, case_id)) return nullptr;
  auto list = site.services().referrals.OfCase(call.actor, case_id);
  if (!list) return nullptr;
  const care::CareData& data = site.services().referrals.data();
  json rows = json::array();
  for (const auto& v : *list) rows.push_back(ReferralRow(pr, data, v));
  const json section_error = ErrorOf(errors, "verwijzingen");
  return {{"rows", rows},
          {"has_rows", !rows.empty()},
          {"error", section_error},
          {"form", FormData(site, pr, case_id, input, errors)}};
}

void RegisterReferralPages(Router& router, Site& site) {
  RegisterSenderPages(router, site);
  RegisterReceiverPages(router, site);
}

}  // namespace schakel::http::pages
