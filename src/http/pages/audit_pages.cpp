// The auditor's pages: search the audit trail (user, object, period, result; newest first, a
// link for more), failed logins per hour as a chart with a table (spikes highlighted), and
// verifying the hash chain. The audit service checks the role and records every look.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "domain/clock.h"
#include "http/pages/forms.h"
#include "http/pages/site.h"
#include "http/pages/svg_charts.h"
#include "security/audit_chain.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr int kPageSize = 100;
constexpr const char* kResults[] = {"allow", "deny", "success", "failure"};

std::optional<std::string> Given(const Call& call, const std::string& name) {
  const std::string value = call.Query(name);
  return value.empty() ? std::nullopt : std::optional<std::string>(value);
}

// The form's field for a use-case error on `field`.
std::string FieldOf(const std::string& field) {
  if (field == "from") return "van";
  if (field == "to") return "tot";
  if (field == "result") return "resultaat";
  if (field == "threshold") return "drempel";
  return "van";
}

// An invalid filter shows next to its field; other errors as a page.
bool FilterError(Site& site, Call& call, const PageRequest& pr, const Error& e,
                 std::vector<FieldError>* errors) {
  if (e.code != ErrorCode::kInvalid) {
    site.RenderError(call, pr, e);
    return false;
  }
  errors->push_back({FieldOf(e.field), pr.T("audit.error." + FieldOf(e.field))});
  return true;
}

Page AuditPage(const std::string& template_name, const std::string& title, const PageRequest& pr,
               bool is_root) {
  Page page = MakePage(template_name, title, "audit");
  page.breadcrumbs = {{"/", pr.T("nav.home")}};
  if (!is_root) page.breadcrumbs.push_back({"/audit", pr.T("audit.title")});
  page.breadcrumbs.push_back({"", title});
  return page;
}

json EventRow(const PageRequest& pr, const store::AuditRow& r) {
  return {{"sequence", r.sequence},
          {"timestamp", r.timestamp},
          {"actor", r.actor},
          {"organisation", r.organisation},
          {"action", r.action},
          {"object", r.object_id.empty() ? r.object_type : r.object_type + " " + r.object_id},
          {"result", pr.T("audit.result." + r.result)},
          {"origin", r.origin_address.empty() ? r.origin : r.origin + " " + r.origin_address}};
}

// ---- search ----------------------------------------------------------------------------------

void RegisterSearch(Router& router, Site& site) {
  site.Get(router, "/audit", [&site](Call& call, const PageRequest& pr) {
    app::AuditSearch search;
    search.actor = Given(call, "gebruiker");
    search.object_id = Given(call, "object");
    search.from = Given(call, "van");
    search.to = Given(call, "tot");
    search.result = Given(call, "resultaat");
    const std::string asked = call.Query("aantal");
    const bool numeric = !asked.empty() && asked.size() < 5 &&
                         asked.find_first_not_of("0123456789") == std::string::npos;
    search.limit = std::clamp(numeric ? std::stoi(asked) : kPageSize, 1, 1000);
    Page page = AuditPage("audit", pr.T("audit.title"), pr, true);
    std::vector<FieldError> errors;
    auto found = site.services().audit.Search(call.actor, search);
    if (!found && !FilterError(site, call, pr, found.error(), &errors)) return;
    json& d = page.data;
    d["fields"] = json::array(
        {FieldData({"gebruiker", pr.T("audit.actor"), search.actor.value_or(""), "text",
                    pr.T("audit.actor_hint")},
                   errors),
         FieldData({"object", pr.T("audit.object"), search.object_id.value_or(""), "text",
                    pr.T("audit.object_hint")},
                   errors),
         FieldData({"van", pr.T("audit.from"), search.from.value_or(""), "date", "", "off", true},
                   errors),
         FieldData({"tot", pr.T("audit.to"), search.to.value_or(""), "date", "", "off", true},
                   errors)});
    json results = json::array();
    for (const char* r : kResults) {
      results.push_back({{"value", r},
                         {"label", pr.T(std::string("audit.result.") + r)},
                         {"selected", search.result == std::optional<std::string>(r)}});
    }
    d["results"] = results;
    d["result_error"] = ErrorOf(errors, "resultaat");
    if (found) {
      json rows = json::array();
      for (const auto& r : found->events) rows.push_back(EventRow(pr, r));
      d["events"] = rows;
      d["has_events"] = !rows.empty();
      d["searched"] = true;
      d["count"] = pr.F("audit.count", {{"n", std::to_string(rows.size())}});
      if (found->more && search.limit < 1000) {
        httplib::Params more = call.req.params;
        more.erase("aantal");
        more.emplace("aantal", std::to_string(std::min(1000, search.limit + kPageSize)));
        d["more_href"] = "/audit?" + httplib::detail::params_to_query_str(more);
      }
    }
    page.status = errors.empty() ? 200 : 422;
    page.errors = std::move(errors);
    site.Render(call, pr, std::move(page));
  });
}

