#include "http/pages/sharing_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "http/pages/forms.h"
#include "http/pages/signal_view.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string GroupName(const PageRequest& pr, const care::CareData& data, const std::string& id) {
  const care::FieldGroup* g = data.FindFieldGroup(id);
  return g ? InLanguage(pr, g->name) : id;
}

std::string GroupNames(const PageRequest& pr, const care::CareData& data,
                       const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + GroupName(pr, data, id);
  return out;
}

json GrantRow(const PageRequest& pr, const care::CareData& data, const app::GrantView& g) {
  const store::GrantRecord& r = g.record;
  std::string state = g.in_force ? pr.T("sharing.state.in_force")
                      : r.revoked_on
                          ? pr.F("sharing.state.revoked", {{"date", DutchDate(r.revoked_on)}})
                          : pr.T("sharing.state.not_in_force");
  return {{"id", r.id},
          {"partner", g.partner_name},
          {"groups", GroupNames(pr, data, r.field_groups)},
          {"purpose", r.purpose},
          {"legal_basis", r.legal_basis},
          {"granted_on", DutchDate(r.granted_on)},
          {"expires_on", DutchDate(r.expires_on)},
          {"consent", r.consent_recorded
                          ? pr.T("sharing.consent_given")
                          : pr.F("sharing.consent_override", {{"reason", g.override_reason}})},
          {"state", state},
          {"in_force", g.in_force},
          {"revoke_reason", g.revoke_reason.empty() ? json(nullptr) : json(g.revoke_reason)}};
}

struct ShareForm {
  app::GrantInput input;
  std::vector<FieldError> errors;
};

json ShareFormData(Site& site, const PageRequest& pr, const ShareForm& form) {
  const app::GrantInput& in = form.input;
  std::vector<Choice> partners;
  auto orgs =
      site.services().organisations.List({std::string("partner"), std::nullopt, std::nullopt});
  if (orgs) {
    for (const auto& o : *orgs) partners.push_back({o.code, o.name});
  }
  std::vector<Choice> groups;
  for (const auto& g : site.services().sharing.data().field_groups) {
    groups.push_back({g.id, InLanguage(pr, g.name), pr.T("sharing.group_hint." + g.id)});
  }
  std::set<std::string> checked(in.field_groups.begin(), in.field_groups.end());
  std::set<std::string> consent;
  if (in.consent_recorded) consent.insert("ja");
  return {
      {"partner",
       SelectField("partner_organisation", pr.T("sharing.field_label.partner"),
                   pr.T("sharing.choose"), partners, in.partner_organisation, form.errors)},
      {"purpose", FieldData({"purpose", pr.T("sharing.field_label.purpose"), in.purpose, "text",
                             pr.T("sharing.hint.purpose")},
                            form.errors)},
      {"legal_basis", FieldData({"legal_basis", pr.T("sharing.field_label.legal_basis"),
                                 in.legal_basis, "text", pr.T("sharing.hint.legal_basis")},
                                form.errors)},
      {"groups", ChoiceGroup("field_groups", "field_groups", "checkbox",
                             pr.T("sharing.field_label.groups"), groups, checked, form.errors)},
      {"expires_on", FieldData({"expires_on", pr.T("sharing.field_label.expires_on"), in.expires_on,
                                "text", pr.T("sharing.hint.date"), "off", true},
                               form.errors)},
      {"consent", ChoiceGroup("consent", "consent", "checkbox", pr.T("sharing.field_label.consent"),
                              {{"ja", pr.T("sharing.consent_recorded")}}, consent, form.errors)},
      {"override_reason",
       TextAreaData("override_reason", pr.T("sharing.field_label.override_reason"),
                    in.override_reason, pr.T("sharing.hint.override_reason"), form.errors)}};
}

void RenderSharePage(Site& site, Call& call, const PageRequest& pr, const std::string& case_id,
                     const ShareForm& form) {
  auto grants = site.services().sharing.ForCase(call.actor, case_id);
  if (!grants) return site.RenderError(call, pr, grants.error());
  const care::CareData& data = site.services().sharing.data();
  Page page = MakePage("case_sharing", pr.T("sharing.page.title"), "cases");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/zaken/" + case_id, pr.T("sharing.page.case")},
                      {"", pr.T("sharing.page.title")}};
  page.status = form.errors.empty() ? 200 : 422;
  json rows = json::array();
  for (const auto& g : *grants) rows.push_back(GrantRow(pr, data, g));
  page.data["grants"] = rows;
  page.data["has_grants"] = !rows.empty();
  page.data["case_href"] = "/zaken/" + case_id;
  page.data["action"] = "/zaken/" + case_id + "/delen";
  const bool may_share = site.services().sharing.MayShare(call.actor, case_id);
  page.data["may_share"] = may_share;
  if (may_share) page.data["form"] = ShareFormData(site, pr, form);
  page.errors = form.errors;
  site.Render(call, pr, std::move(page));
}

app::GrantInput GrantFromForm(const Call& call) {
  app::GrantInput in;
  in.partner_organisation = FormValue(call, "partner_organisation");
  in.purpose = FormValue(call, "purpose");
  in.legal_basis = FormValue(call, "legal_basis");
  in.field_groups = FormValues(call, "field_groups");
  in.expires_on = FormValue(call, "expires_on");
  const auto consent = FormValues(call, "consent");
  in.consent_recorded = std::find(consent.begin(), consent.end(), "ja") != consent.end();
  in.override_reason = FormValue(call, "override_reason");
  return in;
}

