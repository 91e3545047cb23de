// A fresh SQLite database file in a temporary folder, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

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

}  // namespace schakel::store::testing
