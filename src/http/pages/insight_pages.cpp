// Insight pages: the regional dashboard (/inzicht) for the region's chain director and policy
// officers, the page to make and store an estimate of the hidden number (/inzicht/schatting), the
// national monitor (/monitor) for monitors, and their CSV exports. Every figure shown comes from
// app::InsightService after disclosure control; the CSV holds exactly the tables on the page.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>

#include "http/pages/forms.h"
#include "http/pages/kader_view.h"
#include "http/pages/site.h"
#include "http/pages/svg_charts.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

// "12.345" (nl) or "12,345" (en); infinity as the page's word for "no upper limit".
std::string Number(const PageRequest& pr, double value) {
  if (!std::isfinite(value)) return pr.T("insight.estimate.no_limit");
  const auto n = static_cast<int64_t>(std::llround(value));
  std::string digits = std::to_string(n < 0 ? -n : n);
  const std::string sep = pr.lang == "nl" ? "." : ",";
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), sep);
  }
  return (n < 0 ? "-" : "") + digits;
}

int YearOf(const Call& call) {
  const std::string y = call.Query("jaar");
  if (y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos) return std::stoi(y);
  return 0;
}

app::InsightOptions OptionsOf(const Call& call) {
  app::InsightOptions o;
  o.year = YearOf(call);
  o.rounding_base = call.Query("afronden") == "5" ? 5 : 0;
  return o;
}

std::string CategoryLabel(Site& site, const PageRequest& pr, const std::string& dimension,
                          const std::string& category) {
  if (category == "total") return pr.T("insight.total");
  if (dimension == "municipality") return OrganisationLabel(site, category);
  if (dimension == "quarter") return category;
  return pr.T("insight.category." + dimension + "." + category);
}

// A protected table as template data: caption, column headings, rows with cells and totals.
json TableData(Site& site, const PageRequest& pr, const app::ProtectedTable& t,
               std::int64_t threshold) {
  const auto& p = t.published;
  json columns = json::array();
  for (int c = 0; c <= p.columns(); ++c) {
    columns.push_back(
        {{"label",
          CategoryLabel(site, pr, t.spec.columns,
                        c < p.columns() ? p.column_labels[static_cast<size_t>(c)] : "total")}});
  }
  json rows = json::array();
  for (int r = 0; r <= p.rows(); ++r) {
    json cells = json::array();
    for (int c = 0; c <= p.columns(); ++c) {
      const bool suppressed = !p.values[p.index(r, c)].has_value();
      cells.push_back({{"value", app::CellText(p, r, c, threshold)}, {"suppressed", suppressed}});
    }
    rows.push_back(
        {{"label", CategoryLabel(site, pr, t.spec.rows,
                                 r < p.rows() ? p.row_labels[static_cast<size_t>(r)] : "total")},
         {"cells", cells},
         {"total", r == p.rows()}});
  }
  return {{"id", t.spec.id},
          {"caption", pr.T("insight.table." + t.spec.id)},
          {"corner", pr.T("insight.dimension." + t.spec.rows)},
          {"columns", columns},
          {"rows", rows},
          {"withheld", t.withheld}};
}

// Bars of one margin of a table (rows: the row totals; else the column totals). Suppressed
// values draw no bar and say "<10".
std::string MarginChart(Site& site, const PageRequest& pr, const app::ProtectedTable& t,
                        bool of_rows, std::int64_t threshold, const std::string& id,
                        const std::string& title) {
  const auto& p = t.published;
  BarChart chart;
  chart.id = id;
  chart.title = title;
  chart.description = pr.T("insight.chart_description");
  BarChart::Group group;
  const int n = of_rows ? p.rows() : p.columns();
  const auto value_at = [&](int i) {
    return of_rows ? p.values[p.index(i, p.columns())] : p.values[p.index(p.rows(), i)];
  };
  std::int64_t max = 1;
  for (int i = 0; i < n; ++i) max = std::max<std::int64_t>(max, value_at(i).value_or(0));
  for (int i = 0; i < n; ++i) {
    const auto v = value_at(i);
    const std::string& category =
        of_rows ? p.row_labels[static_cast<size_t>(i)] : p.column_labels[static_cast<size_t>(i)];
    group.bars.push_back({CategoryLabel(site, pr, of_rows ? t.spec.rows : t.spec.columns, category),
                          v ? static_cast<double>(*v) / static_cast<double>(max) : 0.0,
                          v ? std::to_string(*v) : fmt::format("<{}", threshold)});
  }
  chart.groups.push_back(std::move(group));
  return BarChartSvg(chart);
}

