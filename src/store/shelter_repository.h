// The shelter registry and the placements in it, as stored. Shelters carry no personal data;
// a placement names a case by id only (who the person is lives with the case, encrypted).
// Rows only: capacity checks and occupancy are computed in src/care (shelter.h).
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct ShelterRecord {
  int64_t id = 0;
  std::string name;
  std::string type;    // a shelter type id of the care data
  std::string region;  // organisation code of the care-coordination region
  int64_t capacity = 0;
  std::string created_at;
  std::string created_by;
  std::string updated_at;
};

struct PlacementRecord {
  std::string id;  // UUID
  std::string case_id;
  int64_t shelter = 0;
  std::string from;                  // YYYY-MM-DD, the first night
  std::optional<std::string> until;  // the day of leaving; none: still there
  // Placed into a full shelter by override: the reason, encrypted (ciphertext); "" otherwise.
  std::string over_capacity_reason;
  std::string created_at;
  std::string created_by;
};

class ShelterRepository {
 public:
  explicit ShelterRepository(Db& db) : db_(db) {}
  // Inserts the shelter and returns its id.
  Result<int64_t> Add(const ShelterRecord& s);
  // Changes name, type, region and capacity; kNotFound when there is no such shelter.
  Status Update(const ShelterRecord& s);
  Result<std::optional<ShelterRecord>> Find(int64_t id);
  // Shelters of the region (all regions when empty), by name.
  Result<std::vector<ShelterRecord>> List(std::string_view region);

  Status AddPlacement(const PlacementRecord& p);
  // Sets the day of leaving; kNotFound when there is no such placement.
  Status EndPlacement(std::string_view id, std::string_view until);
  Result<std::optional<PlacementRecord>> FindPlacement(std::string_view id);
  // Placements in the shelters of the region (all regions when empty).
  Result<std::vector<PlacementRecord>> PlacementsInRegion(std::string_view region);
  // Placements of one case, first night first.
  Result<std::vector<PlacementRecord>> PlacementsOfCase(std::string_view case_id);

 private:
  Db& db_;
};

}  // namespace schakel::store
