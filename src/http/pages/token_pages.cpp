// API tokens of an organisation for partner systems: the list, issuing one (label, roles,
// scopes, expiry date; the secret is shown once, on the page answering the POST) and revoking.
// The identity service decides who may (kManageUsers on the organisation).
#include <fmt/format.h>

#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

json ScopeChoices(const PageRequest& pr, const std::set<app::Action>& checked) {
  json scopes = json::array();
  for (app::Action action : app::AllActions()) {
    const std::string name = app::ActionName(action);
    scopes.push_back({{"value", name},
                      {"id", "bereik-" + name},
                      {"label", pr.T("action." + name)},
                      {"checked", checked.count(action) > 0}});
  }
  return scopes;
}

std::set<app::Action> PostedScopes(const Call& call) {
  std::set<app::Action> scopes;
  const std::vector<std::string> posted = FormValues(call, "bereik");
  for (app::Action action : app::AllActions()) {
    if (std::find(posted.begin(), posted.end(), app::ActionName(action)) != posted.end()) {
      scopes.insert(action);
    }
  }
  return scopes;
}

std::string ScopeList(const PageRequest& pr, const std::set<app::Action>& scopes) {
  std::string list;
  for (app::Action a : scopes) {
    list += (list.empty() ? "" : ", ") + pr.T(std::string("action.") + app::ActionName(a));
  }
  return list;
}

std::string TokensHref(const std::string& organisation) {
  return "/beheer/tokens?organisatie=" + httplib::detail::encode_query_param(organisation);
}

std::string FieldOf(const std::string& field) {
  if (field == "label") return "label";
  if (field == "roles") return "rollen";
  if (field == "scopes") return "bereik";
  if (field == "expires_at") return "geldig-tot";
  return "label";
}

void RenderTokens(Site& site, Call& call, const PageRequest& pr, const app::NewApiToken& form,
                  std::vector<FieldError> errors) {
  auto tokens = site.services().identity.ListApiTokens(call.actor, form.organisation);
  if (!tokens) return site.RenderError(call, pr, tokens.error());
  Page page = MakePage("tokens", pr.T("tokens.title"), "users");
  page.breadcrumbs = {
      {"/", pr.T("nav.home")},
      {"/beheer/gebruikers?organisatie=" + httplib::detail::encode_query_param(form.organisation),
       pr.T("users.title")},
      {"", pr.T("tokens.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["organisations"] = OrganisationChoice(site, call, form.organisation);
  d["choose_organisation"] = !d["organisations"].is_null();
  d["choice_action"] = "/beheer/tokens";
  d["org_code"] = form.organisation;
  d["org_label"] = OrganisationLabel(site, form.organisation);
  json rows = json::array();
  for (const app::ApiTokenView& t : *tokens) {
    rows.push_back({{"id", t.id},
                    {"label", t.label},
                    {"roles", RoleList(pr, t.roles)},
                    {"scopes", ScopeList(pr, t.scopes)},
                    {"created_at", t.created_at},
                    {"expires_at", t.expires_at},
                    {"last_used", t.last_used_at.empty() ? pr.T("account.never") : t.last_used_at},
                    {"revoked", !t.revoked_at.empty()},
                    {"revoked_at", t.revoked_at}});
  }
  d["tokens"] = rows;
  d["has_tokens"] = !rows.empty();
  if (call.Query("ingetrokken") == "1") d["notice"] = pr.T("tokens.revoked_notice");
  d["fields"] = json::array(
      {FieldData({"label", pr.T("tokens.label"), form.label, "text", pr.T("tokens.label_hint")},
                 errors),
       FieldData({"geldig-tot", pr.T("tokens.expires"), form.expires_at.value_or(""), "date",
                  pr.T("tokens.expires_hint"), "off", true},
                 errors)});
  d["roles"] = RoleChoices(pr, form.roles, "token-rol");
  d["roles_error"] = ErrorOf(errors, "rollen");
  d["scopes"] = ScopeChoices(pr, form.scopes);
  d["scopes_error"] = ErrorOf(errors, "bereik");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

}  // namespace

void RegisterTokenPages(Router& router, Site& site) {
  site.Get(router, "/beheer/tokens", [&site](Call& call, const PageRequest& pr) {
    app::NewApiToken form;
    form.organisation = ManagedOrganisation(call);
    RenderTokens(site, call, pr, form, {});
  });
  site.Post(router, "/beheer/tokens", [&site](Call& call, const PageRequest& pr) {
    app::NewApiToken form;
    form.organisation = ManagedOrganisation(call);
    form.label = FormValue(call, "label");
    form.roles = PostedRoles(call);
    form.scopes = PostedScopes(call);
    const std::string expires = FormValue(call, "geldig-tot");
    if (!expires.empty()) form.expires_at = expires;
    std::vector<FieldError> errors;
    if (form.label.empty()) errors.push_back({"label", pr.T("tokens.error.label")});
    if (form.roles.empty()) errors.push_back({"rollen", pr.T("users.error.no_roles")});
    if (form.scopes.empty()) errors.push_back({"bereik", pr.T("tokens.error.scopes")});
    if (!errors.empty()) return RenderTokens(site, call, pr, form, std::move(errors));
    auto issued = site.services().identity.IssueApiToken(call.actor, form);
    if (!issued) {
      if (issued.error().code != ErrorCode::kInvalid) {
        return site.RenderError(call, pr, issued.error());
      }
      return RenderTokens(site, call, pr, form,
                          {{FieldOf(issued.error().field), issued.error().message}});
    }
    Page page = MakePage("token_issued", pr.T("tokens.issued_title"), "users");
    page.breadcrumbs = {{"/", pr.T("nav.home")},
                        {TokensHref(form.organisation), pr.T("tokens.title")},
                        {"", pr.T("tokens.issued_title")}};
    page.data["label"] = issued->token.label;
    page.data["secret"] = issued->secret;
    page.data["expires_at"] = issued->token.expires_at;
    page.data["back"] = TokensHref(form.organisation);
    site.Render(call, pr, std::move(page));
  });
  site.Post(router, "/beheer/tokens/{id}/intrekken", [&site](Call& call, const PageRequest& pr) {
    auto revoked = site.services().identity.RevokeApiToken(call.actor, call.Param("id"));
    if (!revoked) return site.RenderError(call, pr, revoked.error());
    Site::SeeOther(call, TokensHref(revoked->organisation) + "&ingetrokken=1");
  });
}

}  // namespace schakel::http::pages