// ---- failed logins ---------------------------------------------------------------------------

std::string DaysAgo(int days) {
  return FormatUtc(std::chrono::system_clock::now() - std::chrono::days(days)).substr(0, 10);
}

// "2026-11-27T14" → "2026-11-27 14:00".
std::string HourLabel(const std::string& hour) {
  return hour.size() == 13 ? hour.substr(0, 10) + " " + hour.substr(11) + ":00" : hour;
}

void RegisterFailedLogins(Router& router, Site& site) {
  site.Get(router, "/audit/inlogpogingen", [&site](Call& call, const PageRequest& pr) {
    const std::string from = Given(call, "van").value_or(DaysAgo(6));
    const std::string to = Given(call, "tot").value_or(DaysAgo(0));
    const std::string threshold_text = Given(call, "drempel").value_or("20");
    const bool numeric = threshold_text.size() < 6 &&
                         threshold_text.find_first_not_of("0123456789") == std::string::npos;
    const int threshold = numeric ? std::stoi(threshold_text) : 0;
    Page page = AuditPage("failed_logins", pr.T("audit.failed.title"), pr, false);
    std::vector<FieldError> errors;
    auto hours = site.services().audit.FailedLogins(call.actor, from, to, threshold);
    if (!hours && !FilterError(site, call, pr, hours.error(), &errors)) return;
    json& d = page.data;
    d["fields"] =
        json::array({FieldData({"van", pr.T("audit.from"), from, "date", "", "off", true}, errors),
                     FieldData({"tot", pr.T("audit.to"), to, "date", "", "off", true}, errors),
                     FieldData({"drempel", pr.T("audit.failed.threshold"), threshold_text, "text",
                                pr.T("audit.failed.threshold_hint"), "off", true},
                               errors)});
    if (hours) {
      int most = 1, total = 0, spikes = 0;
      for (const auto& h : *hours) {
        most = std::max(most, h.failures);
        total += h.failures;
        spikes += h.spike ? 1 : 0;
      }
      BarChart chart;
      chart.id = "inlogpogingen";
      chart.title = pr.F("audit.failed.chart_title", {{"from", from}, {"to", to}});
      chart.description = pr.T("audit.failed.chart_description");
      BarChart::Group group;
      json rows = json::array();
      for (const auto& h : *hours) {
        const std::string value = pr.F(h.spike ? "audit.failed.value_spike" : "audit.failed.value",
                                       {{"failures", std::to_string(h.failures)},
                                        {"addresses", std::to_string(h.distinct_addresses)}});
        group.bars.push_back(
            {HourLabel(h.hour), static_cast<double>(h.failures) / most, value, h.spike});
        rows.push_back({{"hour", HourLabel(h.hour)},
                        {"failures", h.failures},
                        {"addresses", h.distinct_addresses},
                        {"spike", h.spike}});
      }
      chart.groups.push_back(std::move(group));
      d["has_hours"] = !rows.empty();
      d["hours"] = rows;
      d["chart_svg"] = BarChartSvg(chart);
      d["summary"] = pr.F("audit.failed.summary", {{"total", std::to_string(total)},
                                                   {"hours", std::to_string(rows.size())},
                                                   {"spikes", std::to_string(spikes)}});
      d["searched"] = true;
    }
    page.status = errors.empty() ? 200 : 422;
    page.errors = std::move(errors);
    site.Render(call, pr, std::move(page));
  });
}

// ---- verify the chain ------------------------------------------------------------------------

void RegisterVerify(Router& router, Site& site) {
  site.Get(router, "/audit/controle", [&site](Call& call, const PageRequest& pr) {
    auto verified = site.services().audit.Verify(call.actor);
    if (!verified) return site.RenderError(call, pr, verified.error());
    Page page = AuditPage("audit_verify", pr.T("audit.verify.title"), pr, false);
    json& d = page.data;
    d["events"] = pr.F("audit.verify.events", {{"n", std::to_string(verified->events)}});
    if (verified->finding) {
      const auto& f = *verified->finding;
      d["intact"] = false;
      d["finding"] = pr.F(std::string("audit.verify.defect.") + security::AuditDefectName(f.defect),
                          {{"sequence", std::to_string(f.sequence)}});
      d["detail"] = f.message;
    } else {
      d["intact"] = true;
    }
    if (verified->last) {
      d["anchor"] = fmt::format("{} {}", verified->last->sequence, verified->last->hash);
    }
    site.Render(call, pr, std::move(page));
  });
}

}  // namespace

void RegisterAuditPages(Router& router, Site& site) {
  RegisterSearch(router, site);
  RegisterFailedLogins(router, site);
  RegisterVerify(router, site);
}

}  // namespace schakel::http::pages
