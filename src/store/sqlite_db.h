// SQLite implementation of the Db port: WAL journal, foreign keys on, busy timeout, cached
// prepared statements, BEGIN IMMEDIATE for write transactions.
#pragma once

#include <filesystem>
#include <memory>

#include "store/db.h"

namespace schakel::store {

struct SqliteOptions {
  int pool_size = 32;
  int busy_timeout_ms = 10000;
};

// Opens (creating if needed) the database file with a pool of connections.
Result<std::unique_ptr<Database>> OpenSqlite(const std::filesystem::path& file,
                                             const SqliteOptions& options = {});

}  // namespace schakel::store
