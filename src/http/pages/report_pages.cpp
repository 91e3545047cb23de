// The external reporting route (Kader plateau 1, "a reporting structure outside the
// municipality"): /melden lets anyone tell the municipality what they saw or heard, without
// logging in, and /melden/aanvullen lets them add to it later with the code they were given.
// The answer never says anything about the signal or whether anyone is known.
//
// Protection without login: the double-submit CSRF cookie of browser_state.h; a honeypot field
// that people do not see (filled in: the page pretends success and nothing is stored or
// audited); the service's size limits; and at most five posts per client address in ten minutes
// per form (429 with a page in the visitor's language).
#include <fmt/format.h>

#include <memory>

#include "http/pages/browser_state.h"
#include "http/pages/forms.h"
#include "http/pages/request_limit.h"
#include "http/pages/signal_view.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr int kReportsPerWindow = 5;
constexpr auto kWindow = std::chrono::minutes(10);
constexpr const char* kHoneypot = "website";

// The form field of an error of SubmitExternal / AddInformation, and its text key.
std::pair<std::string, std::string> ReportErrorOf(const Error& e) {
  const std::string field = e.field.substr(0, e.field.find('['));
  if (field == "organisation") return {"gemeente", "report.error.organisation"};
  if (field == "observed_on") return {"wanneer", "report.error.observed_on"};
  if (field == "observed_municipality") return {"plaats", "report.error.place"};
  if (field == "postal_area") return {"postcode", "report.error.postal_area"};
  if (field == "forms") return {"vormen", "report.error.forms"};
  if (field == "reference_code") return {"code", "report.error.code"};
  if (field == "text") return {"aanvulling", "report.error.addition"};
  return {"wat", "report.error.description"};
}

// Too many posts from this address: a page, not a stack of stored reports.
bool WithinLimit(Site& site, Call& call, const PageRequest& pr, RequestLimit& limit) {
  if (limit.Allow(call.req.remote_addr, RequestLimit::Clock::now())) return true;
  call.res.set_header("Retry-After", "600");
  site.RenderMessage(call, pr, 429, pr.T("report.too_many_title"), pr.T("report.too_many"));
  return false;
}

// A code in the real codes' shape, for the honeypot's pretended success.
std::string DecoyCode() {
  static constexpr const char kAlphabet[] = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  const std::string random = NewToken();
  std::string code;
  for (size_t i = 0; i < 12; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    const auto byte = static_cast<size_t>(std::stoi(random.substr(i * 2, 2), nullptr, 16));
    code += kAlphabet[byte % (sizeof kAlphabet - 1)];
  }
  return code;
}