json EstimateData(Site& site, const PageRequest& pr, const store::EstimateRecord& e) {
  const std::map<std::string, std::string> values = {
      {"region", OrganisationLabel(site, e.region)},
      {"period", e.period},
      {"total", Number(pr, e.total)},
      {"observed", Number(pr, static_cast<double>(e.observed))},
      {"hidden", Number(pr, e.hidden)},
      {"low", Number(pr, e.ci_low)},
      {"high", Number(pr, e.ci_high)},
      {"lists", fmt::format("{}", fmt::join(e.lists, ", "))}};
  return {{"id", e.id},
          {"region", values.at("region")},
          {"period", e.period},
          {"total", values.at("total")},
          {"observed", values.at("observed")},
          {"interval", pr.F("insight.estimate.interval", values)},
          {"explanation", pr.F("insight.estimate.explanation", values)},
          {"method", pr.T("insight.method." + e.method)},
          {"model", e.model},
          {"lists", values.at("lists")},
          {"structural_zeros", fmt::format("{}", fmt::join(e.structural_zeros, ", "))},
          {"has_structural_zeros", !e.structural_zeros.empty()},
          {"created_at", e.created_at.substr(0, 10)}};
}

json Assumptions(const PageRequest& pr) {
  json out = json::array();
  for (int i = 1; i <= 5; ++i) {
    out.push_back({{"title", pr.T(fmt::format("insight.assumption.{}.title", i))},
                   {"text", pr.T(fmt::format("insight.assumption.{}.text", i))}});
  }
  return out;
}

std::string ExportQuery(const std::string& region, int year, int rounding) {
  std::string q = "?jaar=" + std::to_string(year);
  if (!region.empty()) q += "&regio=" + region;
  if (rounding == 5) q += "&afronden=5";
  return q;
}

// What the two overview pages share: the tables, their charts, the exports.
void FillTables(Site& site, const PageRequest& pr, const app::InsightView& view, json& d,
                const std::string& base, const std::string& region) {
  const std::int64_t threshold = view.disclosure.threshold;
  json tables = json::array();
  for (const auto& t : view.tables) tables.push_back(TableData(site, pr, t, threshold));
  d["tables"] = tables;
  d["year"] = view.year;
  d["rounded"] = view.disclosure.rounding_base == 5;
  d["threshold_note"] = pr.F("insight.threshold_note", {{"threshold", std::to_string(threshold)}});
  const app::ProtectedTable& trend = view.tables.front();
  const auto& p = trend.published;
  const auto total = p.values[p.index(p.rows(), p.columns())];
  d["summary"] = pr.F("insight.summary",
                      {{"count", total ? std::to_string(*total) : fmt::format("<{}", threshold)},
                       {"year", std::to_string(view.year)}});
  if (!trend.withheld) {
    d["trend_svg"] =
        MarginChart(site, pr, trend, true, threshold, "inzicht-trend",
                    pr.F("insight.trend_chart", {{"year", std::to_string(view.year)}}));
    d["forms_svg"] =
        MarginChart(site, pr, trend, false, threshold, "inzicht-vormen",
                    pr.F("insight.forms_chart", {{"year", std::to_string(view.year)}}));
  }
  const std::string q = ExportQuery(region, view.year, view.disclosure.rounding_base);
  d["export_csv"] = base + "/export.csv" + q;
  d["export_htcds"] = base + "/htcds.csv" + q;
}

void SendCsv(Call& call, const std::string& name, const std::string& body) {
  call.res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  call.res.set_content(body, "text/csv; charset=utf-8");
}

std::map<std::string, std::string> FormHtcds(Site& site) {
  std::map<std::string, std::string> out;
  for (const auto& f : site.services().signals.catalog().forms) {
    if (!f.htcds.empty()) out[f.id] = f.htcds.front();
  }
  return out;
}

// The region of the request: ?regio=, else the first region the user may see.
std::string RegionOf(Site& site, const Call& call) {
  std::string region = call.Query("regio");
  if (!region.empty()) return region;
  auto mine = site.services().insight.RegionsFor(call.actor);
  if (mine && !mine->empty()) return mine->front();
  return call.actor.principal.regions.empty() ? "" : call.actor.principal.regions.front();
}

