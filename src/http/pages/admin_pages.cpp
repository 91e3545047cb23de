// The administrator's user pages: the users of an organisation, a new user, one user's roles,
// password and second-factor reset and blocking. The identity service decides who may do what
// (an admin: own organisation; the installation's admin: every organisation); these pages only
// show. A one-time password is shown once, on the page answering the POST that made it, never
// in a URL.
#include <fmt/format.h>

#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string UserHref(const app::UserView& user) {
  return "/beheer/gebruikers/" + user.id;
}

std::string UsersHref(const std::string& organisation) {
  return "/beheer/gebruikers?organisatie=" + httplib::detail::encode_query_param(organisation);
}

std::string StatusText(const PageRequest& pr, const app::UserView& user) {
  if (user.disabled) return pr.T("users.status_disabled");
  if (user.must_change_password) return pr.T("users.status_new");
  return pr.T("users.status_active");
}

std::string TotpText(const PageRequest& pr, const app::UserView& user) {
  if (user.totp_enrolled) return pr.T("users.totp_on");
  return pr.T(user.totp_required ? "users.totp_pending" : "users.totp_off");
}

Page AdminPage(const std::string& template_name, const std::string& title, const PageRequest& pr,
               std::vector<Crumb> crumbs) {
  Page page = MakePage(template_name, title, "users");
  page.breadcrumbs = {{"/", pr.T("nav.home")}};
  for (auto& c : crumbs) page.breadcrumbs.push_back(std::move(c));
  return page;
}

// ---- the list --------------------------------------------------------------------------------

void RegisterList(Router& router, Site& site) {
  site.Get(router, "/beheer/gebruikers", [&site](Call& call, const PageRequest& pr) {
    const std::string organisation = ManagedOrganisation(call);
    auto users = site.services().identity.ListUsers(call.actor, organisation);
    if (!users) return site.RenderError(call, pr, users.error());
    Page page = AdminPage("users", pr.T("users.title"), pr, {{"", pr.T("users.title")}});
    json& d = page.data;
    d["organisations"] = OrganisationChoice(site, call, organisation);
    d["choose_organisation"] = !d["organisations"].is_null();
    d["choice_action"] = "/beheer/gebruikers";
    d["org_code"] = organisation;
    d["org_label"] = OrganisationLabel(site, organisation);
    d["new_href"] =
        "/beheer/gebruikers/nieuw?organisatie=" + httplib::detail::encode_query_param(organisation);
    d["tokens_href"] =
        "/beheer/tokens?organisatie=" + httplib::detail::encode_query_param(organisation);
    json rows = json::array();
    for (const app::UserView& user : *users) {
      rows.push_back({{"href", UserHref(user)},
                      {"name", user.display_name},
                      {"username", user.username},
                      {"roles", RoleList(pr, user.roles)},
                      {"totp", TotpText(pr, user)},
                      {"status", StatusText(pr, user)},
                      {"last_login",
                       user.last_login_at.empty() ? pr.T("account.never") : user.last_login_at}});
    }
    d["users"] = rows;
    d["has_users"] = !rows.empty();
    site.Render(call, pr, std::move(page));
  });
}

// ---- a new user ------------------------------------------------------------------------------

// The form's field for a use-case error on `field`.
std::string FieldOf(const std::string& field) {
  if (field == "username") return "gebruikersnaam";
  if (field == "display_name") return "naam";
  if (field == "roles") return "rollen";
  if (field == "organisation") return "organisatie";
  if (field == "disabled") return "blokkeren";
  return "gebruikersnaam";
}

// The service's reason for refusing roles, as a text of the page's language.
std::string RolesText(const PageRequest& pr, const Error& e) {
  if (e.message.find("cannot be combined") != std::string::npos) {
    return pr.T("users.error.roles_admin");
  }
  if (e.message.find("belongs to") != std::string::npos) return pr.T("users.error.roles_kind");
  if (e.message.find("own admin") != std::string::npos) return pr.T("users.error.roles_own");
  return pr.T("users.error.no_roles");
}

FieldError UserError(const PageRequest& pr, const Error& e) {
  if (e.code == ErrorCode::kConflict) return {"gebruikersnaam", pr.T("users.error.taken")};
  if (e.field == "roles") return {"rollen", RolesText(pr, e)};
  if (e.field == "username" || e.field == "display_name" || e.field == "disabled") {
    return {FieldOf(e.field), pr.T("users.error." + e.field)};
  }
  return {FieldOf(e.field), e.message};
}

