// The login steps as pages — password, then (once) a forced change of a one-time password,
// enrolment of the second factor, or the code from the authenticator app — and the user's own
// account: password change, re-enrolment, logout everywhere. Each step issues a new session
// token (set as the cookie) and redirects (303) to the next step's page; a session that is not
// yet full reaches only its own step and /uitloggen. Failed logins get one generic message.
#include <fmt/format.h>

#include <initializer_list>

#include "http/auth.h"
#include "http/pages/browser_state.h"
#include "http/pages/forms.h"
#include "http/pages/login_flow.h"
#include "http/pages/site.h"
#include "security/password_policy.h"

namespace schakel::http::pages {

using app::SessionStage;
using nlohmann::json;

namespace {

std::string SessionToken(const Call& call) {
  return http::CookieValue(call.req, kSessionCookie);
}

// True when the session is at one of `stages`; otherwise redirects to where it belongs.
bool AtStage(Call& call, std::initializer_list<SessionStage> stages) {
  if (!call.session) {
    Site::SeeOther(call, WithReturn("/inloggen", call.Query("terug")));
    return false;
  }
  for (SessionStage stage : stages) {
    if (call.session->stage == stage) return true;
  }
  Site::SeeOther(call, NextStep(call.session->stage, call.Query("terug")));
  return false;
}

// A hidden field carrying the page to return to after the last step (null when "/").
json Back(const Call& call) {
  const std::string back = LocalPath(call.Query("terug"));
  return back == "/" ? json(nullptr) : json(back);
}

// Moves the browser on to the next step with the new session token.
void Advance(Site& site, Call& call, const app::SessionGrant& grant) {
  site.SetSession(call, grant.token);
  Site::SeeOther(call, NextStep(grant.stage, call.Query("terug")));
}

// The text for a refused login step: when to try again for a throttled account or address
// (the service says "try again in N minutes"), otherwise `generic_key`.
std::string RefusalText(const PageRequest& pr, const Error& e, const std::string& generic_key) {
  const size_t at = e.message.find("try again in ");
  if (e.field != "throttled" || at == std::string::npos) return pr.T(generic_key);
  const long minutes = std::max(1L, std::strtol(e.message.c_str() + at + 13, nullptr, 10));
  if (minutes == 1) return pr.T("login.throttled_one");
  return pr.F("login.throttled", {{"minutes", std::to_string(minutes)}});
}

// A code is 6 digits (the service checks it again).
bool WellFormedCode(const std::string& code) {
  return code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos;
}

// ---- password --------------------------------------------------------------------------------

void RenderLogin(Site& site, Call& call, const PageRequest& pr, std::vector<FieldError> errors,
                 int status) {
  Page page = MakePage("login", pr.T("login.title"), "");
  page.status = status;
  json& d = page.data;
  d["back"] = Back(call);
  if (call.Query("uitgelogd") == "1") d["notice"] = pr.T("login.logged_out");
  d["fields"] = json::array(
      {FieldData({"gebruikersnaam", pr.T("login.username"), FormValue(call, "gebruikersnaam"),
                  "text", "", "username"},
                 errors),
       FieldData({"wachtwoord", pr.T("login.password"), "", "password", "", "current-password"},
                 errors)});
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterPassword(Router& router, Site& site) {
  router.Get("/inloggen", [&site](Call& call) {
    if (call.session)
      return Site::SeeOther(call, NextStep(call.session->stage, call.Query("terug")));
    RenderLogin(site, call, site.Begin(call), {}, 200);
  });
  router.Post("/inloggen", [&site](Call& call) {
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr)) return;
    const std::string username = FormValue(call, "gebruikersnaam");
    const std::string password = FormValue(call, "wachtwoord");
    std::vector<FieldError> errors;
    if (username.empty()) errors.push_back({"gebruikersnaam", pr.T("login.error_no_username")});
    if (password.empty()) errors.push_back({"wachtwoord", pr.T("login.error_no_password")});
    if (!errors.empty()) return RenderLogin(site, call, pr, std::move(errors), 422);
    auto grant = site.services().identity.Login(username, password, call.req.remote_addr);
    if (!grant) {
      if (grant.error().code != ErrorCode::kForbidden)
        return site.RenderError(call, pr, grant.error());
      errors.push_back({"gebruikersnaam", RefusalText(pr, grant.error(), "login.error_refused")});
      return RenderLogin(site, call, pr, std::move(errors), 401);
    }
    Advance(site, call, *grant);
  });
}

// ---- code from the authenticator app ----------------------------------------------------------

void RenderCode(Site& site, Call& call, const PageRequest& pr, std::vector<FieldError> errors) {
  Page page = MakePage("login_code", pr.T("login.code.title"), "");
  page.status = errors.empty() ? 200 : 401;
  page.data["back"] = Back(call);
  page.data["code_error"] = ErrorOf(errors, "code");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// The code as typed: spaces (apps show "123 456") are dropped.
std::string Code(const Call& call) {
  std::string code = FormValue(call, "code");
  std::erase(code, ' ');
  return code;
}

void RegisterCode(Router& router, Site& site) {
  router.Get("/inloggen/code", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kTotp})) return;
    RenderCode(site, call, site.Begin(call), {});
  });
  router.Post("/inloggen/code", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kTotp})) return;
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr)) return;
    const std::string code = Code(call);
    if (!WellFormedCode(code)) {
      return RenderCode(site, call, pr, {{"code", pr.T("login.code.error_format")}});
    }
    auto grant =
        site.services().identity.VerifyTotp(SessionToken(call), code, call.req.remote_addr);
    if (grant) return Advance(site, call, *grant);
    if (grant.error().code != ErrorCode::kForbidden)
      return site.RenderError(call, pr, grant.error());
    RenderCode(site, call, pr,
               {{"code", RefusalText(pr, grant.error(), "login.code.error_wrong")}});
  });
}