void RenderDashboard(Site& site, Call& call, const PageRequest& pr) {
  const std::string region = RegionOf(site, call);
  auto view = site.services().insight.Region(region, OptionsOf(call), call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  const std::string name = OrganisationLabel(site, region);
  Page page = MakePage("insight", pr.F("insight.heading", {{"region", name}}), "insight");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("nav.insight")}};
  json& d = page.data;
  d["heading"] = page.title;
  d["region"] = region;
  json choices = json::array();
  if (auto mine = site.services().insight.RegionsFor(call.actor); mine && mine->size() > 1) {
    for (const auto& r : *mine) {
      choices.push_back(
          {{"code", r}, {"name", OrganisationLabel(site, r)}, {"selected", r == region}});
    }
  }
  d["regions"] = choices;
  d["has_region_choice"] = !choices.empty();
  FillTables(site, pr, *view, d, "/inzicht", region);
  json estimates = json::array();
  for (const auto& e : view->estimates) estimates.push_back(EstimateData(site, pr, e));
  d["estimates"] = estimates;
  d["has_estimates"] = !estimates.empty();
  if (!estimates.empty()) d["latest"] = estimates.front();
  d["assumptions"] = Assumptions(pr);
  d["stored"] = call.Query("opgeslagen") == "1";
  d["may_store"] =
      app::Decide(call.actor.principal, app::Action::kStoreEstimate, {region, {region}, {}, {}})
          .allowed;
  site.Render(call, pr, std::move(page));
}

void DashboardCsv(Site& site, Call& call, const PageRequest& pr, bool htcds) {
  const std::string region = RegionOf(site, call);
  auto view = site.services().insight.Region(region, OptionsOf(call), call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  const std::string name =
      fmt::format("schakel-{}-{}{}.csv", region, view->year, htcds ? "-htcds" : "");
  SendCsv(call, name,
          htcds ? app::HtcdsCsv(view->tables, view->disclosure.threshold, FormHtcds(site))
                : app::TablesCsv(view->tables, view->disclosure.threshold));
}

// The upload form, with the result of a computation when there is one.
void RenderEstimateForm(Site& site, Call& call, const PageRequest& pr, const app::EstimateInput& in,
                        std::vector<FieldError> errors,
                        const std::optional<store::EstimateRecord>& result) {
  Page page = MakePage("insight_estimate", pr.T("insight.estimate.title"), "insight");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/inzicht?regio=" + in.region, pr.T("nav.insight")},
                      {"", pr.T("insight.estimate.title")}};
  json& d = page.data;
  d["region"] = in.region;
  d["region_name"] = OrganisationLabel(site, in.region);
  d["period"] = in.period;
  d["table"] = in.csv;
  json methods = json::array();
  for (const std::string m : {"stepwise", "aic", "bic", "main"}) {
    methods.push_back(
        {{"value", m}, {"label", pr.T("insight.method." + m)}, {"selected", m == in.method}});
  }
  d["methods"] = methods;
  for (const std::string f : {"periode", "tabel", "methode"}) {
    d["error_" + f] = ErrorOf(errors, f);
  }
  if (result) {
    d["result"] = EstimateData(site, pr, *result);
    d["assumptions"] = Assumptions(pr);
  }
  page.status = errors.empty() ? 200 : 422;
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

app::EstimateInput EstimateInputOf(const Call& call) {
  app::EstimateInput in;
  in.region = FormValue(call, "regio");
  in.period = FormValue(call, "periode");
  in.csv = FormValue(call, "tabel");
  in.method = FormValue(call, "methode");
  if (in.method.empty()) in.method = "stepwise";
  return in;
}

void EstimateForm(Site& site, Call& call, const PageRequest& pr) {
  app::EstimateInput in;
  in.region = RegionOf(site, call);
  if (Status s = site.services().insight.MayStore(in.region, call.actor); !s.ok()) {
    return site.RenderError(call, pr, s.error());
  }
  in.period = call.Query("periode");
  RenderEstimateForm(site, call, pr, in, {}, std::nullopt);
}

void EstimatePost(Site& site, Call& call, const PageRequest& pr) {
  const app::EstimateInput in = EstimateInputOf(call);
  const bool store = FormValue(call, "actie") == "bewaren";
  const auto field_error = [&](const Error& e) {
    return std::vector<FieldError>{
        {e.field, pr.T("insight.estimate.error." + e.field) + " " + e.message}};
  };
  if (store) {
    auto stored = site.services().insight.Store(in, call.actor);
    if (!stored) {
      if (stored.error().code != ErrorCode::kInvalid || stored.error().field.empty())
        return site.RenderError(call, pr, stored.error());
      return RenderEstimateForm(site, call, pr, in, field_error(stored.error()), std::nullopt);
    }
    return Site::SeeOther(call, "/inzicht?regio=" + in.region + "&opgeslagen=1#schattingen");
  }
  auto result = site.services().insight.Compute(in, call.actor);
  if (!result) {
    if (result.error().code != ErrorCode::kInvalid || result.error().field.empty())
      return site.RenderError(call, pr, result.error());
    return RenderEstimateForm(site, call, pr, in, field_error(result.error()), std::nullopt);
  }
  RenderEstimateForm(site, call, pr, in, {}, std::move(result).value());
}

void RenderMonitor(Site& site, Call& call, const PageRequest& pr) {
  auto view = site.services().insight.National(OptionsOf(call), call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  Page page = MakePage("monitor", pr.T("monitor.title"), "monitor");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("nav.monitor")}};
  json& d = page.data;
  FillTables(site, pr, *view, d, "/monitor", "");
  // Kader roll-up of the country: programme goals and blocks (no personal data).
  auto roll = site.services().kader.RollUp(std::nullopt, std::nullopt, "2021-concept", call.actor);
  if (roll) {
    const kader::Rollup& r = roll->rollup;
    d["rollup_summary"] =
        pr.F("rollup.summary", {{"assessed", std::to_string(r.assessed)},
                                {"municipalities", std::to_string(r.municipalities)},
                                {"period", pr.T("rollup.latest")}});
    BarChart goals;
    goals.id = "monitor-goals";
    goals.title = pr.T("monitor.goals_chart");
    goals.description = pr.T("rollup.goals_chart_description");
    BarChart::Group group;
    json goal_rows = json::array();
    for (const kader::GoalRollup& g : r.goals) {
      const double share =
          r.municipalities == 0 ? 0.0 : static_cast<double>(g.met) / r.municipalities;
      const std::string value =
          pr.F("rollup.share",
               {{"percent", fmt::format("{}%", static_cast<int>(std::lround(100.0 * share)))},
                {"count", std::to_string(g.met)},
                {"total", std::to_string(r.municipalities)}});
      group.bars.push_back({g.goal->name.In(pr.lang), share, value});
      goal_rows.push_back({{"name", g.goal->name.In(pr.lang)}, {"value", value}});
    }
    goals.groups.push_back(std::move(group));
    d["goals_svg"] = BarChartSvg(goals);
    d["goal_rows"] = goal_rows;
    d["has_goals"] = !goal_rows.empty();
  }
  // The newest estimate of every region.
  json estimates = json::array();
  std::set<std::string> seen;
  for (const auto& e : view->estimates) {
    if (!seen.insert(e.region).second) continue;
    estimates.push_back(EstimateData(site, pr, e));
  }
  d["estimates"] = estimates;
  d["has_estimates"] = !estimates.empty();
  d["assumptions"] = Assumptions(pr);
  site.Render(call, pr, std::move(page));
}

