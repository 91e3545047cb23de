#include "app/key_rotation.h"

#include <fmt/format.h>

#include "app/encrypted_columns.h"
#include "security/field_cipher.h"
#include "store/ciphertext_repository.h"

namespace schakel::app {

namespace {

constexpr int kCountBatch = 1000;

struct BatchOutcome {
  int64_t rows = 0;
  std::string last_id;
  int64_t reencrypted = 0;
  std::vector<std::string> failed_ids;
};

// Values under the current key start with this (field_cipher.h's stored form); the batch query
// skips them, so a resumed run reads only what is left. Anything else that slips through is
// harmless: ReencryptField returns a value already under the current key unchanged.
std::string CurrentKeyPrefix(const security::KeyRing& keys) {
  return "v1:" + keys.current_id() + ":";
}

struct BatchRequest {
  const store::CiphertextColumn& column;
  std::string_view after_id;
  int size;
};

Result<BatchOutcome> RotateBatch(store::Db& db, const BatchRequest& request,
                                 const security::KeyRing& keys, const AuditTrail& audit,
                                 const Actor& actor, const security::RandomFill& random) {
  const store::CiphertextColumn& column = request.column;
  return store::InTransaction<BatchOutcome>(db, [&](store::Db& tx) -> Result<BatchOutcome> {
    store::CiphertextRepository repo(tx);
    auto batch = repo.Batch(column, request.after_id, request.size, CurrentKeyPrefix(keys));
    if (!batch) return batch.error();
    BatchOutcome out;
    for (const store::StoredCiphertext& c : *batch) {
      ++out.rows;
      out.last_id = c.record_id;
      auto fresh = security::ReencryptField(keys, {column.table, column.column, c.record_id},
                                            c.value, random);
      if (!fresh) {
        out.failed_ids.push_back(c.record_id);
        continue;
      }
      if (Status s = repo.Replace(column, c.record_id, *fresh); !s.ok()) return s.error();
      ++out.reencrypted;
    }
    if (out.rows == 0) return out;
    if (Status s = audit.Record(tx, actor.Event("keys.rotate", "column", column.Name())); !s.ok()) {
      return s.error();
    }
    return out;
  });
}

// Whether anything other than the values that failed to decrypt is still under an older key.
Result<bool> WorkLeft(store::Database& database, const security::KeyRing& keys,
                      const RotationReport& report) {
  auto usage = KeyUsage(database);
  if (!usage) return usage.error();
  return CiphertextsNotUnder(*usage, keys.current_id()) > report.failed();
}

}  // namespace

int64_t RotationReport::reencrypted() const {
  int64_t n = 0;
  for (const ColumnRotation& c : columns) n += c.reencrypted;
  return n;
}

int64_t RotationReport::failed() const {
  int64_t n = 0;
  for (const ColumnRotation& c : columns) n += static_cast<int64_t>(c.failed_ids.size());
  return n;
}

Result<RotationReport> RotateFields(store::Database& database, const security::KeyRing& keys,
                                    const AuditTrail& audit, const Actor& actor, int batch_size,
                                    int max_batches, const RotationProgress& progress,
                                    const security::RandomFill& random) {
  if (batch_size < 1) return Error::Invalid("batch", "the batch size must be at least 1");
  if (max_batches < 0) return Error::Invalid("max_batches", "must be 0 (no limit) or more");
  RotationReport report{keys.current_id(), {}, 0, false};
  auto db = database.Acquire();
  for (const store::CiphertextColumn& column : EncryptedColumns()) {
    ColumnRotation& done = report.columns.emplace_back(ColumnRotation{column.Name(), 0, {}});
    std::string after;
    for (;;) {
      if (max_batches > 0 && report.batches >= max_batches) {
        auto left = WorkLeft(database, keys, report);
        if (!left) return left.error();
        report.complete = !*left;
        return report;
      }
      auto batch = RotateBatch(*db, {column, after, batch_size}, keys, audit, actor, random);
      if (!batch) return batch.error();
      if (batch->rows == 0) break;
      ++report.batches;
      done.reencrypted += batch->reencrypted;
      done.failed_ids.insert(done.failed_ids.end(), batch->failed_ids.begin(),
                             batch->failed_ids.end());
      after = batch->last_id;
      if (progress) progress(done);
      if (batch->rows < batch_size) break;
    }
  }
  report.complete = true;
  return report;
}

Result<std::vector<ColumnKeyUsage>> KeyUsage(store::Database& database) {
  auto db = database.Acquire();
  store::CiphertextRepository repo(*db);
  std::vector<ColumnKeyUsage> out;
  for (const store::CiphertextColumn& column : EncryptedColumns()) {
    ColumnKeyUsage& usage = out.emplace_back(ColumnKeyUsage{column.Name(), {}});
    std::string after;
    for (;;) {
      auto batch = repo.Batch(column, after, kCountBatch, std::nullopt);
      if (!batch) return batch.error();
      for (const store::StoredCiphertext& c : *batch) {
        auto id = security::FieldKeyId(c.value);
        ++usage.by_key[id ? *id : "?"];
      }
      if (batch->size() < static_cast<size_t>(kCountBatch)) break;
      after = batch->back().record_id;
    }
  }
  return out;
}

int64_t CiphertextsNotUnder(const std::vector<ColumnKeyUsage>& usage, const std::string& key_id) {
  int64_t n = 0;
  for (const ColumnKeyUsage& column : usage) {
    for (const auto& [id, count] : column.by_key) {
      if (id != key_id) n += count;
    }
  }
  return n;
}

}  // namespace schakel::app
