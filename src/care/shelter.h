// Shelters and placements: a registry of shelters (type from the care data, region, capacity),
// placing a person, and occupancy per region on a date and over a series of dates. Placing into a
// full shelter is refused unless the coordinator overrides with a reason, which the placement
// keeps. Pure: the caller passes the registry and the placements.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/amsterdam_time.h"
#include "care/care_data.h"
#include "domain/result.h"

namespace schakel::care {

struct Shelter {
  std::string id;
  std::string name;
  std::string type;    // a ShelterType id
  std::string region;  // care-coordination region
  int capacity = 0;    // places (beds)
};

// A stay from `from` (the first night) to `until` (the day of leaving; that night the place is
// free again). No `until`: still there.
struct Placement {
  std::string id;
  std::string case_id;
  std::string shelter_id;
  Date from;
  std::optional<Date> until;
  std::string over_capacity_reason;  // set when placed into a full shelter by override
};

// Known type, region and name not blank, capacity at least 1. kInvalid naming "type", "region",
// "name" or "capacity".
Status ValidateShelter(const Shelter& shelter, const CareData& data);

// Whether the placement takes a place on the night of `d`.
bool Occupies(const Placement& p, Date d);
// Places taken in `shelter_id` on the night of `d`.
int OccupancyOn(std::string_view shelter_id, const std::vector<Placement>& placements, Date d);

struct PlacementRequest {
  std::string id;  // the new placement's id, from the caller
  std::string case_id;
  std::string shelter_id;
  Date from;
  std::optional<Date> until;
  bool minor = false;           // the person is under 18
  std::string placed_by;        // the placing organisation's kind ("comensha", "care_coordinator")
  std::string override_reason;  // places into a full shelter when not blank
};

// The placement, or why not:
//   kNotFound    the shelter is not in the registry
//   kInvalid     "until" not after "from"; "shelter_id" when its type does not take adults or
//                minors, or only a certain organisation places there (COSM: CoMensha);
//                "case_id" when the person already has a placement overlapping these dates
//   kConflict    "override_reason": the shelter is full on a night of the stay and there is no
//                override with a reason
Result<Placement> PlacePerson(const PlacementRequest& request, const std::vector<Shelter>& shelters,
                              const std::vector<Placement>& placements, const CareData& data);

struct RegionOccupancy {
  std::string region;
  int capacity = 0;
  int occupied = 0;  // may exceed capacity after overrides
};

// Capacity and places taken per region on the night of `d`, by region name.
std::vector<RegionOccupancy> OccupancyByRegion(const std::vector<Shelter>& shelters,
                                               const std::vector<Placement>& placements, Date d);

struct OccupancyPoint {
  Date date;
  std::vector<RegionOccupancy> regions;
};

// OccupancyByRegion for each of `dates`, in the order given (a chart over time).
std::vector<OccupancyPoint> OccupancyOverTime(const std::vector<Shelter>& shelters,
                                              const std::vector<Placement>& placements,
                                              const std::vector<Date>& dates);

}  // namespace schakel::care
