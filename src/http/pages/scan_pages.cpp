// The environment scan (omgevingsscan) of a municipality, without a map: risk places by
// neighbourhood and sector with the highest rating, places overdue for review, a form to add a
// place; per place its reviews (history) and a form for a new review. The policy officer works on
// the own municipality; the region's chain director reads it with ?gemeente=GMxxxx.
#include <fmt/format.h>

#include "app/practice_input.h"
#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string ScanOrganisation(const Call& call) {
  const std::string chosen = call.Query("gemeente");
  return chosen.empty() ? call.actor.principal.organisation : chosen;
}

json ReviewFields(const PageRequest& pr, const app::ScanReviewInput& in,
                  const std::vector<FieldError>& errors) {
  return json::array(
      {SelectData(pr, "risk", pr.T("scan.field.risk"), app::RiskRatings(), "practice.vocab.risk",
                  in.risk, errors),
       TextAreaData("reasoning", pr.T("scan.field.reasoning"), in.reasoning,
                    pr.T("scan.field.reasoning_hint"), errors),
       TextAreaData("indicators", pr.T("scan.field.indicators"), in.indicators,
                    pr.T("scan.field.indicators_hint"), errors),
       FieldData({"review_due", pr.T("scan.field.review_due"), in.review_due, "date"}, errors)});
}

json PlaceRow(const PageRequest& pr, const store::ScanPlaceRecord& p) {
  return {{"href", fmt::format("/kader/omgevingsscan/plekken/{}", p.id)},
          {"name", p.name},
          {"sector", pr.T("practice.vocab.sector." + p.sector)},
          {"neighbourhood", p.neighbourhood},
          {"risk", pr.T("practice.vocab.risk." + p.risk)},
          {"review_due", p.review_due}};
}