void RenderNewUser(Site& site, Call& call, const PageRequest& pr, const app::NewUser& user,
                   std::vector<FieldError> errors) {
  Page page = AdminPage(
      "user_new", pr.T("users.new.title"), pr,
      {{UsersHref(user.organisation), pr.T("users.title")}, {"", pr.T("users.new.title")}});
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["organisations"] = OrganisationChoice(site, call, user.organisation);
  d["choose_organisation"] = !d["organisations"].is_null();
  d["org_code"] = user.organisation;
  d["organisation_error"] = ErrorOf(errors, "organisatie");
  d["fields"] = json::array(
      {FieldData({"gebruikersnaam", pr.T("users.username"), user.username, "text",
                  pr.T("users.username_hint")},
                 errors),
       FieldData({"naam", pr.T("users.name"), user.display_name, "text", pr.T("users.name_hint")},
                 errors)});
  d["roles"] = RoleChoices(pr, user.roles, "rol");
  d["roles_error"] = ErrorOf(errors, "rollen");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// The page that shows a one-time password once.
void RenderIssuedPassword(Site& site, Call& call, const PageRequest& pr,
                          const app::IssuedPassword& issued, const std::string& title) {
  Page page = AdminPage("one_time_password", title, pr,
                        {{UsersHref(issued.user.organisation), pr.T("users.title")},
                         {UserHref(issued.user), issued.user.display_name},
                         {"", title}});
  json& d = page.data;
  d["display_name"] = issued.user.display_name;
  d["username"] = issued.user.username;
  d["password"] = issued.one_time_password;
  d["user_href"] = UserHref(issued.user);
  site.Render(call, pr, std::move(page));
}

void RegisterNew(Router& router, Site& site) {
  site.Get(router, "/beheer/gebruikers/nieuw", [&site](Call& call, const PageRequest& pr) {
    app::NewUser user;
    user.organisation = ManagedOrganisation(call);
    if (Status s = site.services().identity.MayManageUsers(call.actor, user.organisation);
        !s.ok()) {
      return site.RenderError(call, pr, s.error());
    }
    RenderNewUser(site, call, pr, user, {});
  });
  site.Post(router, "/beheer/gebruikers", [&site](Call& call, const PageRequest& pr) {
    app::NewUser user;
    user.organisation = ManagedOrganisation(call);
    user.username = FormValue(call, "gebruikersnaam");
    user.display_name = FormValue(call, "naam");
    user.roles = PostedRoles(call);
    if (user.roles.empty()) {
      return RenderNewUser(site, call, pr, user, {{"rollen", pr.T("users.error.no_roles")}});
    }
    auto issued = site.services().identity.CreateUser(call.actor, user);
    if (!issued) {
      if (issued.error().code != ErrorCode::kInvalid &&
          issued.error().code != ErrorCode::kConflict) {
        return site.RenderError(call, pr, issued.error());
      }
      return RenderNewUser(site, call, pr, user, {UserError(pr, issued.error())});
    }
    RenderIssuedPassword(site, call, pr, *issued, pr.T("users.created_title"));
  });
}

// ---- one user --------------------------------------------------------------------------------

void RenderUser(Site& site, Call& call, const PageRequest& pr, const app::UserView& user,
                std::vector<FieldError> errors) {
  Page page =
      AdminPage("user", user.display_name, pr,
                {{UsersHref(user.organisation), pr.T("users.title")}, {"", user.display_name}});
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["href"] = UserHref(user);
  d["display_name"] = user.display_name;
  d["username"] = user.username;
  d["organisation_name"] = user.organisation_name;
  d["status"] = StatusText(pr, user);
  d["totp"] = TotpText(pr, user);
  d["disabled"] = user.disabled;
  d["created_at"] = user.created_at;
  d["last_login"] = user.last_login_at.empty() ? pr.T("account.never") : user.last_login_at;
  d["roles"] = RoleChoices(pr, user.roles, "rol");
  d["roles_error"] = ErrorOf(errors, "rollen");
  const std::string changed = call.Query("gewijzigd");
  if (!changed.empty() &&
      changed.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos) {
    d["notice"] = pr.T("users.changed." + changed);
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// Runs `change` on the user named in the path and redirects to the user's page with a notice;
// an invalid change shows the page with the error.
template <typename Change>
void ChangeUser(Site& site, Call& call, const PageRequest& pr, const std::string& notice,
                Change change) {
  const std::string& id = call.Param("id");
  auto user = change(id);
  if (!user) {
    if (user.error().code != ErrorCode::kInvalid && user.error().code != ErrorCode::kConflict) {
      return site.RenderError(call, pr, user.error());
    }
    auto current = site.services().identity.GetUser(call.actor, id);
    if (!current) return site.RenderError(call, pr, current.error());
    return RenderUser(site, call, pr, *current, {UserError(pr, user.error())});
  }
  Site::SeeOther(call, UserHref(*user) + "?gewijzigd=" + notice);
}

void RegisterUser(Router& router, Site& site) {
  site.Get(router, "/beheer/gebruikers/{id}", [&site](Call& call, const PageRequest& pr) {
    auto user = site.services().identity.GetUser(call.actor, call.Param("id"));
    if (!user) return site.RenderError(call, pr, user.error());
    RenderUser(site, call, pr, *user, {});
  });
  site.Post(router, "/beheer/gebruikers/{id}/rollen", [&site](Call& call, const PageRequest& pr) {
    const std::set<app::Role> roles = PostedRoles(call);
    ChangeUser(site, call, pr, "rollen", [&](const std::string& id) -> Result<app::UserView> {
      if (roles.empty()) return Error::Invalid("roles", "no roles");
      return site.services().identity.SetRoles(call.actor, id, roles);
    });
  });
  site.Post(router, "/beheer/gebruikers/{id}/tweede-factor",
            [&site](Call& call, const PageRequest& pr) {
              ChangeUser(site, call, pr, "tweede-factor", [&](const std::string& id) {
                return site.services().identity.ResetTotp(call.actor, id);
              });
            });
  site.Post(router, "/beheer/gebruikers/{id}/status", [&site](Call& call, const PageRequest& pr) {
    const bool disable = FormValue(call, "actie") == "blokkeren";
    ChangeUser(site, call, pr, disable ? "geblokkeerd" : "gedeblokkeerd",
               [&](const std::string& id) {
                 return site.services().identity.SetDisabled(call.actor, id, disable);
               });
  });
  site.Post(router, "/beheer/gebruikers/{id}/wachtwoord",
            [&site](Call& call, const PageRequest& pr) {
              auto issued = site.services().identity.ResetPassword(call.actor, call.Param("id"));
              if (!issued) return site.RenderError(call, pr, issued.error());
              RenderIssuedPassword(site, call, pr, *issued, pr.T("users.reset_title"));
            });
}

}  // namespace

void RegisterAdminPages(Router& router, Site& site) {
  RegisterList(router, site);
  RegisterNew(router, site);
  RegisterUser(router, site);
}

}  // namespace schakel::http::pages
