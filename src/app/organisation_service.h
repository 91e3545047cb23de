// Organisation use cases: importing municipalities and regions from public lists, care-
// coordination regions and their members, municipal mergers, chain-partner organisations, and
// look-ups.
// Imports validate every row first, report every bad row with line and column, and write all
// rows or none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "domain/clock.h"
#include "domain/csv.h"
#include "store/db.h"
#include "store/organisation_repository.h"

namespace schakel::app {

struct ImportReport {
  int organisations = 0;
  int memberships = 0;
};

struct MergeRequest {
  std::string code;  // the new municipality, GMxxxx
  std::string name;
  std::vector<std::string> merged;  // municipalities that cease to exist
  std::string date;                 // ISO date the merger takes effect
};

// A chain-partner organisation (police, KMar, NLA, Veilig Thuis, shelter, care provider).
struct NewOrganisation {
  std::string code;  // 2..16 of A-Z, 0-9, '-', '_' (IsOrganisationCode)
  std::string name;  // 1..200 characters, no control characters
};

class OrganisationService {
 public:
  OrganisationService(store::Database& database, const Clock& clock, const AuditTrail& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  // Header code,name (safety-regions.csv).
  Result<ImportReport> ImportSafetyRegions(const CsvTable& csv, std::string_view valid_from);
  // Header cbs_code,name,safety_region (municipalities-*.csv); the safety regions must exist.
  Result<ImportReport> ImportMunicipalities(const CsvTable& csv, std::string_view valid_from);
  // Header code,name: regions of one kind (care_region, shelter_region).
  Result<ImportReport> ImportRegions(const CsvTable& csv, std::string_view region_kind,
                                     std::string_view valid_from);
  // Header region,municipality: who belongs to which region.
  Result<ImportReport> ImportMembers(const CsvTable& csv, std::string_view valid_from);
  // The merged municipalities end at `date` with the new one as successor; the new one joins
  // every region the merged ones belonged to.
  Result<ImportReport> Merge(const MergeRequest& request);
  // Creates a chain-partner organisation (kind partner), valid from today. Needs
  // kManageOrganisations; audited as "organisation.create" in the same transaction. The code
  // must be new (kConflict otherwise); code and name errors are kInvalid on "code" / "name".
  Result<store::Organisation> Create(const Actor& actor, const NewOrganisation& request);
  // Whether the actor manages organisations (a refusal is audited).
  Status MayManage(const Actor& actor);

  Result<std::vector<store::Organisation>> List(const store::OrganisationFilter& filter);
  Result<store::Organisation> Get(std::string_view code);
  Result<std::vector<store::Organisation>> RegionsOf(std::string_view municipality);

 private:
  std::string Today() const;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

// Validation of codes, shared by imports and the API.
bool IsMunicipalityCode(std::string_view code);  // GM + 4 digits
bool IsSafetyRegionCode(std::string_view code);  // VR + 2 digits
bool IsOrganisationCode(std::string_view code);  // 2..16 of A-Z, 0-9, '-', '_'
bool IsIsoDate(std::string_view date);           // YYYY-MM-DD, a real calendar day

}  // namespace schakel::app
