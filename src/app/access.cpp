#include "app/access.h"

#include <fmt/format.h>

namespace schakel::app {

Status Authorize(store::Database& database, const AuditTrail& audit, const Actor& actor,
                 Action action, const Resource& on, std::string_view object_type,
                 std::string_view object_id) {
  const Decision d = Decide(actor.principal, action, on);
  if (d.allowed) return {};
  security::AuditEvent e = actor.Event(ActionName(action), std::string(object_type),
                                       std::string(object_id), security::AuditResult::kDeny);
  if (Status s = audit.Record(database, std::move(e)); !s.ok()) return s;
  if (!actor.principal.authenticated()) return Error{ErrorCode::kForbidden, "log in first", ""};
  return Error{ErrorCode::kForbidden, fmt::format("not allowed: {}", d.reason), ""};
}

}  // namespace schakel::app
