#include "http/pages/site.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/pages/browser_state.h"

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
  site->templates_ = std::move(*templates);
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

json Site::Layout(const httplib::Request& req, httplib::Response& res, const PageRequest& pr,
                  const Page& page) const {
  json d = page.data;
  d["t"] = catalog_.Texts(pr.lang);
  d["lang"] = pr.lang;
  d["csrf"] = CsrfToken(req, res);
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
  json nav = json::array();
  for (const auto& [id, href] : std::vector<std::pair<std::string, std::string>>{
           {"home", "/"}, {"kader", "/kader"}, {"rollup", "/overzicht"}}) {
    nav.push_back({{"href", href}, {"label", pr.T("nav." + id)}, {"current", id == page.nav}});
  }
  d["nav"] = nav;
  json crumbs = json::array();
  for (size_t i = 0; i < page.breadcrumbs.size(); ++i) {
    crumbs.push_back({{"href", page.breadcrumbs[i].href},
                      {"label", page.breadcrumbs[i].label},
                      {"current", i + 1 == page.breadcrumbs.size()}});
  }
  d["breadcrumbs"] = crumbs;
  d["has_breadcrumbs"] = !page.breadcrumbs.empty();
  d["organisation"] =
      page.organisation.empty() ? pr.T("layout.no_organisation") : page.organisation;
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
  json d = Layout(call.req, call.res, pr, page);
  const std::string body = templates_.Render(page.template_name, d);
  d["body"] = body;
  d["page_title"] = (page.errors.empty() ? "" : pr.T("form.error_title_prefix") + " ") +
                    page.title + " — Schakel";
  call.res.status = page.status;
  call.res.set_content(templates_.Render("layout", d), "text/html; charset=utf-8");
}

void Site::RenderMessage(Call& call, const PageRequest& pr, int status, const std::string& title,
                         const std::string& message) const {
  Page page = MakePage("message", title, "");
  page.data["message"] = message;
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", title}};
  page.status = status;
  Render(call, pr, std::move(page));
}

void Site::RenderNotFound(const httplib::Request& req, httplib::Response& res) const {
  Call call{req, res, {}};
  const PageRequest pr = Begin(call);
  RenderMessage(call, pr, 404, pr.T("error.not_found_title"), pr.T("error.not_found"));
}

bool Site::CheckCsrf(Call& call, const PageRequest& pr) const {
  if (CsrfValid(call.req)) return true;
  RenderMessage(call, pr, 403, pr.T("error.csrf_title"), pr.T("error.csrf"));
  return false;
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
  router.Get("/", [this](Call& call) {
    const PageRequest pr = Begin(call);
    Page page = MakePage("home", pr.T("home.title"), "home");
    Render(call, pr, std::move(page));
  });
  RegisterKaderPages(router, *this);
  RegisterRollupPages(router, *this);
}

}  // namespace schakel::http::pages
