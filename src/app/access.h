// Access: the one call every use case makes before it touches data. Asks the policy
// (policy.h); when the answer is no, records the denial in the audit trail (in a transaction of
// its own, so it survives the failed use case) and returns a kForbidden error with the reason.
#pragma once

#include <string_view>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/policy.h"
#include "store/db.h"

namespace schakel::app {

// REQUIRES: the calling thread holds no write transaction (the denial is recorded in a
// transaction of its own; with SQLite a second writer would wait for the first).
Status Authorize(store::Database& database, const AuditTrail& audit, const Actor& actor,
                 Action action, const Resource& on, std::string_view object_type,
                 std::string_view object_id);

// Authorize on "organisation X" as it is on `date` (ISO): OrganisationResource, then Authorize.
// `extra` adds what the organisation alone does not say (e.g. a practice's publication).
// REQUIRES: as Authorize.
Status AuthorizeOnOrganisation(store::Database& database, const AuditTrail& audit,
                               const Actor& actor, Action action, std::string_view organisation,
                               std::string_view date, std::string_view object_type,
                               std::string_view object_id, std::string_view publication = "");

// The resource "organisation X": its code and the regions it belongs to on `date` (ISO), or,
// for a region, the region itself.
Result<Resource> OrganisationResource(store::Db& db, std::string_view organisation,
                                      std::string_view date);
// The regions an organisation belongs to on `date` (a region: itself).
Result<std::vector<std::string>> RegionsOfOrganisation(store::Db& db, std::string_view organisation,
                                                       std::string_view date);

}  // namespace schakel::app
