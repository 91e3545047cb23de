#include "app/shelter_service.h"

#include <fmt/format.h>

#include <chrono>

#include "app/access.h"
#include "care/amsterdam_time.h"
#include "care/consent.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

care::Date DateOf(const std::string& iso) {
  auto d = care::ParseDate(iso);
  return d ? *d : care::Date{};
}

care::RegionOccupancy RegionTotals(const std::vector<care::RegionOccupancy>& regions,
                                   std::string_view region) {
  for (const auto& r : regions) {
    if (r.region == region) return r;
  }
  return {std::string(region), 0, 0};
}

}  // namespace

std::vector<care::Shelter> ToCareShelters(const std::vector<store::ShelterRecord>& shelters) {
  std::vector<care::Shelter> out;
  for (const auto& s : shelters) {
    out.push_back({std::to_string(s.id), s.name, s.type, s.region, static_cast<int>(s.capacity)});
  }
  return out;
}

std::vector<care::Placement> ToCarePlacements(const std::vector<store::PlacementRecord>& list) {
  std::vector<care::Placement> out;
  for (const auto& p : list) {
    std::optional<care::Date> until;
    if (p.until) until = DateOf(*p.until);
    out.push_back({p.id, p.case_id, std::to_string(p.shelter), DateOf(p.from), until,
                   p.over_capacity_reason});
  }
  return out;
}

std::string ShelterService::Today() const {
  return care::FormatDate(
      care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(clock_.Now())));
}

Status ShelterService::Allow(const Actor& actor, Action action, std::string_view region,
                             std::string_view object_id) {
  Resource on{std::string(region), {std::string(region)}, "", {}};
  return Authorize(database_, audit_, actor, action, on, "shelter", object_id);
}

Status ShelterService::Validate(const ShelterInput& input) {
  if (input.name.size() > 200) {
    return Error::Invalid("name", "'name' must be at most 200 characters");
  }
  care::Shelter shelter{"", input.name, input.type, input.region,
                        static_cast<int>(std::min<int64_t>(input.capacity, 1000000))};
  if (input.capacity > 10000) {
    return Error::Invalid("capacity", "'capacity' must be between 1 and 10,000 places");
  }
  if (Status s = care::ValidateShelter(shelter, data_); !s.ok()) return s;
  auto db = database_.Acquire();
  auto region = store::OrganisationRepository(*db).Find(input.region);
  if (!region) return region.error();
  if (!*region || (*region)->kind != "region") {
    return Error::Invalid("region", fmt::format("'{}' is not a region", input.region));
  }
  return {};
}

Result<ShelterOverview> ShelterService::Overview(std::string_view region, const Actor& actor) {
  // Asked first, so a caller who may see no region is refused (and audited), not told to pick.
  if (Status s = Allow(actor, Action::kViewShelters, region, region); !s.ok()) return s.error();
  if (region.empty()) return Error::Invalid("region", "name the region");
  auto db = database_.Acquire();
  store::ShelterRepository repo(*db);
  auto shelters = repo.List(region);
  if (!shelters) return shelters.error();
  auto placements = repo.PlacementsInRegion(region);
  if (!placements) return placements.error();
  ShelterOverview view;
  view.region = std::string(region);
  view.today = Today();
  const care::Date today = DateOf(view.today);
  const auto care_shelters = ToCareShelters(*shelters);
  const auto care_placements = ToCarePlacements(*placements);
  for (const auto& s : *shelters) {
    view.shelters.push_back({s, care::OccupancyOn(std::to_string(s.id), care_placements, today)});
  }
  view.tonight =
      RegionTotals(care::OccupancyByRegion(care_shelters, care_placements, today), region);
  std::vector<care::Date> dates;
  for (int week = kWeeksShown; week >= 0; --week) dates.push_back(care::AddDays(today, -7 * week));
  view.over_time = care::OccupancyOverTime(care_shelters, care_placements, dates);
  for (auto& point : view.over_time) {
    // Only this region, also on a date when it had no shelters yet (a zero, not a gap).
    point.regions = {RegionTotals(point.regions, region)};
  }
  return view;
}

Result<ShelterOccupancy> ShelterService::Get(int64_t id, const Actor& actor) {
  std::optional<store::ShelterRecord> shelter;
  std::vector<store::PlacementRecord> placements;
  {
    auto db = database_.Acquire();
    store::ShelterRepository repo(*db);
    auto found = repo.Find(id);
    if (!found) return found.error();
    if (!*found) return Error::NotFound(fmt::format("no shelter {}", id));
    shelter = std::move(*found);
    auto list = repo.PlacementsInRegion(shelter->region);
    if (!list) return list.error();
    placements = std::move(*list);
  }
  if (Status s = Allow(actor, Action::kViewShelters, shelter->region, std::to_string(id));
      !s.ok()) {
    return s.error();
  }
  return ShelterOccupancy{
      *shelter,
      care::OccupancyOn(std::to_string(id), ToCarePlacements(placements), DateOf(Today()))};
}

Result<store::ShelterRecord> ShelterService::Add(const ShelterInput& input, const Actor& actor) {
  if (Status s = Allow(actor, Action::kManageShelters, input.region, input.region); !s.ok()) {
    return s.error();
  }
  if (care::IsBlank(input.region)) return Error::Invalid("region", "name the region");
  if (Status s = Validate(input); !s.ok()) return s.error();
  const std::string now = FormatUtc(clock_.Now());
  store::ShelterRecord record{0,   input.name, input.type, input.region, input.capacity,
                              now, actor.id,   now};
  auto db = database_.Acquire();
  return store::InTransaction<store::ShelterRecord>(
      *db, [&](store::Db& tx) -> Result<store::ShelterRecord> {
        auto id = store::ShelterRepository(tx).Add(record);
        if (!id) return id.error();
        record.id = *id;
        if (Status s =
                audit_.Record(tx, actor.Event("shelter.add", "shelter", std::to_string(*id)));
            !s.ok()) {
          return s.error();
        }
        return record;
      });
}

Result<store::ShelterRecord> ShelterService::Update(int64_t id, const ShelterInput& input,
                                                    const Actor& actor) {
  std::optional<store::ShelterRecord> current;
  {
    auto db = database_.Acquire();
    auto found = store::ShelterRepository(*db).Find(id);
    if (!found) return found.error();
    if (!*found) return Error::NotFound(fmt::format("no shelter {}", id));
    current = std::move(*found);
  }
  const std::string object = std::to_string(id);
  if (Status s = Allow(actor, Action::kManageShelters, current->region, object); !s.ok()) {
    return s.error();
  }
  if (care::IsBlank(input.region)) return Error::Invalid("region", "name the region");
  if (input.region != current->region) {
    if (Status s = Allow(actor, Action::kManageShelters, input.region, object); !s.ok()) {
      return s.error();
    }
  }
  if (Status s = Validate(input); !s.ok()) return s.error();
  store::ShelterRecord record = *current;
  record.name = input.name;
  record.type = input.type;
  record.region = input.region;
  record.capacity = input.capacity;
  record.updated_at = FormatUtc(clock_.Now());
  auto db = database_.Acquire();
  return store::InTransaction<store::ShelterRecord>(
      *db, [&](store::Db& tx) -> Result<store::ShelterRecord> {
        if (Status s = store::ShelterRepository(tx).Update(record); !s.ok()) return s.error();
        if (Status s = audit_.Record(tx, actor.Event("shelter.update", "shelter", object));
            !s.ok()) {
          return s.error();
        }
        return record;
      });
}

}  // namespace schakel::app
