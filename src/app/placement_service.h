// Placements (docs/care.md, "Placements in the application"): placing the person of a case in a
// shelter of the case's region for a stay, ending a stay, and the placements of a case. A shelter
// that is full on any night of the stay is refused with a conflict on "override_reason" unless
// the coordinator gives a reason; the placement keeps it, encrypted per field
// (placements.over_capacity_reason, encrypted_columns.cpp). The rules are care::PlacePerson
// (src/care/shelter.h); the rows are store::ShelterRepository's (migration 8).
//
// Who (policy.h): placing and ending a stay need kPlaceInShelter on the case, reading a case's
// placements kViewCase — both the care coordinators serving the case's region
// (CaseService::LoadForAction, every denial audited). Where someone stays is personal data:
// every read of a case's placements is audited ("placement.read" on the case), every change in
// its own transaction ("placement.create"; "placement.override" as well when over capacity;
// "placement.end").
//
// For the case lifecycle, OpenPlacement answers CaseFactQueries::open_placement: a case with a
// stay that has not ended by tonight cannot be closed.
// Thread-safe as far as the Database is: each call takes its own connection.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/case_service.h"
#include "app/shelter_service.h"
#include "care/care_data.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/shelter_repository.h"

namespace schakel::app {

struct PlacementInput {
  int64_t shelter = 0;          // a shelter of the case's region
  std::string from;             // the first night: YYYY-MM-DD or DD-MM-YYYY
  std::string until;            // the day of leaving; "" while open-ended
  std::string override_reason;  // only needed (and only kept) when the shelter is full
};

struct PlacementView {
  store::PlacementRecord record;  // over_capacity_reason: the plaintext here
  std::string shelter_name;
  std::string shelter_type;  // a shelter type id of the care data
  bool open = false;         // not ended by tonight (also a stay that starts later)
};

class PlacementService {
 public:
  // REQUIRES: every argument outlives the service.
  PlacementService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                   const security::KeyRing& keys, const care::CareData& data, CaseService& cases,
                   security::RandomFill random = security::SystemRandom())
      : database_(database),
        clock_(clock),
        audit_(audit),
        keys_(keys),
        data_(data),
        cases_(cases),
        random_(std::move(random)) {}

  // Places the case's person. Errors:
  //   kInvalid   "shelter" (no such shelter in the case's region), "from", "until" (not a date,
  //              or not after the first night), "shelter_id" (the type does not take the
  //              person's age group, or only CoMensha places there), "case_id" (the person
  //              already has a stay on these dates), "override_reason" (too long)
  //   kConflict  "override_reason": the shelter is full on a night of the stay and no reason
  //              was given; "case": the case is closed or transferred
  Result<PlacementView> Place(const Actor& actor, std::string_view case_id,
                              const PlacementInput& input);
  // Sets the day of leaving of an open stay (field "until": a date after the first night, not
  // later than a day of leaving already set — a longer stay is a new placement, so the capacity
  // is checked again). kNotFound when the placement is not the case's; kConflict "until" when
  // the stay has ended.
  Result<PlacementView> End(const Actor& actor, std::string_view case_id,
                            std::string_view placement_id, std::string_view until);
  // The case's placements, first night first; audited "placement.read".
  Result<std::vector<PlacementView>> OfCase(const Actor& actor, std::string_view case_id);

  // The shelters a coordinator may place this case's person in: those of the case's region, each
  // with its places taken tonight (kPlaceInShelter; kConflict "case" when the case is closed or
  // transferred). Shelters hold no personal data: not audited as a read.
  Result<std::vector<ShelterOccupancy>> ShelterChoices(const Actor& actor,
                                                       std::string_view case_id);

  // Whether the case has a stay that has not ended by tonight (Europe/Amsterdam), read in the
  // caller's transaction: CaseFactQueries::open_placement.
  Result<bool> OpenPlacement(store::Db& db, std::string_view case_id) const;

  const care::CareData& data() const { return data_; }

 private:
  std::string Today() const;
  Result<PlacementView> ViewOf(store::Db& db, store::PlacementRecord record) const;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const care::CareData& data_;
  CaseService& cases_;
  security::RandomFill random_;
};

}  // namespace schakel::app
