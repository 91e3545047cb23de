// Numbered schema migrations. Applied in order at start (`schakel serve`) and by `schakel
// migrate`, each in its own transaction. A database whose schema is newer than this binary knows
// is refused, so an old binary never writes into a newer schema.
#pragma once

#include <string>
#include <vector>

#include "domain/clock.h"
#include "store/db.h"

namespace schakel::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The migrations of this build, in version order.
const std::vector<Migration>& SchemaMigrations();

// Highest applied version (0 for an empty database).
Result<int> SchemaVersion(Db& db);

struct MigrationReport {
  int from = 0;
  int to = 0;
  std::vector<std::string> applied;  // "0001 initial", …
};

// Applies the missing migrations. Fails with kConflict when the database is newer than
// `migrations`, naming both versions.
Result<MigrationReport> Migrate(Db& db, const Clock& clock,
                                const std::vector<Migration>& migrations = SchemaMigrations());

}  // namespace schakel::store
