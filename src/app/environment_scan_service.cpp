#include "app/environment_scan_service.h"

#include <fmt/format.h>

#include "app/access.h"
#include "app/practice_input.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

int RiskRank(const std::string& risk) {
  return risk == "high" ? 3 : risk == "medium" ? 2 : risk == "low" ? 1 : 0;
}

Status ValidateReview(const ScanReviewInput& in, const std::string& today) {
  if (Status s = CheckOneOf("risk", in.risk, RiskRatings()); !s.ok()) return s;
  if (Status s = CheckText("reasoning", in.reasoning, 4000); !s.ok()) return s;
  if (Status s = CheckText("indicators", in.indicators, 4000, false); !s.ok()) return s;
  if (Status s = CheckDate("review_due", in.review_due); !s.ok()) return s;
  if (in.review_due <= today) {
    return Error::Invalid("review_due", "'review_due' must be a date after today");
  }
  return {};
}

Status ValidatePlace(const ScanPlaceInput& in, const std::string& today) {
  if (Status s = CheckText("name", in.name, 200); !s.ok()) return s;
  if (Status s = CheckOneOf("sector", in.sector, ScanSectors()); !s.ok()) return s;
  if (Status s = CheckText("neighbourhood", in.neighbourhood, 100); !s.ok()) return s;
  if (Status s = CheckText("sources", in.sources, 4000); !s.ok()) return s;
  if (Status s = CheckText("owner", in.owner, 100); !s.ok()) return s;
  return ValidateReview({in.risk, in.reasoning, in.indicators, in.review_due}, today);
}

}  // namespace

std::string EnvironmentScanService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

Result<ScanPlaceView> EnvironmentScanService::Load(store::Db& db, int64_t id) {
  store::ScanRepository repo(db);
  auto place = repo.FindPlace(id);
  if (!place) return place.error();
  if (!place->has_value()) return Error::NotFound(fmt::format("no risk place {}", id));
  auto reviews = repo.Reviews(id);
  if (!reviews) return reviews.error();
  return ScanPlaceView{**place, std::move(*reviews)};
}

Result<ScanOverview> EnvironmentScanService::Overview(std::string_view organisation,
                                                      const Actor& actor) {
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kViewEnvironmentScan,
                                         organisation, Today(), "environment_scan", organisation);
      !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  store::ScanRepository repo(*db);
  auto places = repo.Places(organisation);
  if (!places) return places.error();
  auto reviews = repo.ReviewsOf(organisation);
  if (!reviews) return reviews.error();
  ScanOverview view{std::string(organisation), Today(), std::move(*places), {}, {}, ""};
  if (!reviews->empty()) view.last_review = reviews->front().reviewed_on;
  std::map<std::pair<std::string, std::string>, ScanCell> cells;
  for (const auto& p : view.places) {
    ScanCell& cell = cells[{p.neighbourhood, p.sector}];
    cell.neighbourhood = p.neighbourhood;
    cell.sector = p.sector;
    ++cell.places;
    if (RiskRank(p.risk) > RiskRank(cell.highest_risk)) cell.highest_risk = p.risk;
    if (p.review_due < view.today) view.review_overdue.push_back(p);
  }
  for (auto& [key, cell] : cells) view.cells.push_back(cell);
  return view;
}

Result<ScanPlaceView> EnvironmentScanService::Place(int64_t id, const Actor& actor) {
  Result<ScanPlaceView> view = [&] {
    auto db = database_.Acquire();
    return Load(*db, id);
  }();
  if (!view) return view.error();
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kViewEnvironmentScan,
                                         view->place.organisation, Today(), "scan_place",
                                         std::to_string(id));
      !s.ok()) {
    return s.error();
  }
  return view;
}

Result<ScanPlaceView> EnvironmentScanService::AddPlace(const ScanPlaceInput& input,
                                                       const Actor& actor) {
  const std::string today = Today();
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kManageEnvironmentScan,
                                         input.organisation, today, "environment_scan",
                                         input.organisation);
      !s.ok()) {
    return s.error();
  }
  if (Status s = ValidatePlace(input, today); !s.ok()) return s.error();
  auto db = database_.Acquire();
  return store::InTransaction<ScanPlaceView>(*db, [&](store::Db& tx) -> Result<ScanPlaceView> {
    auto org = store::OrganisationRepository(tx).Find(input.organisation);
    if (!org) return org.error();
    if (!org->has_value() || (*org)->kind != "municipality") {
      return Error::Invalid("organisation", fmt::format("'{}' is not a municipality; an "
                                                        "environment scan is a municipality's",
                                                        input.organisation));
    }
    store::ScanRepository repo(tx);
    auto id = repo.AddPlace({0, input.organisation, input.name, input.sector, input.neighbourhood,
                             input.indicators, input.sources, input.risk, input.reasoning,
                             input.owner, input.review_due, FormatUtc(clock_.Now()), actor.name});
    if (!id) return id.error();
    auto review = repo.AddReview({0, *id, today, actor.name, input.risk, input.reasoning,
                                  input.indicators, input.review_due});
    if (!review) return review.error();
    if (Status s =
            audit_.Record(tx, actor.Event("scan.place.add", "scan_place", std::to_string(*id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, *id);
  });
}

Result<ScanPlaceView> EnvironmentScanService::Review(int64_t id, const ScanReviewInput& input,
                                                     const Actor& actor) {
  Result<ScanPlaceView> existing = [&] {
    auto db = database_.Acquire();
    return Load(*db, id);
  }();
  if (!existing) return existing.error();
  const std::string today = Today();
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kManageEnvironmentScan,
                                         existing->place.organisation, today, "scan_place",
                                         std::to_string(id));
      !s.ok()) {
    return s.error();
  }
  if (Status s = ValidateReview(input, today); !s.ok()) return s.error();
  auto db = database_.Acquire();
  return store::InTransaction<ScanPlaceView>(*db, [&](store::Db& tx) -> Result<ScanPlaceView> {
    auto review =
        store::ScanRepository(tx).AddReview({0, id, today, actor.name, input.risk, input.reasoning,
                                             input.indicators, input.review_due});
    if (!review) return review.error();
    if (Status s =
            audit_.Record(tx, actor.Event("scan.place.review", "scan_place", std::to_string(id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, id);
  });
}

}  // namespace schakel::app
