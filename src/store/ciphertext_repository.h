// Ciphertexts of any encrypted column, read and replaced by record id, for key rotation and key
// usage reports (app/key_rotation). The app layer names the columns (app/encrypted_columns); this
// repository only walks them in id order, so rotation works the same for persons, users and any
// table added later. Table and column names go into the SQL text, so they must be plain
// identifiers ([a-z_]+); anything else is refused with kInvalid rather than executed.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

// One encrypted column: table, the column holding the record id that the ciphertext is bound to,
// and the column holding the ciphertext.
struct CiphertextColumn {
  std::string table;
  std::string id_column;
  std::string column;
  std::string Name() const { return table + "." + column; }  // "persons.family_name"
};

struct StoredCiphertext {
  std::string record_id;
  std::string value;  // "v1:<key id>:…"
};

class CiphertextRepository {
 public:
  explicit CiphertextRepository(Db& db) : db_(db) {}

  // Up to `limit` non-NULL values with record id greater than `after_id`, in id order (keyset
  // pagination: stable while rows change). With `except_prefix` ("v1:k2:"), values starting with
  // it are skipped, so rotation reads only what is still under an older key.
  Result<std::vector<StoredCiphertext>> Batch(const CiphertextColumn& column,
                                              std::string_view after_id, int limit,
                                              const std::optional<std::string>& except_prefix);
  // Sets the column of one record. kNotFound when the record does not exist.
  Status Replace(const CiphertextColumn& column, std::string_view record_id,
                 std::string_view value);

 private:
  Db& db_;
};

}  // namespace schakel::store
