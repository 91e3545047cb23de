// Shelter registry use cases: the shelters of a care-coordination region (type from the care
// data, capacity), their occupancy tonight and over the past weeks, adding and changing a
// shelter. Shelters carry no personal data, so reads are not audited as personal-data reads;
// every change is audited in its transaction ("shelter.add", "shelter.update") and every
// denial by Authorize. Who may (policy.h): kViewShelters — the region's care coordinators and
// chain director, the installation's administrator; kManageShelters — the region's care
// coordinators and the installation's administrator. The rules are src/care/shelter.h.
// Thread-safe as far as the Database is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "care/care_data.h"
#include "care/shelter.h"
#include "domain/clock.h"
#include "store/db.h"
#include "store/shelter_repository.h"

namespace schakel::app {

struct ShelterInput {
  std::string name;
  std::string type;    // a shelter type id of the care data
  std::string region;  // organisation code of a region
  int64_t capacity = 0;
};

struct ShelterOccupancy {
  store::ShelterRecord shelter;
  int occupied = 0;  // places taken tonight; may exceed capacity after overrides
};

struct ShelterOverview {
  std::string region;
  std::string today;  // YYYY-MM-DD, Europe/Amsterdam
  std::vector<ShelterOccupancy> shelters;
  care::RegionOccupancy tonight;                // the region's totals tonight
  std::vector<care::OccupancyPoint> over_time;  // weekly, oldest first, ending tonight
};

class ShelterService {
 public:
  ShelterService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                 const care::CareData& data)
      : database_(database), clock_(clock), audit_(audit), data_(data) {}

  // The region's shelters and occupancy (kViewShelters on the region).
  Result<ShelterOverview> Overview(std::string_view region, const Actor& actor);
  Result<ShelterOccupancy> Get(int64_t id, const Actor& actor);
  // Validates every field (errors name it: "name", "type", "region", "capacity") first.
  Result<store::ShelterRecord> Add(const ShelterInput& input, const Actor& actor);
  // Changes a shelter; moving it to another region needs kManageShelters on both regions.
  Result<store::ShelterRecord> Update(int64_t id, const ShelterInput& input, const Actor& actor);

  const care::CareData& data() const { return data_; }
  // Today in Amsterdam, YYYY-MM-DD (the pages' default dates).
  std::string Today() const;
  // Weeks of history in the overview's chart.
  static constexpr int kWeeksShown = 12;

 private:
  Status Allow(const Actor& actor, Action action, std::string_view region,
               std::string_view object_id);
  Status Validate(const ShelterInput& input);
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const care::CareData& data_;
};

// Placements as the pure rules read them.
std::vector<care::Shelter> ToCareShelters(const std::vector<store::ShelterRecord>& shelters);
std::vector<care::Placement> ToCarePlacements(const std::vector<store::PlacementRecord>& list);

}  // namespace schakel::app
