// Conformance tests for the Db port. Every adapter (SQLite now, PostgreSQL later) runs exactly
// these tests: instantiate DbConformanceTest with a factory that opens a fresh, empty database.
//   INSTANTIATE_TEST_SUITE_P(Sqlite, DbConformanceTest, ::testing::Values(&OpenFreshSqlite));
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "store/db.h"

namespace schakel::store::testing {

using DatabaseFactory = std::unique_ptr<Database> (*)();

class DbConformanceTest : public ::testing::TestWithParam<DatabaseFactory> {
 protected:
  void SetUp() override {
    database_ = GetParam()();
    ASSERT_NE(database_, nullptr);
    auto db = database_->Acquire();
    ASSERT_TRUE(db->Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                            "score REAL, note TEXT)",
                            {})
                    .ok());
  }
  std::unique_ptr<Database> database_;
};

TEST_P(DbConformanceTest, BindsAndReadsEveryType) {
  auto db = database_->Acquire();
  auto ins = db->Query("INSERT INTO t (name, score, note) VALUES (?, ?, ?) RETURNING id",
                       {Text("Zoë ‘t Hart"), Value(2.5), Null()});
  ASSERT_TRUE(ins.ok()) << ins.error().message;
  const int64_t id = ins->front().Int(0);
  auto rows = db->Query("SELECT id, name, score, note FROM t WHERE id = ?", {Int(id)});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().Text(1), "Zoë ‘t Hart");
  EXPECT_DOUBLE_EQ(rows->front().Real(2), 2.5);
  EXPECT_TRUE(rows->front().IsNull(3));
  EXPECT_FALSE(rows->front().OptText(3).has_value());
}

TEST_P(DbConformanceTest, TextWithQuotesAndNulBytesIsStoredVerbatim) {
  auto db = database_->Acquire();
  const std::string tricky = std::string("a'b\"c; DROP TABLE t; --") + '\0' + "tail";
  ASSERT_TRUE(db->Execute("INSERT INTO t (name) VALUES (?)", {Text(tricky)}).ok());
  auto rows = db->Query("SELECT name FROM t", {});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().Text(0), tricky);
}

TEST_P(DbConformanceTest, ExecuteReportsChangedRows) {
  auto db = database_->Acquire();
  ASSERT_TRUE(db->Execute("INSERT INTO t (name) VALUES (?), (?)", {Text("a"), Text("b")}).ok());
  auto changed = db->Execute("UPDATE t SET score = 1", {});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 2);
}

TEST_P(DbConformanceTest, ConstraintViolationIsAConflict) {
  auto db = database_->Acquire();
  ASSERT_TRUE(db->Execute("INSERT INTO t (name) VALUES (?)", {Text("same")}).ok());
  auto again = db->Execute("INSERT INTO t (name) VALUES (?)", {Text("same")});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_P(DbConformanceTest, WrongParameterCountIsRefused) {
  auto db = database_->Acquire();
  auto r = db->Execute("INSERT INTO t (name) VALUES (?)", {});
  ASSERT_FALSE(r.ok());
  auto rows = db->Query("SELECT COUNT(*) FROM t", {});
  EXPECT_EQ(rows->front().Int(0), 0);
}

TEST_P(DbConformanceTest, FailedTransactionLeavesNothingBehind) {
  auto db = database_->Acquire();
  auto r = InTransaction<int>(*db, [](Db& tx) -> Result<int> {
    EXPECT_TRUE(tx.Execute("INSERT INTO t (name) VALUES (?)", {Text("first")}).ok());
    return Error::Invalid("x", "second step fails");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(db->InTransaction());
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM t", {})->front().Int(0), 0);
}

TEST_P(DbConformanceTest, ThrowingTransactionRollsBack) {
  auto db = database_->Acquire();
  EXPECT_THROW((void)InTransaction<int>(*db,
                                        [](Db& tx) -> Result<int> {
                                          (void)tx.Execute("INSERT INTO t (name) VALUES ('x')", {});
                                          throw std::runtime_error("bug");
                                        }),
               std::runtime_error);
  EXPECT_FALSE(db->InTransaction());
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM t", {})->front().Int(0), 0);
}

TEST_P(DbConformanceTest, CommittedTransactionIsVisibleToOtherConnections) {
  {
    auto db = database_->Acquire();
    auto r = InTransaction<int>(*db, [](Db& tx) -> Result<int> {
      auto e = tx.Execute("INSERT INTO t (name) VALUES (?)", {Text("kept")});
      if (!e) return e.error();
      return 1;
    });
    ASSERT_TRUE(r.ok());
  }
  auto a = database_->Acquire();
  auto b = database_->Acquire();  // a second, different connection
  EXPECT_EQ(b->Query("SELECT COUNT(*) FROM t", {})->front().Int(0), 1);
}

TEST_P(DbConformanceTest, ConcurrentWritersAllSucceed) {
  constexpr int kThreads = 6;
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto db = database_->Acquire();
        auto r = InTransaction<int>(*db, [&](Db& tx) -> Result<int> {
          auto n = tx.Query("SELECT COUNT(*) FROM t", {});
          if (!n) return n.error();
          auto e = tx.Execute("INSERT INTO t (name, score) VALUES (?, ?)",
                              {Text(std::to_string(t) + "-" + std::to_string(i)),
                               Value(static_cast<double>(n->front().Int(0)))});
          if (!e) return e.error();
          return 1;
        });
        if (!r.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM t", {})->front().Int(0), kThreads * kPerThread);
  // Serialised writers: each saw exactly the rows before it, so every score is distinct.
  EXPECT_EQ(db->Query("SELECT COUNT(DISTINCT score) FROM t", {})->front().Int(0),
            kThreads * kPerThread);
}

}  // namespace schakel::store::testing
