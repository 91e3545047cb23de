#include "store/migrations.h"

#include <gtest/gtest.h>

#include "temp_database.h"

namespace schakel::store {
namespace {

const FixedClock kClock(std::chrono::system_clock::time_point(std::chrono::seconds(1790000000)));

TEST(MigrationsTest, AppliesAllOnEmptyDatabaseAndIsIdempotent) {
  auto database = testing::OpenFreshSqlite();
  auto db = database->Acquire();
  auto first = Migrate(*db, kClock);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->from, 0);
  EXPECT_EQ(first->to, SchemaMigrations().back().version);
  EXPECT_FALSE(first->applied.empty());
  auto second = Migrate(*db, kClock);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->applied.empty());
  // STRICT tables refuse a wrongly typed value.
  EXPECT_FALSE(
      db->Execute("INSERT INTO schema_migrations VALUES (?, 'x', 'y')", {Text("five")}).ok());
}

// A database at version N skips every migration numbered N or lower, so a migration listed after
// a higher number would never run on an existing database: versions must be 1, 2, 3, … in order.
TEST(MigrationsTest, VersionsAreListedInOrderWithoutGaps) {
  const auto& all = SchemaMigrations();
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version, static_cast<int>(i + 1)) << "position " << i << ": " << all[i].name;
  }
}

TEST(MigrationsTest, RefusesDatabaseFromNewerVersion) {
  auto database = testing::OpenFreshSqlite();
  auto db = database->Acquire();
  ASSERT_TRUE(Migrate(*db, kClock).ok());
  ASSERT_TRUE(db->Execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')", {}).ok());
  auto r = Migrate(*db, kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_NE(r.error().message.find("999"), std::string::npos);
  EXPECT_NE(r.error().message.find("newer"), std::string::npos);
}

TEST(MigrationsTest, FailingMigrationIsRolledBackAndNamed) {
  auto database = testing::OpenFreshSqlite();
  auto db = database->Acquire();
  const std::vector<Migration> broken = {{1, "good", "CREATE TABLE a (x INTEGER) STRICT;"},
                                         {2, "bad", "CREATE TABLE b (x INTEGER); NONSENSE;"}};
  auto r = Migrate(*db, kClock, broken);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("0002 (bad)"), std::string::npos) << r.error().message;
  EXPECT_EQ(SchemaVersion(*db).value(), 1);
  EXPECT_FALSE(db->Query("SELECT * FROM b", {}).ok());  // table b was rolled back
}

}  // namespace
}  // namespace schakel::store
