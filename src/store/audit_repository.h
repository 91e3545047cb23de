// The audit trail's rows. Append-only by convention of this repository (it has no update or
// delete); tampering by other means is what the hash chain detects. The chain itself is computed
// by src/security and composed in src/app/audit_trail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct AuditRow {
  int64_t sequence = 0;
  std::string timestamp;
  std::string actor;
  std::string organisation;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string result;
  std::string origin;
  std::string origin_address;
  std::string correlation_id;
  std::string hash;
};

struct AuditQuery {
  std::optional<std::string> actor;
  std::optional<std::string> object_id;
  std::optional<std::string> from;  // timestamp, inclusive
  std::optional<std::string> to;    // timestamp, exclusive
  std::optional<std::string> result;  // allow, deny, success, failure
  std::vector<std::string> actions;   // any of these; empty = all
  int64_t after_sequence = 0;
  int limit = 1000;
  bool newest_first = false;
};

class AuditRepository {
 public:
  explicit AuditRepository(Db& db) : db_(db) {}
  // The newest row (highest sequence), if any.
  Result<std::optional<AuditRow>> Last();
  // REQUIRES: inside the write transaction that read Last().
  Status Append(const AuditRow& row);
  // Rows in storage order (by rowid), so that reordering is visible to the verifier.
  Result<std::vector<AuditRow>> All();
  Result<std::vector<AuditRow>> Find(const AuditQuery& query);

 private:
  Db& db_;
};

}  // namespace schakel::store
