// Organisations (municipalities, regions, partners, national bodies) and region membership, with
// validity dates so that municipal mergers are data: a merged municipality gets valid_to and a
// successor; memberships of the new one start at the merger date.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct Organisation {
  std::string code;                        // GM0014, VR01, …
  std::string kind;                        // municipality | region | partner | national
  std::optional<std::string> region_kind;  // safety_region | care_region | shelter_region
  std::string name;
  std::string valid_from;               // ISO date, inclusive
  std::optional<std::string> valid_to;  // ISO date, exclusive; empty = still valid
  std::optional<std::string> successor;
};

struct OrganisationFilter {
  std::optional<std::string> kind;
  std::optional<std::string> region;    // members of this region only
  std::optional<std::string> valid_on;  // ISO date; organisations valid on that day
};

class OrganisationRepository {
 public:
  explicit OrganisationRepository(Db& db) : db_(db) {}

  // Inserts or replaces by code.
  Status Upsert(const Organisation& org);
  Result<std::optional<Organisation>> Find(std::string_view code);
  Result<std::vector<Organisation>> List(const OrganisationFilter& filter);
  // Adds (or keeps) a membership starting at valid_from.
  Status AddMember(std::string_view region, std::string_view municipality,
                   std::string_view valid_from, const std::optional<std::string>& valid_to);
  // Regions the municipality belongs to on the given day.
  Result<std::vector<Organisation>> RegionsOf(std::string_view municipality, std::string_view on);
  // Ends the municipality's validity and memberships at `date`, naming its successor.
  Status End(std::string_view code, std::string_view date, std::string_view successor);

 private:
  Db& db_;
};

}  // namespace schakel::store