void RenderScan(Site& site, Call& call, const PageRequest& pr, const app::ScanPlaceInput& form,
                std::vector<FieldError> errors) {
  const std::string org = ScanOrganisation(call);
  auto view = site.services().scan.Overview(org, call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  Page page = MakePage("scan", pr.T("scan.title"), "scan");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("scan.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["organisation_name"] = OrganisationLabel(site, org);
  json cells = json::array();
  for (const auto& c : view->cells) {
    cells.push_back({{"neighbourhood", c.neighbourhood},
                     {"sector", pr.T("practice.vocab.sector." + c.sector)},
                     {"places", c.places},
                     {"risk", pr.T("practice.vocab.risk." + c.highest_risk)}});
  }
  d["cells"] = cells;
  d["has_places"] = !view->places.empty();
  json places = json::array();
  for (const auto& p : view->places) places.push_back(PlaceRow(pr, p));
  d["places"] = places;
  json overdue = json::array();
  for (const auto& p : view->review_overdue) overdue.push_back(PlaceRow(pr, p));
  d["overdue"] = overdue;
  d["has_overdue"] = !overdue.empty();
  d["last_review"] = view->last_review.empty()
                         ? pr.T("scan.never_reviewed")
                         : pr.F("scan.last_review", {{"date", view->last_review}});
  d["may_edit"] = org == call.actor.principal.organisation &&
                  app::Decide(call.actor.principal, app::Action::kManageEnvironmentScan,
                              {org, call.actor.principal.regions, {}, {}})
                      .allowed;
  d["place_fields"] = json::array(
      {FieldData({"name", pr.T("scan.field.name"), form.name, "text", pr.T("scan.field.name_hint")},
                 errors),
       SelectData(pr, "sector", pr.T("scan.field.sector"), app::ScanSectors(),
                  "practice.vocab.sector", form.sector, errors),
       FieldData({"neighbourhood", pr.T("scan.field.neighbourhood"), form.neighbourhood, "text",
                  pr.T("scan.field.neighbourhood_hint")},
                 errors),
       FieldData({"sources", pr.T("scan.field.sources"), form.sources, "text",
                  pr.T("scan.field.sources_hint")},
                 errors),
       FieldData(
           {"owner", pr.T("scan.field.owner"), form.owner, "text", pr.T("scan.field.owner_hint")},
           errors)});
  d["review_fields"] =
      ReviewFields(pr, {form.risk, form.reasoning, form.indicators, form.review_due}, errors);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RenderPlace(Site& site, Call& call, const PageRequest& pr, int64_t id,
                 const app::ScanReviewInput& form, std::vector<FieldError> errors) {
  auto view = site.services().scan.Place(id, call.actor);
  if (!view) return site.RenderError(call, pr, view.error());
  const store::ScanPlaceRecord& p = view->place;
  Page page = MakePage("scan_place", p.name, "scan");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/kader/omgevingsscan?gemeente=" + p.organisation, pr.T("scan.title")},
                      {"", p.name}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d = PlaceRow(pr, p);
  d["organisation_name"] = OrganisationLabel(site, p.organisation);
  d["indicators"] = p.indicators;
  d["sources"] = p.sources;
  d["reasoning"] = p.reasoning;
  d["owner"] = p.owner;
  json reviews = json::array();
  for (const auto& r : view->reviews) {
    reviews.push_back({{"reviewed_on", r.reviewed_on},
                       {"reviewed_by", r.reviewed_by},
                       {"risk", pr.T("practice.vocab.risk." + r.risk)},
                       {"reasoning", r.reasoning},
                       {"review_due", r.review_due}});
  }
  d["reviews"] = reviews;
  d["may_edit"] = app::Decide(call.actor.principal, app::Action::kManageEnvironmentScan,
                              {p.organisation, call.actor.principal.regions, {}, {}})
                      .allowed &&
                  p.organisation == call.actor.principal.organisation;
  d["action"] = fmt::format("/kader/omgevingsscan/plekken/{}/beoordelingen", id);
  if (call.Query("toegevoegd") == "1") d["notice"] = pr.T("scan.place_saved");
  if (call.Query("beoordeeld") == "1") d["notice"] = pr.T("scan.review_saved");
  // A new review starts from the current rating and indicators; the reasoning is written anew.
  const app::ScanReviewInput start =
      errors.empty() ? app::ScanReviewInput{p.risk, "", p.indicators, ""} : form;
  d["review_fields"] = ReviewFields(pr, start, errors);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

}  // namespace

void RegisterScanPages(Router& router, Site& site) {
  site.Get(router, "/kader/omgevingsscan",
           [&site](Call& call, const PageRequest& pr) { RenderScan(site, call, pr, {}, {}); });
  site.Post(router, "/kader/omgevingsscan/plekken", [&site](Call& call, const PageRequest& pr) {
    app::ScanPlaceInput in{call.actor.principal.organisation, FormValue(call, "name"),
                           FormValue(call, "sector"),         FormValue(call, "neighbourhood"),
                           FormValue(call, "indicators"),     FormValue(call, "sources"),
                           FormValue(call, "risk"),           FormValue(call, "reasoning"),
                           FormValue(call, "owner"),          FormValue(call, "review_due")};
    auto created = site.services().scan.AddPlace(in, call.actor);
    if (created) {
      return Site::SeeOther(
          call, fmt::format("/kader/omgevingsscan/plekken/{}?toegevoegd=1", created->place.id));
    }
    if (created.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, created.error());
    }
    RenderScan(site, call, pr, in, {FormErrorOf(pr, created.error(), "scan.error")});
  });
  site.Get(router, "/kader/omgevingsscan/plekken/{id}", [&site](Call& call, const PageRequest& pr) {
    auto id = PathId(call);
    if (!id) return site.RenderError(call, pr, Error::NotFound("no such place"));
    RenderPlace(site, call, pr, *id, {}, {});
  });
  site.Post(router, "/kader/omgevingsscan/plekken/{id}/beoordelingen",
            [&site](Call& call, const PageRequest& pr) {
              auto id = PathId(call);
              if (!id) return site.RenderError(call, pr, Error::NotFound("no such place"));
              app::ScanReviewInput in{FormValue(call, "risk"), FormValue(call, "reasoning"),
                                      FormValue(call, "indicators"), FormValue(call, "review_due")};
              auto reviewed = site.services().scan.Review(*id, in, call.actor);
              if (reviewed) {
                return Site::SeeOther(
                    call, fmt::format("/kader/omgevingsscan/plekken/{}?beoordeeld=1", *id));
              }
              if (reviewed.error().code != ErrorCode::kInvalid) {
                return site.RenderError(call, pr, reviewed.error());
              }
              RenderPlace(site, call, pr, *id, in,
                          {FormErrorOf(pr, reviewed.error(), "scan.error")});
            });
}

}  // namespace schakel::http::pages
