// The organisations of the installation, by kind, and — for the installation's administrators
// (the policy: kManageOrganisations) — a form to add a chain-partner organisation.
#include <fmt/format.h>

#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr const char* kKinds[] = {"partner", "national", "municipality", "region"};

std::string KindOf(const Call& call) {
  const std::string kind = call.Query("soort");
  for (const char* k : kKinds) {
    if (kind == k) return kind;
  }
  return "partner";
}

void RenderOrganisations(Site& site, Call& call, const PageRequest& pr,
                         const app::NewOrganisation& form, std::vector<FieldError> errors) {
  const std::string kind = KindOf(call);
  auto list = site.services().organisations.List({kind, std::nullopt, std::nullopt});
  if (!list) return site.RenderError(call, pr, list.error());
  Page page = MakePage("organisations", pr.T("organisations.title"), "organisations");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("organisations.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  json kinds = json::array();
  for (const char* k : kKinds) {
    kinds.push_back({{"value", k},
                     {"label", pr.T(std::string("organisations.kind.") + k)},
                     {"selected", kind == k}});
  }
  d["kinds"] = kinds;
  json rows = json::array();
  for (const store::Organisation& o : *list) {
    if (o.valid_to) continue;
    rows.push_back({{"code", o.code}, {"name", o.name}, {"valid_from", o.valid_from}});
  }
  d["organisations"] = rows;
  d["has_organisations"] = !rows.empty();
  d["caption"] = pr.T(std::string("organisations.kind.") + kind);
  d["may_create"] =
      app::Decide(call.actor.principal, app::Action::kManageOrganisations, {}).allowed;
  const std::string created = call.Query("aangemaakt");
  if (!created.empty()) d["notice"] = pr.F("organisations.created", {{"code", created}});
  d["fields"] =
      json::array({FieldData({"code", pr.T("organisations.code"), form.code, "text",
                              pr.T("organisations.code_hint"), "off", true},
                             errors),
                   FieldData({"naam", pr.T("organisations.name"), form.name, "text"}, errors)});
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

}  // namespace

void RegisterOrganisationPages(Router& router, Site& site) {
  site.Get(router, "/beheer/organisaties", [&site](Call& call, const PageRequest& pr) {
    if (Status s = site.services().organisations.MayManage(call.actor); !s.ok()) {
      return site.RenderError(call, pr, s.error());
    }
    RenderOrganisations(site, call, pr, {}, {});
  });
  site.Post(router, "/beheer/organisaties", [&site](Call& call, const PageRequest& pr) {
    const app::NewOrganisation form{FormValue(call, "code"), FormValue(call, "naam")};
    auto created = site.services().organisations.Create(call.actor, form);
    if (created) {
      return Site::SeeOther(call, "/beheer/organisaties?soort=partner&aangemaakt=" +
                                      httplib::detail::encode_query_param(created->code));
    }
    const Error& e = created.error();
    if (e.code == ErrorCode::kConflict) {
      return RenderOrganisations(site, call, pr, form,
                                 {{"code", pr.T("organisations.error.taken")}});
    }
    if (e.code != ErrorCode::kInvalid) return site.RenderError(call, pr, e);
    const bool code = e.field == "code";
    RenderOrganisations(site, call, pr, form,
                        {{code ? "code" : "naam",
                          pr.T(code ? "organisations.error.code" : "organisations.error.name")}});
  });
}

}  // namespace schakel::http::pages