void RenderReport(Site& site, Call& call, const PageRequest& pr, const app::ExternalReport& in,
                  bool danger_asked, std::vector<FieldError> errors) {
  const signals::Catalog& catalog = site.services().signals.catalog();
  Page page = MakePage("report", pr.T("report.title"), "");
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  const std::vector<Choice> municipalities = MunicipalityChoices(site);
  d["receiving"] = SelectField("gemeente", pr.T("report.organisation"), pr.T("report.choose"),
                                  municipalities, in.organisation, errors);
  TextField what{"wat", pr.T("report.description"), in.description};
  what.hint = pr.T("report.description_hint");
  d["description"] = FieldData(what, errors);
  d["place"] = SelectField("plaats", pr.T("report.place"), pr.T("report.not_known"), municipalities,
                           in.observed_municipality, errors);
  TextField postal{"postcode", pr.T("report.postal_area"), in.postal_area};
  postal.hint = pr.T("report.postal_area_hint");
  postal.short_input = true;
  d["postal_area"] = FieldData(postal, errors);
  TextField when{"wanneer", pr.T("report.observed_on"), in.observed_on};
  when.hint = pr.T("report.observed_on_hint");
  when.short_input = true;
  d["observed_on"] = FieldData(when, errors);
  std::set<std::string> danger;
  if (danger_asked) danger.insert(in.acute ? "ja" : "nee");
  d["danger"] =
      ChoiceGroup("gevaar", "gevaar", "radio", pr.T("report.danger"),
                  {{"ja", pr.T("report.yes")}, {"nee", pr.T("report.no")}}, danger, errors);
  d["forms"] = ChoiceGroup("vormen", "vormen", "checkbox", pr.T("report.forms"),
                           FormChoices(pr, catalog), {in.forms.begin(), in.forms.end()}, errors);
  if (in.acute) d["guidance"] = InLanguage(pr, catalog.urgencies.front().guidance);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RenderReceipt(Site& site, Call& call, const PageRequest& pr, const std::string& code,
                   bool acute) {
  Page page = MakePage("report_done", pr.T("report.done_title"), "");
  page.data["code"] = code;
  if (acute) {
    page.data["guidance"] =
        InLanguage(pr, site.services().signals.catalog().urgencies.front().guidance);
  }
  site.Render(call, pr, std::move(page));
}

void RegisterReport(Router& router, Site& site, std::shared_ptr<RequestLimit> limit) {
  router.Get("/melden",
             [&site](Call& call) { RenderReport(site, call, site.Begin(call), {}, false, {}); });
  router.Post("/melden", [&site, limit](Call& call) {
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr) || !WithinLimit(site, call, pr, *limit)) return;
    app::ExternalReport in;
    in.organisation = FormValue(call, "gemeente");
    in.description = FormValue(call, "wat");
    in.observed_on = FormValue(call, "wanneer");
    in.observed_municipality = FormValue(call, "plaats");
    in.postal_area = FormValue(call, "postcode");
    const std::string danger = FormValue(call, "gevaar");
    in.acute = danger == "ja";
    in.forms = FormValues(call, "vormen");
    if (!FormValue(call, kHoneypot).empty())
      return RenderReceipt(site, call, pr, DecoyCode(), false);
    auto receipt = site.services().signals.SubmitExternal(call.actor, in);
    if (!receipt) {
      if (receipt.error().code != ErrorCode::kInvalid) {
        return site.RenderError(call, pr, receipt.error());
      }
      const auto [field, key] = ReportErrorOf(receipt.error());
      return RenderReport(site, call, pr, in, !danger.empty(), {{field, pr.T(key)}});
    }
    RenderReceipt(site, call, pr, receipt->reference_code, receipt->emergency_guidance);
  });
}

void RenderAddition(Site& site, Call& call, const PageRequest& pr, std::vector<FieldError> errors,
                    bool done) {
  Page page = MakePage("report_add", pr.T("report.add_title"), "");
  page.status = errors.empty() ? 200 : 422;
  page.data["done"] = done;
  if (!done) {
    TextField code{"code", pr.T("report.code"), FormValue(call, "code")};
    code.hint = pr.T("report.code_hint");
    page.data["code"] = FieldData(code, errors);
    TextField text{"aanvulling", pr.T("report.addition"), FormValue(call, "aanvulling")};
    page.data["text"] = FieldData(text, errors);
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterAddition(Router& router, Site& site, std::shared_ptr<RequestLimit> limit) {
  router.Get("/melden/aanvullen",
             [&site](Call& call) { RenderAddition(site, call, site.Begin(call), {}, false); });
  router.Post("/melden/aanvullen", [&site, limit](Call& call) {
    const PageRequest pr = site.Begin(call);
    if (!site.CheckCsrf(call, pr) || !WithinLimit(site, call, pr, *limit)) return;
    if (!FormValue(call, kHoneypot).empty()) return RenderAddition(site, call, pr, {}, true);
    Status added = site.services().signals.AddInformation(call.actor, FormValue(call, "code"),
                                                          FormValue(call, "aanvulling"));
    if (added.ok()) return RenderAddition(site, call, pr, {}, true);
    const Error& e = added.error();
    if (e.code == ErrorCode::kNotFound) {
      return RenderAddition(site, call, pr, {{"code", pr.T("report.error.code_unknown")}}, false);
    }
    if (e.code != ErrorCode::kInvalid) return site.RenderError(call, pr, e);
    const auto [field, key] = ReportErrorOf(e);
    RenderAddition(site, call, pr, {{field, pr.T(key)}}, false);
  });
}

}  // namespace

void RegisterReportPages(Router& router, Site& site) {
  RegisterReport(router, site, std::make_shared<RequestLimit>(kReportsPerWindow, kWindow));
  RegisterAddition(router, site, std::make_shared<RequestLimit>(kReportsPerWindow, kWindow));
}

}  // namespace schakel::http::pages
