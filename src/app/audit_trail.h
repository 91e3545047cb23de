// AuditTrail: appends events to the tamper-evident audit trail and verifies it. An event is
// written in the same transaction as the change it records, so a change without its audit event
// (or the reverse) cannot be committed. Reads are recorded in a transaction of their own.
// Thread-safe as far as the Database is: appends serialise on the write lock.
#pragma once

#include <optional>

#include "domain/clock.h"
#include "security/audit_chain.h"
#include "store/audit_repository.h"
#include "store/db.h"

namespace schakel::app {

class AuditTrail {
 public:
  AuditTrail(security::AuditChainKey key, const Clock& clock)
      : key_(std::move(key)), clock_(clock) {}

  // Numbers, timestamps, seals and stores the event inside the caller's write transaction.
  // REQUIRES: tx.InTransaction().
  Status Record(store::Db& tx, security::AuditEvent event) const;
  // The same in a transaction of its own.
  Status Record(store::Database& database, security::AuditEvent event) const;

  struct Verification {
    int64_t events = 0;
    std::optional<security::AuditAnchor> last;      // note this down as the next anchor
    std::optional<security::AuditFinding> finding;  // the first defect, if any
  };
  // Verifies the whole trail in storage order; with an anchor, also that it still reaches it.
  Result<Verification> Verify(store::Db& db,
                              const std::optional<security::AuditAnchor>& anchor = {}) const;

 private:
  security::AuditChainKey key_;
  const Clock& clock_;
};

}  // namespace schakel::app
