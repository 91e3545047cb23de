#include "http/pages/site.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/auth.h"
#include "http/json_io.h"
#include "http/pages/browser_state.h"
#include "http/pages/login_flow.h"
#include "http/pages/placement_pages.h"
#include "http/pages/sharing_pages.h"
// Referrals and transfers with consent.
#include "http/pages/referral_pages.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

// Front-end packages from npm (web/package.json), installed by scripts/install-deps. Only their
// CSS is served. The voorbeeld tokens are EUPL-1.2; @utrecht/design-tokens (proprietary) is not
// used.
constexpr const char* kUtrechtCss = "node_modules/@utrecht/component-library-css/dist/index.css";
constexpr const char* kTokensCss =
    "node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css";

}  // namespace

Result<std::unique_ptr<Site>> Site::Load(const WebOptions& options, ApiServices services) {
  std::unique_ptr<Site> site(new Site(services));
  auto catalog = Catalog::Load(options.web_dir / "i18n");
  if (!catalog) return catalog.error();
  site->catalog_ = std::move(*catalog);
  auto templates = TemplateSet::Load(options.web_dir / "templates");
  if (!templates) return templates.error();
  for (const std::string& lang : Languages()) {
    auto localised = templates->Localised(site->catalog_.Texts(lang));
    if (!localised) return localised.error();
    site->localised_.emplace(lang, std::move(localised).value());
  }
  for (const auto& [name, file] :
       {std::pair<std::string, std::string>{"utrecht", kUtrechtCss}, {"tokens", kTokensCss}}) {
    if (Status s = site->assets_.Add(name, options.web_dir / file); !s.ok()) {
      spdlog::warn(
          "{}; the pages will be unstyled. Install it with scripts/install-deps "
          "(npm ci in web/)",
          s.error().message);
    }
  }
  if (Status s = site->assets_.Add("schakel", options.web_dir / "static" / "schakel.css");
      !s.ok()) {
    return s.error();
  }
  if (Status s = site->assets_.Add("signal_form", options.web_dir / "static" / "signal_form.js");
      !s.ok()) {
    return s.error();
  }
  if (!options.theme_css.empty()) {
    if (Status s = site->assets_.Add("theme", options.theme_css); !s.ok()) return s.error();
  }
  return site;
}

std::string Site::LanguageOf(const Call& call) {
  return pages::LanguageOf(call.req);
}

void Site::SeeOther(Call& call, const std::string& location) {
  call.res.status = 303;
  call.res.set_header("Location", location);
}

json Site::Navigation(const Call& call, const PageRequest& pr, const Page& page) const {
  // Only what the policy lets the user's roles open; without a full session, nothing.
  const app::Principal& who = call.actor.principal;
  const bool full = call.session && call.session->stage == app::SessionStage::kFull;
  const auto allows = [&](app::Action action, const app::Resource& on) {
    return full && app::Decide(who, action, on).allowed;
  };
  const app::Resource own{who.organisation, who.regions, {}, {}};
  bool rollup = allows(app::Action::kViewNationalRollup, {});
  bool insight = false;
  for (const std::string& region : who.regions) {
    insight = insight || allows(app::Action::kViewRegionInsight, {region, {region}, {}, {}});
  }
  for (const std::string& region : who.regions) {
    rollup = rollup || allows(app::Action::kViewRegionRollup, {region, {region}, {}, {}});
  }
  bool shelters = allows(app::Action::kViewShelters, {"*", {"*"}, {}, {}});  // care-shelter
  for (const std::string& region : who.regions) {
    shelters = shelters || allows(app::Action::kViewShelters, {region, {region}, {}, {}});
  }
  bool conferences = allows(app::Action::kViewConference, {{}, {}, {}, {who.organisation}});
  for (const std::string& region : who.regions) {
    conferences = conferences || allows(app::Action::kViewConference, {region, {region}, {}, {}});
  }
  json nav = json::array();
  for (const auto& [id, href, shown] : std::vector<std::tuple<std::string, std::string, bool>>{
           {"home", "/", full},
           {"signals_new", "/signalen/nieuw", allows(app::Action::kFileSignal, own)},
           {"signals_mine", "/signalen/mijn", allows(app::Action::kFileSignal, own)},
           {"signals", "/signalen", allows(app::Action::kViewSignal, own)},
           {"cases", "/zaken", allows(app::Action::kViewCase, own)},
           {"kader", "/kader", allows(app::Action::kViewAssessment, own)},
           {"rollup", "/overzicht", rollup},
           {"training", "/kader/training", allows(app::Action::kManageTraining, own)},
           {"scan", "/kader/omgevingsscan", allows(app::Action::kViewEnvironmentScan, own)},
           // Every logged-in user reads nationally published practices.
           {"practices", "/praktijken",
            allows(app::Action::kViewPractice, {{}, {}, {}, {}, "national"})},
           {"users", "/beheer/gebruikers", allows(app::Action::kManageUsers, own)},
           {"organisations", "/beheer/organisaties",
            allows(app::Action::kManageOrganisations, own)},
           {"audit", "/audit", allows(app::Action::kReadAudit, own)},
           // Insight: the region's dashboard, the national monitor.
           {"insight", "/inzicht", insight},
           {"monitor", "/monitor", allows(app::Action::kViewNationalInsight, {})},
           // Care coordination, part 2 (care-shelter).
           {"shelters", "/opvang", shelters},
           // Care coordination: a partner's shared cases; case conferences of the region.
           {"shared", "/gedeeld",
            allows(app::Action::kViewSharedCase, {{}, {}, {}, {who.organisation}})},
           {"conferences", "/casusoverleg", conferences},
           // Referrals and transfers: for the roles that may receive them (partners, care
           // coordinators); a referral's receiver is in shared_with.
           {"referrals", "/verwijzingen",
            allows(app::Action::kReceiveReferral, {{}, {}, {}, {who.organisation}})}}) {
    if (!shown) continue;
    nav.push_back(
        {{"id", id}, {"href", href}, {"label", pr.T("nav." + id)}, {"current", id == page.nav}});
  }
  return nav;
}

