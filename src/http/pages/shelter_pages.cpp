// /opvang (care-shelter): the shelter registry of a care-coordination region — every shelter with
// its type, capacity and places taken tonight, the region's occupancy over the past weeks as an
// SVG chart with the same figures in a table, and (for who may keep the registry) a form to add
// a shelter. No personal data on this page.
#include <fmt/format.h>

#include <algorithm>

#include "care/amsterdam_time.h"
#include "http/pages/forms.h"
#include "http/pages/site.h"
#include "http/pages/svg_charts.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

struct ShelterForm {
  std::string name, type, capacity;
};

// The regions the user may choose from: their own, or every region for whom the policy allows
// any region (the installation's administrator).
std::vector<std::string> ChoosableRegions(Site& site, const Call& call) {
  const app::Principal& who = call.actor.principal;
  if (app::Decide(who, app::Action::kViewShelters, {"*", {"*"}, {}, {}}).allowed) {
    std::vector<std::string> all;
    auto list = site.services().organisations.List({std::string("region"), {}, {}});
    if (list) {
      for (const auto& o : *list) all.push_back(o.code);
    }
    return all;
  }
  return who.regions;
}

json TypeSelect(const PageRequest& pr, const care::CareData& data, const std::string& chosen,
                const std::vector<FieldError>& errors) {
  json options = json::array();
  options.push_back(
      {{"value", ""}, {"label", pr.T("shelter.choose_type")}, {"selected", chosen.empty()}});
  for (const auto& t : data.shelter_types) {
    options.push_back(
        {{"value", t.id}, {"label", t.name.In(pr.lang)}, {"selected", t.id == chosen}});
  }
  const json error = ErrorOf(errors, "type");
  return {{"select", true},     {"id", "type"},   {"label", pr.T("shelter.field.type")},
          {"options", options}, {"error", error}, {"invalid", !error.is_null()}};
}

std::string TypeName(const PageRequest& pr, const care::CareData& data, const std::string& id) {
  const care::ShelterType* t = data.FindShelterType(id);
  return t == nullptr ? id : t->name.In(pr.lang);
}

std::string Share(int occupied, int capacity) {
  if (capacity <= 0) return "—";
  return fmt::format("{}%", occupied * 100 / capacity);
}

void RenderShelters(Site& site, Call& call, const PageRequest& pr, const std::string& region,
                    const ShelterForm& form, std::vector<FieldError> errors) {
  app::ShelterService& service = site.services().shelters;
  auto view = service.Overview(region, call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  const care::CareData& data = service.data();
  Page page = MakePage("shelters", pr.T("shelter.title"), "shelters");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("shelter.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["region"] = region;
  d["region_name"] = OrganisationLabel(site, region);
  const std::vector<std::string> regions = ChoosableRegions(site, call);
  if (regions.size() > 1) {
    json options = json::array();
    for (const auto& r : regions) {
      options.push_back(
          {{"value", r}, {"label", OrganisationLabel(site, r)}, {"selected", r == region}});
    }
    d["region_choice"] = {
        {"select", true},     {"id", "regio"},    {"label", pr.T("shelter.region")},
        {"options", options}, {"error", nullptr}, {"invalid", false}};
  }
  json rows = json::array();
  for (const auto& o : view->shelters) {
    const int capacity = static_cast<int>(o.shelter.capacity);
    rows.push_back({{"id", o.shelter.id},
                    {"name", o.shelter.name},
                    {"type", TypeName(pr, data, o.shelter.type)},
                    {"capacity", capacity},
                    {"occupied", o.occupied},
                    {"free", std::max(0, capacity - o.occupied)},
                    {"full", o.occupied >= capacity}});
  }
  d["shelters"] = rows;
  d["has_shelters"] = !rows.empty();
  d["tonight"] = pr.F("shelter.tonight", {{"occupied", std::to_string(view->tonight.occupied)},
                                          {"capacity", std::to_string(view->tonight.capacity)},
                                          {"date", view->today}});
  BarChart chart;
  chart.id = "bezetting";
  chart.title = pr.F("shelter.chart_title", {{"region", OrganisationLabel(site, region)}});
  chart.description = pr.T("shelter.chart_description");
  BarChart::Group group;
  json history = json::array();
  for (const auto& p : view->over_time) {
    const care::RegionOccupancy& r = p.regions.front();
    const std::string date = care::FormatDate(p.date);
    const std::string text =
        pr.F("shelter.chart_value", {{"occupied", std::to_string(r.occupied)},
                                     {"capacity", std::to_string(r.capacity)},
                                     {"share", Share(r.occupied, r.capacity)}});
    const bool over = r.occupied > r.capacity;
    group.bars.push_back(
        {date, r.capacity > 0 ? std::min(1.0, static_cast<double>(r.occupied) / r.capacity) : 0.0,
         over ? text + " — " + pr.T("shelter.over_capacity") : text, over});
    history.push_back({{"date", date},
                       {"occupied", r.occupied},
                       {"capacity", r.capacity},
                       {"share", Share(r.occupied, r.capacity)},
                       {"over", over}});
  }
  chart.groups.push_back(std::move(group));
  d["chart_svg"] = BarChartSvg(chart);
  d["history"] = history;
  d["may_manage"] =
      app::Decide(call.actor.principal, app::Action::kManageShelters, {region, {region}, {}, {}})
          .allowed;
  d["form_fields"] =
      json::array({FieldData({"name", pr.T("shelter.field.name"), form.name}, errors),
                   TypeSelect(pr, data, form.type, errors),
                   FieldData({"capacity", pr.T("shelter.field.capacity"), form.capacity, "text",
                              pr.T("shelter.field.capacity_hint"), "off", true},
                             errors)});
  if (call.Query("opgeslagen") == "1") d["notice"] = pr.T("shelter.saved");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

std::string ChosenRegion(Site& site, const Call& call) {
  const std::string chosen = FormValue(call, "regio");
  if (!chosen.empty()) return chosen;
  const auto regions = ChoosableRegions(site, call);
  return regions.empty() ? std::string() : regions.front();
}

}  // namespace

void RegisterShelterPages(Router& router, Site& site) {
  site.Get(router, "/opvang", [&site](Call& call, const PageRequest& pr) {
    RenderShelters(site, call, pr, ChosenRegion(site, call), {}, {});
  });
  site.Post(router, "/opvang", [&site](Call& call, const PageRequest& pr) {
    const std::string region = ChosenRegion(site, call);
    ShelterForm form{FormValue(call, "name"), FormValue(call, "type"), FormValue(call, "capacity")};
    app::ShelterInput in{form.name, form.type, region, 0};
    if (form.capacity.empty() || form.capacity.size() > 6 ||
        form.capacity.find_first_not_of("0123456789") != std::string::npos) {
      return RenderShelters(site, call, pr, region, form,
                            {{"capacity", pr.T("shelter.error.capacity")}});
    }
    in.capacity = std::stoll(form.capacity);
    auto added = site.services().shelters.Add(in, call.actor);
    if (added) return Site::SeeOther(call, "/opvang?regio=" + region + "&opgeslagen=1");
    if (added.error().code != ErrorCode::kInvalid) return site.RenderError(call, pr, added.error());
    RenderShelters(site, call, pr, region, form, {FormErrorOf(pr, added.error(), "shelter.error")});
  });
}

}  // namespace schakel::http::pages