// ---- password change (forced after a one-time password, or from the account page) ------------

// The policy's problems ("password does not meet the policy: too_short, common") as texts.
std::vector<FieldError> PasswordProblems(const PageRequest& pr, const Error& e) {
  std::vector<FieldError> errors;
  for (auto problem :
       {security::PasswordProblem::kTooShort, security::PasswordProblem::kTooLong,
        security::PasswordProblem::kSingleCharacter, security::PasswordProblem::kCommon,
        security::PasswordProblem::kContainsUserName, security::PasswordProblem::kInvalidUtf8}) {
    const std::string code = security::PasswordProblemCode(problem);
    if (e.message.find(code) != std::string::npos) {
      errors.push_back({"nieuw-wachtwoord", pr.T("password.problem." + code)});
    }
  }
  if (errors.empty()) errors.push_back({"nieuw-wachtwoord", pr.T("password.error_same")});
  return errors;
}

void RenderPasswordChange(Site& site, Call& call, const PageRequest& pr, bool forced,
                          std::vector<FieldError> errors) {
  Page page = MakePage("password_change", pr.T("password.title"), "");
  page.status = errors.empty() ? 200 : 422;
  if (!forced)
    page.breadcrumbs = {
        {"/", pr.T("nav.home")}, {"/account", pr.T("account.title")}, {"", pr.T("password.title")}};
  json& d = page.data;
  d["forced"] = forced;
  d["action"] = forced ? "/inloggen/wachtwoord" : "/account/wachtwoord";
  d["back"] = Back(call);
  json problems = json::array();
  for (const auto& e : errors) {
    if (e.field_id == "nieuw-wachtwoord") problems.push_back(e.message);
  }
  d["fields"] = json::array(
      {FieldData({"huidig-wachtwoord", pr.T(forced ? "password.one_time" : "password.current"), "",
                  "password", "", "current-password"},
                 errors),
       FieldData({"nieuw-wachtwoord", pr.T("password.new"), "", "password",
                  pr.T("password.rules_hint"), "new-password"},
                 {}),
       FieldData(
           {"herhaal-wachtwoord", pr.T("password.repeat"), "", "password", "", "new-password"},
           errors)});
  // The new password's field lists every rule it breaks.
  if (!problems.empty()) {
    d["fields"][1]["problems"] = {{"list", problems}};
    d["fields"][1]["invalid"] = true;
    d["fields"][1]["describedby"] = "nieuw-wachtwoord-hint nieuw-wachtwoord-fout";
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void ChangePassword(Site& site, Call& call, const PageRequest& pr, bool forced) {
  const std::string current = FormValue(call, "huidig-wachtwoord");
  const std::string fresh = FormValue(call, "nieuw-wachtwoord");
  std::vector<FieldError> errors;
  if (current.empty()) errors.push_back({"huidig-wachtwoord", pr.T("password.error_no_current")});
  if (fresh != FormValue(call, "herhaal-wachtwoord")) {
    errors.push_back({"herhaal-wachtwoord", pr.T("password.error_repeat")});
  }
  if (!errors.empty()) return RenderPasswordChange(site, call, pr, forced, std::move(errors));
  auto grant = site.services().identity.ChangePassword(SessionToken(call), current, fresh,
                                                       call.req.remote_addr);
  if (!grant) {
    const Error& e = grant.error();
    if (e.code == ErrorCode::kInvalid && e.field == "password") {
      return RenderPasswordChange(site, call, pr, forced, PasswordProblems(pr, e));
    }
    if (e.code != ErrorCode::kInvalid && e.code != ErrorCode::kForbidden) {
      return site.RenderError(call, pr, e);
    }
    return RenderPasswordChange(
        site, call, pr, forced,
        {{"huidig-wachtwoord", RefusalText(pr, e, "password.error_current")}});
  }
  if (forced) return Advance(site, call, *grant);
  site.SetSession(call, grant->token);
  Site::SeeOther(call, "/account?gewijzigd=wachtwoord");
}

void RegisterPasswordChange(Router& router, Site& site) {
  router.Get("/inloggen/wachtwoord", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kPasswordChange})) return;
    RenderPasswordChange(site, call, site.Begin(call), true, {});
  });
  router.Post("/inloggen/wachtwoord", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kPasswordChange})) return;
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr)) return;
    ChangePassword(site, call, pr, true);
  });
  site.Get(router, "/account/wachtwoord", [&site](Call& call, const PageRequest& pr) {
    RenderPasswordChange(site, call, pr, false, {});
  });
  site.Post(router, "/account/wachtwoord",
            [&site](Call& call, const PageRequest& pr) { ChangePassword(site, call, pr, false); });
}

