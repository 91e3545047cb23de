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

Status Authorize(store::Database& database, const AuditTrail& audit, const Actor& actor,
                 Action action, const Resource& on, std::string_view object_type,
                 std::string_view object_id);

}  // namespace schakel::app