json Site::Layout(Call& call, const PageRequest& pr, const Page& page) const {
  const httplib::Request& req = call.req;
  json d = page.data;  // the texts (`t`) are in the localised templates already
  d["lang"] = pr.lang;
  d["csrf"] = call.session ? call.session->csrf_token : CsrfToken(req, call.res);
  d["title"] = page.title;
  json errors = json::array();
  for (const auto& e : page.errors) {
    errors.push_back({{"href", "#" + e.field_id}, {"message", e.message}});
  }
  d["errors"] = errors;
  d["has_errors"] = !page.errors.empty();
  // Order matters: components, then the default tokens, a municipality's own tokens, ours last.
  json sheets = json::array();
  for (const char* name : {"utrecht", "tokens", "theme", "schakel"}) {
    const std::string url = assets_.Url(name);
    if (!url.empty()) sheets.push_back({{"href", url}});
  }
  d["stylesheets"] = sheets;
  json scripts = json::array();
  for (const std::string& name : page.scripts) scripts.push_back({{"src", assets_.Url(name)}});
  d["scripts"] = scripts;
  // A demo installation says so on every page (docs/operations.md, "Demo mode").
  const auto demo = services_.identity.DemoMode();
  d["demo_mode"] = demo.ok() && *demo;
  d["nav"] = Navigation(call, pr, page);
  d["has_nav"] = !d["nav"].empty();
  json crumbs = json::array();
  for (size_t i = 0; i < page.breadcrumbs.size(); ++i) {
    crumbs.push_back({{"href", page.breadcrumbs[i].href},
                      {"label", page.breadcrumbs[i].label},
                      {"current", i + 1 == page.breadcrumbs.size()}});
  }
  d["breadcrumbs"] = crumbs;
  d["has_breadcrumbs"] = !page.breadcrumbs.empty();
  if (call.session) {
    d["signed_in"] = true;
    d["full_session"] = call.session->stage == app::SessionStage::kFull;
    d["user_name"] = call.session->user.display_name;
    d["organisation"] = call.session->user.organisation_name;
  } else {
    d["organisation"] =
        page.organisation.empty() ? pr.T("layout.no_organisation") : page.organisation;
  }
  // The switch names the other language in that language and returns to this page.
  const std::string other = pr.lang == "nl" ? "en" : "nl";
  std::string back = req.path;
  if (!req.params.empty() && req.method == "GET") {
    back += "?" + httplib::detail::params_to_query_str(req.params);
  }
  d["language_switch"] = {
      {"href", fmt::format("/taal/{}?terug={}", other, httplib::detail::encode_query_param(back))},
      {"label", catalog_.Text(other, "layout.language_name")},
      {"lang", other}};
  return d;
}

void Site::Render(Call& call, const PageRequest& pr, Page page) const {
  json d = Layout(call, pr, page);
  const TemplateSet& set = templates(pr.lang);
  const std::string body = set.Render(page.template_name, d);
  d["body"] = body;
  d["page_title"] = (page.errors.empty() ? "" : pr.T("form.error_title_prefix") + " ") +
                    page.title + " — Schakel";
  call.res.status = page.status;
  call.res.set_content(set.Render("layout", d), "text/html; charset=utf-8");
}

void Site::RenderMessage(Call& call, const PageRequest& pr, int status, const std::string& title,
                         const std::string& message) const {
  Page page = MakePage("message", title, "");
  page.data["message"] = message;
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", title}};
  page.status = status;
  Render(call, pr, std::move(page));
}

void Site::RenderNotFound(Call& call) const {
  const PageRequest pr = Begin(call);
  RenderMessage(call, pr, 404, pr.T("error.not_found_title"), pr.T("error.not_found"));
}

void Site::RenderInternalError(Call& call) const {
  const PageRequest pr = Begin(call);
  RenderMessage(call, pr, 500, pr.T("error.internal_title"),
                pr.F("error.internal", {{"id", call.res.get_header_value("X-Correlation-Id")}}));
}

bool Site::CheckCsrf(Call& call, const PageRequest& pr) const {
  const bool valid =
      call.session ? FormTokenMatches(call.req, call.session->csrf_token) : CsrfValid(call.req);
  if (valid) return true;
  RenderMessage(call, pr, 403, pr.T("error.csrf_title"), pr.T("error.csrf"));
  return false;
}