// ---- second factor: enrolment ----------------------------------------------------------------

// "ABCDEFGH…" → "ABCD EFGH …", easier to type from the screen.
std::string GroupsOfFour(const std::string& secret) {
  std::string grouped;
  for (size_t i = 0; i < secret.size(); i += 4) {
    grouped += (grouped.empty() ? "" : " ") + secret.substr(i, 4);
  }
  return grouped;
}

// With a wrong code the page asks again without showing a new secret: the app already holds the
// pending one. "Show the code again" starts a new enrolment.
void RenderEnrolment(Site& site, Call& call, const PageRequest& pr,
                     std::vector<FieldError> errors) {
  Page page = MakePage("totp_enrol", pr.T("totp.title"), "");
  const bool full = call.session->stage == SessionStage::kFull;
  if (full)
    page.breadcrumbs = {
        {"/", pr.T("nav.home")}, {"/account", pr.T("account.title")}, {"", pr.T("totp.title")}};
  json& d = page.data;
  d["back"] = Back(call);
  d["code_error"] = ErrorOf(errors, "code");
  if (errors.empty()) {
    auto enrolment = site.services().identity.BeginTotpEnrolment(SessionToken(call));
    if (!enrolment) return site.RenderError(call, pr, enrolment.error());
    d["enrolment"] = {{"qr_svg", enrolment->qr_svg},
                      {"secret", GroupsOfFour(enrolment->secret_base32)},
                      {"uri", enrolment->otpauth_uri}};
  } else {
    page.status = 422;
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterEnrolment(Router& router, Site& site) {
  router.Get("/account/tweede-factor", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kTotpEnrol, SessionStage::kFull})) return;
    RenderEnrolment(site, call, site.Begin(call), {});
  });
  router.Post("/account/tweede-factor", [&site](Call& call) {
    if (!AtStage(call, {SessionStage::kTotpEnrol, SessionStage::kFull})) return;
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr)) return;
    const bool full = call.session->stage == SessionStage::kFull;
    const std::string code = Code(call);
    if (!WellFormedCode(code)) {
      return RenderEnrolment(site, call, pr, {{"code", pr.T("login.code.error_format")}});
    }
    auto grant = site.services().identity.ConfirmTotpEnrolment(SessionToken(call), code,
                                                               call.req.remote_addr);
    if (!grant) {
      const Error& e = grant.error();
      // No pending secret (the page was not loaded first): start the enrolment.
      if (e.code == ErrorCode::kConflict) {
        return Site::SeeOther(call, WithReturn("/account/tweede-factor", call.Query("terug")));
      }
      if (e.code != ErrorCode::kInvalid && e.code != ErrorCode::kForbidden) {
        return site.RenderError(call, pr, e);
      }
      return RenderEnrolment(site, call, pr, {{"code", RefusalText(pr, e, "totp.error_wrong")}});
    }
    if (!full) return Advance(site, call, *grant);
    site.SetSession(call, grant->token);
    Site::SeeOther(call, "/account?gewijzigd=tweede-factor");
  });
}

// ---- account and logout ----------------------------------------------------------------------

void RegisterAccount(Router& router, Site& site) {
  site.Get(router, "/account", [&site](Call& call, const PageRequest& pr) {
    const app::UserView& user = call.session->user;
    Page page = MakePage("account", pr.T("account.title"), "");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("account.title")}};
    json& d = page.data;
    d["display_name"] = user.display_name;
    d["username"] = user.username;
    d["organisation_name"] = user.organisation_name;
    d["roles"] = RoleList(pr, user.roles);
    d["totp"] = pr.T(user.totp_enrolled ? "account.totp_on" : "account.totp_off");
    d["last_login"] = user.last_login_at.empty() ? pr.T("account.never") : user.last_login_at;
    const std::string changed = call.Query("gewijzigd");
    if (changed == "wachtwoord") d["notice"] = pr.T("account.password_changed");
    if (changed == "tweede-factor") d["notice"] = pr.T("account.totp_changed");
    site.Render(call, pr, std::move(page));
  });
  // Logout is open to a session at any stage, and harmless without one.
  router.Post("/uitloggen", [&site](Call& call) {
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr)) return;
    if (call.session) {
      if (Status s = site.services().identity.Logout(SessionToken(call), call.req.remote_addr);
          !s.ok()) {
        return site.RenderError(call, pr, s.error());
      }
    }
    site.ClearSession(call);
    Site::SeeOther(call, "/inloggen?uitgelogd=1");
  });
}

}  // namespace

void RegisterLoginPages(Router& router, Site& site) {
  RegisterPassword(router, site);
  RegisterCode(router, site);
  RegisterPasswordChange(router, site);
  RegisterEnrolment(router, site);
  RegisterAccount(router, site);
}

}  // namespace schakel::http::pages