void MonitorCsv(Site& site, Call& call, const PageRequest& pr, bool htcds) {
  auto view = site.services().insight.National(OptionsOf(call), call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  const std::string name =
      fmt::format("schakel-nederland-{}{}.csv", view->year, htcds ? "-htcds" : "");
  SendCsv(call, name,
          htcds ? app::HtcdsCsv(view->tables, view->disclosure.threshold, FormHtcds(site))
                : app::TablesCsv(view->tables, view->disclosure.threshold));
}

}  // namespace

void RegisterInsightPages(Router& router, Site& site) {
  site.Get(router, "/inzicht",
           [&site](Call& call, const PageRequest& pr) { RenderDashboard(site, call, pr); });
  site.Get(router, "/inzicht/export.csv",
           [&site](Call& call, const PageRequest& pr) { DashboardCsv(site, call, pr, false); });
  site.Get(router, "/inzicht/htcds.csv",
           [&site](Call& call, const PageRequest& pr) { DashboardCsv(site, call, pr, true); });
  site.Get(router, "/inzicht/schatting",
           [&site](Call& call, const PageRequest& pr) { EstimateForm(site, call, pr); });
  site.Post(router, "/inzicht/schatting",
            [&site](Call& call, const PageRequest& pr) { EstimatePost(site, call, pr); });
  site.Get(router, "/monitor",
           [&site](Call& call, const PageRequest& pr) { RenderMonitor(site, call, pr); });
  site.Get(router, "/monitor/export.csv",
           [&site](Call& call, const PageRequest& pr) { MonitorCsv(site, call, pr, false); });
  site.Get(router, "/monitor/htcds.csv",
           [&site](Call& call, const PageRequest& pr) { MonitorCsv(site, call, pr, true); });
}

}  // namespace schakel::http::pages
