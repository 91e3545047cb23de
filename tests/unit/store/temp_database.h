// A fresh SQLite database file in a temporary folder, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "domain/clock.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace schakel::store::testing {

inline std::filesystem::path FreshTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::path(::testing::TempDir()) /
             (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::unique_ptr<Database> OpenFreshSqlite() {
  auto db = OpenSqlite(FreshTempDir("schakel-db") / "test.db", {4, 10000});
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
  return db.ok() ? std::move(db).value() : nullptr;
}

// A database file at `file`, migrated to the current schema; nullptr (with a test failure) when
// that fails.
inline std::unique_ptr<Database> OpenMigratedSqlite(const std::filesystem::path& file) {
  auto db = OpenSqlite(file, {4, 10000});
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
  if (!db.ok()) return nullptr;
  auto conn = (*db)->Acquire();
  const FixedClock clock(std::chrono::system_clock::time_point{});
  auto migrated = Migrate(*conn, clock);
  EXPECT_TRUE(migrated.ok()) << (migrated.ok() ? "" : migrated.error().message);
  return migrated.ok() ? std::move(db).value() : nullptr;
}

}  // namespace schakel::store::testing
