// Site: the server-rendered web pages. Loads templates, texts and static assets from the web
// folder at start, registers the page routes on the Router, and renders pages into the common
// layout (header with organisation and user, navigation, breadcrumbs, skip link, language
// switch, the provisional-framework banner). Pages work without JavaScript: forms POST and
// redirect (303) to a page that shows the result.
//
// Access: every page except the login steps needs a full session (Get/Post below check it in one
// place); the use cases decide what the user may see, the pages only show it. The navigation
// shows what the policy allows the user's roles. Forms carry the session's CSRF token; the login
// form (no session yet) the double-submit cookie of browser_state.h.
// Immutable after Load(); handlers run concurrently.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/result.h"
#include "http/api.h"
#include "http/pages/i18n.h"
#include "http/pages/static_assets.h"
#include "http/pages/templates.h"
#include "http/router.h"

namespace schakel::http::pages {

struct WebOptions {
  std::filesystem::path web_dir;    // holds templates/, i18n/, static/, node_modules/
  std::filesystem::path theme_css;  // optional: a municipality's own design-token CSS
};

struct Crumb {
  std::string href;  // empty for the current page
  std::string label;
};

// A form error: shown in the summary at the top (a link to the field) and next to the field.
struct FieldError {
  std::string field_id;  // HTML id of the input the message belongs to
  std::string message;
};

// What a handler hands to Render.
struct Page {
  std::string template_name;
  std::string title;
  std::string nav;  // "home", "kader", "rollup", "users", …: marks the current navigation item
  std::vector<Crumb> breadcrumbs;
  std::string organisation;  // shown in the header without a session; empty: none chosen
  std::vector<FieldError> errors;
  nlohmann::json data = nlohmann::json::object();
  int status = 200;
  // Static scripts (asset names) that enhance this page; the page works without them.
  std::vector<std::string> scripts{};
};

inline Page MakePage(std::string template_name, std::string title, std::string nav) {
  Page page;
  page.template_name = std::move(template_name);
  page.title = std::move(title);
  page.nav = std::move(nav);
  return page;
}

// Per request: the language and the texts.
struct PageRequest {
  std::string lang;
  const Catalog* catalog = nullptr;
  std::string T(std::string_view key) const { return catalog->Text(lang, key); }
  std::string F(std::string_view key, const std::map<std::string, std::string>& values) const {
    return catalog->Format(lang, key, values);
  }
};

using PageHandler = std::function<void(Call&, const PageRequest&)>;

class Site {
 public:
  static Result<std::unique_ptr<Site>> Load(const WebOptions& options, ApiServices services);

  void RegisterRoutes(Router& router);
  PageRequest Begin(const Call& call) const { return {LanguageOf(call), &catalog_}; }
  void Render(Call& call, const PageRequest& pr, Page page) const;
  // A plain page with a heading and a message (404, 403, errors of use cases).
  void RenderMessage(Call& call, const PageRequest& pr, int status, const std::string& title,
                     const std::string& message) const;
  // For the server's error handlers; `call` is authenticated, so the header shows the user.
  void RenderNotFound(Call& call) const;
  // An exception escaped a page handler: the message page with the correlation id (no trace).
  void RenderInternalError(Call& call) const;
  // Redirect after POST.
  static void SeeOther(Call& call, const std::string& location);
  // Checks the CSRF token of a POST (the session's, or the double-submit cookie without a
  // session); renders 403 and returns false when it is wrong.
  bool CheckCsrf(Call& call, const PageRequest& pr) const;
  // True for a full session. Otherwise answers with a redirect (the page of the session's
  // login step, or /inloggen?terug=<this page>) and returns false.
  bool RequireUser(Call& call) const;
  // A page for logged-in users only: RequireUser, and for POST the CSRF check, before `handler`.
  void Get(Router& router, const std::string& pattern, PageHandler handler) const;
  void Post(Router& router, const std::string& pattern, PageHandler handler) const;
  // A use case's error as a page: 404, 403 ("no access"), 500 with the correlation id, else the
  // message.
  void RenderError(Call& call, const PageRequest& pr, const Error& error) const;
  // Sets the session cookie to a newly issued token.
  void SetSession(Call& call, const std::string& token) const;
  void ClearSession(Call& call) const;

  const Catalog& catalog() const { return catalog_; }
  const StaticAssets& assets() const { return assets_; }
  // The templates with the texts of one of Languages() filled in (TemplateSet::Localised).
  const TemplateSet& templates(const std::string& lang) const { return localised_.at(lang); }
  ApiServices& services() { return services_; }

 private:
  Site(ApiServices services) : services_(services) {}
  static std::string LanguageOf(const Call& call);
  nlohmann::json Layout(Call& call, const PageRequest& pr, const Page& page) const;
  nlohmann::json Navigation(const Call& call, const PageRequest& pr, const Page& page) const;

  ApiServices services_;
  Catalog catalog_;
  std::map<std::string, TemplateSet> localised_;  // by language
  StaticAssets assets_;
};

// Registers the Kader pages (start, assessment, block form, submit, print, compare).
void RegisterKaderPages(Router& router, Site& site);
// Registers the regional and national roll-up pages.
void RegisterRollupPages(Router& router, Site& site);
// Registers the login steps (password, code, forced password change, TOTP enrolment), the
// account page and logout.
void RegisterLoginPages(Router& router, Site& site);
// Registers the administrator's pages: users, API tokens, organisations.
void RegisterAdminPages(Router& router, Site& site);
void RegisterTokenPages(Router& router, Site& site);
void RegisterOrganisationPages(Router& router, Site& site);
// Registers the signal pages: the staff form and its drafts (RegisterSignalFormPages), the
// signaller's own signals, the care coordinator's inbox and one signal with its triage.
void RegisterSignalPages(Router& router, Site& site);
void RegisterSignalFormPages(Router& router, Site& site);
// Registers the external reporting form and the page to add to a report (no login).
void RegisterReportPages(Router& router, Site& site);
// Registers the auditor's pages: search the trail, failed logins, verify the chain.
void RegisterAuditPages(Router& router, Site& site);
// The Kader in practice: the training registry, the environment scan, the good-practice library.
void RegisterTrainingPages(Router& router, Site& site);
void RegisterScanPages(Router& router, Site& site);
void RegisterPracticePages(Router& router, Site& site);
// Insight: the regional dashboard, estimates, the national monitor and their CSV exports.
void RegisterInsightPages(Router& router, Site& site);
// Care cases: the dashboard, a new case, a case from a signal, one case (case_pages.cpp).
void RegisterCasePages(Router& router, Site& site);
// Care coordination, part 2 (care-shelter): /opvang, the shelter registry and occupancy.
void RegisterShelterPages(Router& router, Site& site);

}  // namespace schakel::http::pages
