// Audit use cases for auditors: search the trail by user, object and period, see failed-login
// spikes, and verify the chain. Reading the audit log is itself audited (action audit.search).
// Every call requires Action::kReadAudit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "store/audit_repository.h"
#include "store/db.h"

namespace schakel::app {

struct AuditSearch {
  std::optional<std::string> actor;      // user id, "token:<id>", "unknown", "cli:<user>"
  std::optional<std::string> object_id;  // e.g. a user id, an assessment id
  std::optional<std::string> from;       // ISO date (inclusive) or timestamp
  std::optional<std::string> to;         // ISO date (inclusive: the whole day) or timestamp
  std::optional<std::string> result;     // allow, deny, success, failure
  int limit = 200;                       // 1..1000
};

struct AuditPage {
  std::vector<store::AuditRow> events;  // newest first
  bool more = false;                    // more events match than `limit`
};

// Failed logins per hour; an hour is a spike when it has at least `threshold` failures.
struct FailedLoginHour {
  std::string hour;  // "2026-11-27T14" (UTC)
  int failures = 0;
  int distinct_addresses = 0;
  bool spike = false;
};

class AuditService {
 public:
  AuditService(store::Database& database, const AuditTrail& audit)
      : database_(database), audit_(audit) {}

  Result<AuditPage> Search(const Actor& actor, const AuditSearch& search);
  // The hours of [from, to] (ISO dates, inclusive) with at least one failed login.
  Result<std::vector<FailedLoginHour>> FailedLogins(const Actor& actor, std::string_view from,
                                                    std::string_view to, int threshold = 20);
  Result<AuditTrail::Verification> Verify(const Actor& actor);

 private:
  store::Database& database_;
  const AuditTrail& audit_;
};

}  // namespace schakel::app