bool Site::RequireUser(Call& call) const {
  if (call.session && call.session->stage == app::SessionStage::kFull) return true;
  if (call.session) {
    SeeOther(call, StagePath(call.session->stage));
    return false;
  }
  // After login the user returns here; a form's target is no page to return to.
  std::string back = call.req.method == "GET" ? call.req.path : "/";
  if (call.req.method == "GET" && !call.req.params.empty()) {
    back += "?" + httplib::detail::params_to_query_str(call.req.params);
  }
  SeeOther(call, WithReturn("/inloggen", back));
  return false;
}

void Site::Get(Router& router, const std::string& pattern, PageHandler handler) const {
  router.Get(pattern, [this, handler = std::move(handler)](Call& call) {
    if (!RequireUser(call)) return;
    handler(call, Begin(call));
  });
}

void Site::Post(Router& router, const std::string& pattern, PageHandler handler) const {
  router.Post(pattern, [this, handler = std::move(handler)](Call& call) {
    if (!RequireUser(call)) return;
    const PageRequest pr = Begin(call);
    if (!CheckCsrf(call, pr)) return;
    handler(call, pr);
  });
}

void Site::RenderError(Call& call, const PageRequest& pr, const Error& e) const {
  switch (e.code) {
    case ErrorCode::kNotFound:
      return RenderMessage(call, pr, 404, pr.T("error.not_found_title"), pr.T("error.not_found"));
    case ErrorCode::kForbidden:
      return RenderMessage(call, pr, 403, pr.T("error.forbidden_title"), pr.T("error.forbidden"));
    case ErrorCode::kInternal:
    case ErrorCode::kUnavailable: {
      const std::string id = call.res.get_header_value("X-Correlation-Id");
      spdlog::error("[{}] {} {}: {}", id, call.req.method, call.req.path, e.message);
      return RenderMessage(call, pr, StatusFor(e.code), pr.T("error.internal_title"),
                           pr.F("error.internal", {{"id", id}}));
    }
    case ErrorCode::kInvalid:
    case ErrorCode::kConflict:
      break;
  }
  RenderMessage(call, pr, StatusFor(e.code), pr.T("error.general_title"), e.message);
}

void Site::SetSession(Call& call, const std::string& token) const {
  call.res.set_header("Set-Cookie", SessionCookieHeader(token, call.secure_cookies));
}

void Site::ClearSession(Call& call) const {
  call.res.set_header("Set-Cookie", ClearSessionCookieHeader(call.secure_cookies));
}

void Site::RegisterRoutes(Router& router) {
  router.Get("/static/{file}", [this](Call& call) {
    const StaticAsset* asset = assets_.Find(call.Param("file"));
    if (asset == nullptr) {
      call.res.status = 404;
      call.res.set_content("not found\n", "text/plain; charset=utf-8");
      return;
    }
    // The URL names the content, so it may be cached for a year without revalidation.
    call.res.headers.erase("Cache-Control");
    call.res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    call.res.set_content(asset->body, asset->content_type.c_str());
  });
  router.Get("/taal/{lang}", [](Call& call) {
    RememberLanguage(call.res, call.Param("lang"));
    SeeOther(call, LocalPath(call.Query("terug")));
  });
  Get(router, "/", [this](Call& call, const PageRequest& pr) {
    Page page = MakePage("home", pr.T("home.title"), "home");
    // A card for everything the navigation offers besides this page.
    json cards = json::array();
    for (json item : Navigation(call, pr, page)) {
      if (item["id"] == "home") continue;
      item["text"] = pr.T("home.card." + item["id"].get<std::string>());
      if (item["id"] == "signals") {
        // The inbox card says what waits: new and acute signals.
        if (auto inbox = services_.signals.InboxOf(call.actor, {}); inbox.ok()) {
          item["count"] =
              pr.F("home.signal_counts", {{"new", std::to_string(inbox->new_count)},
                                          {"acute", std::to_string(inbox->acute_count)}});
        }
      }
      cards.push_back(item);
    }
    page.data["cards"] = cards;
    Render(call, pr, std::move(page));
  });
  RegisterLoginPages(router, *this);
  RegisterKaderPages(router, *this);
  RegisterRollupPages(router, *this);
  RegisterAdminPages(router, *this);
  RegisterTokenPages(router, *this);
  RegisterOrganisationPages(router, *this);
  RegisterAuditPages(router, *this);
  RegisterTrainingPages(router, *this);
  RegisterScanPages(router, *this);
  RegisterPracticePages(router, *this);
  RegisterSignalPages(router, *this);
  RegisterCasePages(router, *this);
  RegisterReportPages(router, *this);
  RegisterInsightPages(router, *this);
  RegisterShelterPages(router, *this);  // care-shelter
  RegisterSharingPages(router, *this);
  RegisterConferencePages(router, *this);
  RegisterPlacementPages(router, *this);  // placements on the case
  RegisterReferralPages(router, *this);   // referrals and transfers
}

}  // namespace schakel::http::pages
