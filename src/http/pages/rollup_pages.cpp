// Regional and national roll-up: the share of municipalities reaching each level per block and
// the programme goals, as SVG charts with tables beside them. Municipalities without a submitted
// assessment count in the denominator (they have not shown they reach anything).
#include <fmt/format.h>

#include <cmath>

#include "domain/period.h"
#include "http/json_io.h"
#include "http/pages/kader_view.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string Percent(int count, int of) {
  if (of == 0) return "0%";
  return fmt::format("{}%", static_cast<int>(std::lround(100.0 * count / of)));
}

void RenderRollup(Site& site, Call& call, const PageRequest& pr) {
  const std::string region = call.Query("regio");
  const std::string period = call.Query("periode");
  Page page = MakePage("rollup", pr.T("rollup.title"), "rollup");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("nav.rollup")}};
  json& d = page.data;
  d["period"] = period;

  auto regions = site.services().organisations.List(
      store::OrganisationFilter{std::string("region"), std::nullopt, std::nullopt});
  json options = json::array();
  std::string region_name;
  if (regions) {
    for (const auto& r : *regions) {
      if (r.region_kind != std::optional<std::string>("safety_region") || r.valid_to) continue;
      options.push_back({{"code", r.code}, {"name", r.name}, {"selected", r.code == region}});
      if (r.code == region) region_name = r.name;
    }
  }
  d["regions"] = options;

  if (!region.empty() && region_name.empty()) {
    page.errors.push_back({"regio", pr.T("rollup.error_region")});
    d["error_regio"] = pr.T("rollup.error_region");
  }
  if (!period.empty() && !Period::Parse(period)) {
    page.errors.push_back({"periode", pr.T("rollup.error_period")});
    d["error_periode"] = pr.T("rollup.error_period");
  }
  if (!page.errors.empty()) {
    page.status = 422;
    return site.Render(call, pr, std::move(page));
  }

  auto r = site.services().kader.RollUp(
      region.empty() ? std::nullopt : std::optional<std::string>(region),
      period.empty() ? std::nullopt : std::optional<std::string>(period), "2021-concept",
      call.actor);
  if (!r) {
    return site.RenderError(call, pr, r.error());
  }
  const kader::Rollup& roll = r->rollup;
  const std::string scope = region.empty() ? pr.T("rollup.national") : region_name;
  d["scope"] = scope;
  d["heading"] = pr.F("rollup.heading", {{"scope", scope}});
  page.title = d["heading"];
  if (!region.empty()) page.organisation = region_name;
  d["summary"] =
      pr.F("rollup.summary", {{"assessed", std::to_string(roll.assessed)},
                              {"municipalities", std::to_string(roll.municipalities)},
                              {"period", period.empty() ? pr.T("rollup.latest") : period}});
  d["provisional"] = r->framework->status != "official";

  BarChart blocks;
  blocks.id = "rollup-blocks";
  blocks.title = pr.F("rollup.blocks_chart_title", {{"scope", scope}});
  blocks.description = pr.T("rollup.blocks_chart_description");
  json block_rows = json::array();
  for (const kader::BlockRollup& b : roll.blocks) {
    BarChart::Group group{BlockLabel(*b.block, pr), {}};
    json cells = json::array();
    for (size_t i = 0; i < b.reached.size() && i < r->framework->levels.size(); ++i) {
      const int n = b.reached[i];
      const std::string value =
          pr.F("rollup.share", {{"percent", Percent(n, roll.municipalities)},
                                {"count", std::to_string(n)},
                                {"total", std::to_string(roll.municipalities)}});
      group.bars.push_back(
          {r->framework->levels[i].name.In(pr.lang),
           roll.municipalities == 0 ? 0.0 : static_cast<double>(n) / roll.municipalities, value});
      cells.push_back({{"value", value}});
    }
    blocks.groups.push_back(std::move(group));
    block_rows.push_back({{"label", BlockLabel(*b.block, pr)}, {"cells", cells}});
  }
  json levels = json::array();
  for (const auto& level : r->framework->levels)
    levels.push_back({{"name", level.name.In(pr.lang)}});
  d["levels"] = levels;
  d["block_rows"] = block_rows;
  d["blocks_svg"] = BarChartSvg(blocks);

  BarChart goals;
  goals.id = "rollup-goals";
  goals.title = pr.F("rollup.goals_chart_title", {{"scope", scope}});
  goals.description = pr.T("rollup.goals_chart_description");
  BarChart::Group goal_group;
  json goal_rows = json::array();
  for (const kader::GoalRollup& g : roll.goals) {
    const std::string value =
        pr.F("rollup.share", {{"percent", Percent(g.met, roll.municipalities)},
                              {"count", std::to_string(g.met)},
                              {"total", std::to_string(roll.municipalities)}});
    goal_group.bars.push_back(
        {g.goal->name.In(pr.lang),
         roll.municipalities == 0 ? 0.0 : static_cast<double>(g.met) / roll.municipalities, value});
    goal_rows.push_back({{"name", g.goal->name.In(pr.lang)}, {"value", value}});
  }
  goals.groups.push_back(std::move(goal_group));
  d["goal_rows"] = goal_rows;
  d["has_goals"] = !goal_rows.empty();
  d["goals_svg"] = BarChartSvg(goals);
  d["has_result"] = true;
  site.Render(call, pr, std::move(page));
}

}  // namespace

void RegisterRollupPages(Router& router, Site& site) {
  site.Get(router, "/overzicht",
           [&site](Call& call, const PageRequest& pr) { RenderRollup(site, call, pr); });
}

}  // namespace schakel::http::pages
