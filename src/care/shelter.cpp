#include "care/shelter.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "care/consent.h"

namespace schakel::care {

using std::chrono::sys_days;

Status ValidateShelter(const Shelter& shelter, const CareData& data) {
  if (IsBlank(shelter.name)) return Error::Invalid("name", "give the shelter a name");
  if (data.FindShelterType(shelter.type) == nullptr) {
    return Error::Invalid("type", fmt::format("unknown shelter type '{}'", shelter.type));
  }
  if (IsBlank(shelter.region)) return Error::Invalid("region", "name the shelter's region");
  if (shelter.capacity < 1) return Error::Invalid("capacity", "capacity must be at least 1");
  return Status::Ok();
}

bool Occupies(const Placement& p, Date d) {
  return sys_days{p.from} <= sys_days{d} && (!p.until || sys_days{d} < sys_days{*p.until});
}

int OccupancyOn(std::string_view shelter_id, const std::vector<Placement>& placements, Date d) {
  return static_cast<int>(std::count_if(placements.begin(), placements.end(), [&](const auto& p) {
    return p.shelter_id == shelter_id && Occupies(p, d);
  }));
}

namespace {

bool Overlap(const Placement& p, Date from, std::optional<Date> until) {
  const bool starts_before_end = !until || sys_days{p.from} < sys_days{*until};
  const bool ends_after_start = !p.until || sys_days{from} < sys_days{*p.until};
  return starts_before_end && ends_after_start;
}

Status CheckFits(const PlacementRequest& r, const Shelter& shelter, const CareData& data) {
  if (r.until && sys_days{*r.until} <= sys_days{r.from}) {
    return Error::Invalid("until", "the day of leaving must be after the first night");
  }
  const ShelterType* type = data.FindShelterType(shelter.type);
  if (type == nullptr) {
    return Error::Invalid(
        "shelter_id", fmt::format("shelter '{}' has unknown type '{}'", shelter.id, shelter.type));
  }
  if ((type->accepts == Accepts::kMinors) != r.minor) {
    return Error::Invalid(
        "shelter_id", fmt::format("{} takes {} only", type->name.en, AcceptsName(type->accepts)));
  }
  if (!type->placed_by.empty() && r.placed_by != type->placed_by) {
    return Error::Invalid(
        "shelter_id", fmt::format("only {} places people in {}", type->placed_by, type->name.en));
  }
  return Status::Ok();
}

// The first night of the stay on which the shelter has no free place. Occupancy rises only when a
// stay starts, so the nights to look at are the first one and every later start within the stay.
std::optional<Date> FirstFullNight(const PlacementRequest& r, const Shelter& shelter,
                                   const std::vector<Placement>& placements) {
  std::vector<Date> nights = {r.from};
  for (const Placement& p : placements) {
    if (p.shelter_id == shelter.id && Overlap(p, r.from, r.until) &&
        sys_days{p.from} > sys_days{r.from}) {
      nights.push_back(p.from);
    }
  }
  std::sort(nights.begin(), nights.end());
  for (Date night : nights) {
    if (OccupancyOn(shelter.id, placements, night) >= shelter.capacity) return night;
  }
  return std::nullopt;
}

}  // namespace

Result<Placement> PlacePerson(const PlacementRequest& r, const std::vector<Shelter>& shelters,
                              const std::vector<Placement>& placements, const CareData& data) {
  auto shelter = std::find_if(shelters.begin(), shelters.end(),
                              [&r](const Shelter& s) { return s.id == r.shelter_id; });
  if (shelter == shelters.end()) {
    return Error::NotFound(fmt::format("shelter '{}' is not in the registry", r.shelter_id));
  }
  if (Status s = CheckFits(r, *shelter, data); !s) return s.error();
  for (const Placement& p : placements) {
    if (p.case_id == r.case_id && Overlap(p, r.from, r.until)) {
      return Error::Invalid("case_id", fmt::format("this person is already placed in '{}' from {}",
                                                   p.shelter_id, FormatDate(p.from)));
    }
  }
  Placement out{r.id, r.case_id, r.shelter_id, r.from, r.until, ""};
  if (auto full = FirstFullNight(r, *shelter, placements)) {
    if (IsBlank(r.override_reason)) {
      return Error{ErrorCode::kConflict,
                   fmt::format("'{}' is full on {} ({} places); place there only with an override "
                               "and its reason",
                               shelter->name, FormatDate(*full), shelter->capacity),
                   "override_reason"};
    }
    out.over_capacity_reason = r.override_reason;
  }
  return out;
}

std::vector<RegionOccupancy> OccupancyByRegion(const std::vector<Shelter>& shelters,
                                               const std::vector<Placement>& placements, Date d) {
  std::map<std::string, RegionOccupancy> by_region;
  for (const Shelter& s : shelters) {
    RegionOccupancy& r = by_region[s.region];
    r.region = s.region;
    r.capacity += s.capacity;
    r.occupied += OccupancyOn(s.id, placements, d);
  }
  std::vector<RegionOccupancy> out;
  for (auto& [region, occupancy] : by_region) out.push_back(occupancy);
  return out;
}

std::vector<OccupancyPoint> OccupancyOverTime(const std::vector<Shelter>& shelters,
                                              const std::vector<Placement>& placements,
                                              const std::vector<Date>& dates) {
  std::vector<OccupancyPoint> out;
  for (Date d : dates) out.push_back({d, OccupancyByRegion(shelters, placements, d)});
  return out;
}

}  // namespace schakel::care
