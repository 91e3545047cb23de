// Key rotation for encrypted fields: re-encrypts every ciphertext in the registry's columns
// (encrypted_columns.h) that is not yet under the key ring's current key, and counts ciphertexts
// per key id so the operator knows when an old key is no longer needed.
//
// Rotation runs one write transaction per batch, so the database stays usable in between and an
// interrupted run keeps every finished batch; running it again continues where it stopped
// (security::ReencryptField is idempotent and batches read only values still under older keys).
// Each batch records an audit event "keys.rotate" (object type "column", object id
// "persons.family_name") in its transaction. Rotation is an operator task on the server, who holds
// the key file anyway; there is no policy action for it.
// A ciphertext that does not decrypt (moved, altered, or its key is missing from the ring) is
// left as it is and reported by record id; the rest continues.
// Not thread-safe with respect to the key ring: pass a ring that does not change during the call.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"

namespace schakel::app {

struct ColumnRotation {
  std::string column;  // "persons.family_name"
  int64_t reencrypted = 0;
  std::vector<std::string> failed_ids;  // record ids whose ciphertext did not decrypt
};

struct RotationReport {
  std::string key_id;  // the current key everything was moved to
  std::vector<ColumnRotation> columns;
  int batches = 0;        // transactions committed
  bool complete = false;  // every column walked to its end (false: stopped by max_batches)
  int64_t reencrypted() const;
  int64_t failed() const;
};

// Called after each committed batch with the column's running totals.
using RotationProgress = std::function<void(const ColumnRotation&)>;

// REQUIRES: batch_size >= 1; max_batches >= 0 (0 = no limit). kInvalid otherwise.
Result<RotationReport> RotateFields(store::Database& database, const security::KeyRing& keys,
                                    const AuditTrail& audit, const Actor& actor, int batch_size,
                                    int max_batches, const RotationProgress& progress = {},
                                    const security::RandomFill& random = security::SystemRandom());

struct ColumnKeyUsage {
  std::string column;                     // "persons.family_name"
  std::map<std::string, int64_t> by_key;  // key id -> ciphertexts; "?" for unreadable values
};

// Number of ciphertexts per key id, per registry column (columns without values included).
Result<std::vector<ColumnKeyUsage>> KeyUsage(store::Database& database);

// How many ciphertexts in `usage` are under another key than `key_id`.
int64_t CiphertextsNotUnder(const std::vector<ColumnKeyUsage>& usage, const std::string& key_id);

}  // namespace schakel::app