void RegisterCaseSharing(Router& router, Site& site) {
  site.Get(router, "/zaken/{id}/delen", [&site](Call& call, const PageRequest& pr) {
    ShareForm form;
    RenderSharePage(site, call, pr, call.Param("id"), form);
  });
  site.Post(router, "/zaken/{id}/delen", [&site](Call& call, const PageRequest& pr) {
    ShareForm form{GrantFromForm(call), {}};
    auto done = site.services().sharing.Grant(call.actor, call.Param("id"), form.input);
    if (done) return Site::SeeOther(call, "/zaken/" + call.Param("id") + "/delen#afspraken");
    if (done.error().code != ErrorCode::kInvalid) return site.RenderError(call, pr, done.error());
    form.errors = {FormErrorOf(pr, done.error(), "sharing.error")};
    RenderSharePage(site, call, pr, call.Param("id"), form);
  });
  site.Post(router, "/delen/{id}/intrekken", [&site](Call& call, const PageRequest& pr) {
    auto done =
        site.services().sharing.Revoke(call.actor, call.Param("id"), FormValue(call, "reden"));
    if (!done) {
      if (done.error().code == ErrorCode::kInvalid) {
        return site.RenderMessage(call, pr, 422, pr.T("sharing.revoke.title"),
                                  pr.T("sharing.error.reason"));
      }
      return site.RenderError(call, pr, done.error());
    }
    Site::SeeOther(call, "/zaken/" + done->record.case_id + "/delen#afspraken");
  });
}

void RegisterPartnerView(Router& router, Site& site) {
  site.Get(router, "/gedeeld", [&site](Call& call, const PageRequest& pr) {
    auto list = site.services().sharing.SharedWithMe(call.actor);
    if (!list) return site.RenderError(call, pr, list.error());
    const care::CareData& data = site.services().sharing.data();
    Page page = MakePage("shared_cases", pr.T("sharing.partner.list.title"), "shared");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("sharing.partner.list.title")}};
    json rows = json::array();
    for (const auto& c : *list) {
      rows.push_back({{"href", "/gedeeld/" + c.case_id},
                      {"reference", c.reference},
                      {"groups", GroupNames(pr, data, c.field_groups)},
                      {"expires_on", DutchDate(c.expires_on)}});
    }
    page.data["cases"] = rows;
    page.data["has_cases"] = !rows.empty();
    site.Render(call, pr, std::move(page));
  });
  site.Get(router, "/gedeeld/{id}", [&site](Call& call, const PageRequest& pr) {
    auto v = site.services().sharing.SharedCase(call.actor, call.Param("id"));
    if (!v) return site.RenderError(call, pr, v.error());
    const care::CareData& data = site.services().sharing.data();
    Page page = MakePage(
        "shared_case", pr.F("sharing.partner.case.title", {{"reference", v->reference}}), "shared");
    page.breadcrumbs = {{"/", pr.T("nav.home")},
                        {"/gedeeld", pr.T("sharing.partner.list.title")},
                        {"", v->reference}};
    json groups = json::array();
    for (const auto& id : v->field_groups) {
      const care::FieldGroup* g = data.FindFieldGroup(id);
      json fields = json::array();
      for (const auto& name : g->fields) {
        auto it = v->fields.find(name);
        if (it == v->fields.end()) continue;
        std::string value = it->second;
        if (name.find("_on") != std::string::npos || name.find("reflection_") == 0 ||
            name == "date_of_birth") {
          if (name != "reflection_outcome") value = DutchDate(value);
        }
        fields.push_back(
            {{"name", name}, {"label", pr.T("sharing.partner.field." + name)}, {"value", value}});
      }
      groups.push_back({{"id", id},
                        {"name", InLanguage(pr, g->name)},
                        {"fields", fields},
                        {"empty", fields.empty()}});
    }
    json grants = json::array();
    for (const auto& g : v->grants) {
      grants.push_back({{"purpose", g.record.purpose},
                        {"legal_basis", g.record.legal_basis},
                        {"groups", GroupNames(pr, data, g.record.field_groups)},
                        {"expires_on", DutchDate(g.record.expires_on)}});
    }
    page.data["groups"] = groups;
    page.data["grants"] = grants;
    site.Render(call, pr, std::move(page));
  });
}

}  // namespace

json CaseSharingSection(Site& site, Call& call, const PageRequest& pr, const std::string& case_id) {
  auto grants = site.services().sharing.ForCase(call.actor, case_id);
  if (!grants) return nullptr;
  const care::CareData& data = site.services().sharing.data();
  json rows = json::array();
  for (const auto& g : *grants) {
    if (g.in_force) rows.push_back(GrantRow(pr, data, g));
  }
  return {{"href", "/zaken/" + case_id + "/delen"},
          {"grants", rows},
          {"has_grants", !rows.empty()},
          {"may_share", site.services().sharing.MayShare(call.actor, case_id)}};
}

void RegisterSharingPages(Router& router, Site& site) {
  RegisterCaseSharing(router, site);
  RegisterPartnerView(router, site);
}

}  // namespace schakel::http::pages
