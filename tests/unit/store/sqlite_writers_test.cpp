// Write transactions of one process queue in order before they ask SQLite for its lock, so a
// server under load does not leave requests sleeping in SQLite's busy handler.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel::store::testing {
namespace {

// busy_timeout 0: without the queue, any writer that meets another one would fail at once.
std::unique_ptr<Database> OpenWithoutBusyWaiting(int pool_size) {
  auto db = OpenSqlite(FreshTempDir("schakel-writers") / "test.db", {pool_size, 0});
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().message);
  if (!db.ok()) return nullptr;
  auto conn = (*db)->Acquire();
  EXPECT_TRUE(
      conn->ExecuteScript("CREATE TABLE t (n INTEGER NOT NULL, thread INTEGER NOT NULL)").ok());
  return std::move(db).value();
}

int64_t CountRows(Database& db) {
  auto conn = db.Acquire();
  auto rows = conn->Query("SELECT COUNT(*) FROM t", {});
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? (*rows)[0].Int(0) : -1;
}

TEST(SqliteWritersTest, ConcurrentWriteTransactionsAllSucceedWithoutBusyErrors) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 60;
  auto db = OpenWithoutBusyWaiting(kThreads);
  ASSERT_NE(db, nullptr);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto conn = db->Acquire();
        auto r = InTransaction<int>(*conn, [&](Db& tx) -> Result<int> {
          // Read, then write: a use case's shape (look up, then insert and audit).
          auto before = tx.Query("SELECT COUNT(*) FROM t WHERE thread = ?", {Value{int64_t{t}}});
          if (!before) return before.error();
          auto ins = tx.Execute("INSERT INTO t (n, thread) VALUES (?, ?)",
                                {Value{(*before)[0].Int(0)}, Value{int64_t{t}}});
          if (!ins) return ins.error();
          return 1;
        });
        if (!r.ok()) failures.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(CountRows(*db), kThreads * kPerThread);
}

TEST(SqliteWritersTest, ASecondWriteTransactionOnTheSameThreadFailsAtOnceInsteadOfWaiting) {
  auto db = OpenWithoutBusyWaiting(3);  // two held below, one to count
  ASSERT_NE(db, nullptr);
  auto a = db->Acquire();
  auto b = db->Acquire();
  ASSERT_TRUE(a->Begin().ok());
  Status second = b->Begin();
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("second write transaction"), std::string::npos)
      << second.error().message;
  EXPECT_FALSE(b->InTransaction());
  ASSERT_TRUE(a->Commit().ok());
  // The first one is done: the second connection may write now.
  ASSERT_TRUE(b->Begin().ok());
  ASSERT_TRUE(b->Execute("INSERT INTO t (n, thread) VALUES (1, 1)", {}).ok());
  ASSERT_TRUE(b->Commit().ok());
  EXPECT_EQ(CountRows(*db), 1);
}

TEST(SqliteWritersTest, RollbackAndAConnectionReturnedMidTransactionLetTheNextWriterIn) {
  auto db = OpenWithoutBusyWaiting(2);
  ASSERT_NE(db, nullptr);
  {
    auto conn = db->Acquire();
    ASSERT_TRUE(conn->Begin().ok());
    conn->Rollback();
  }
  {
    auto conn = db->Acquire();
    ASSERT_TRUE(conn->Begin().ok());
    ASSERT_TRUE(conn->Execute("INSERT INTO t (n, thread) VALUES (1, 1)", {}).ok());
    // Handed back without commit: the pool rolls back and the queue moves on.
  }
  std::atomic<bool> wrote{false};
  std::thread other([&] {
    auto conn = db->Acquire();
    auto r = InTransaction<int>(*conn, [](Db& tx) -> Result<int> {
      auto ins = tx.Execute("INSERT INTO t (n, thread) VALUES (2, 2)", {});
      if (!ins) return ins.error();
      return 1;
    });
    wrote = r.ok();
  });
  other.join();
  EXPECT_TRUE(wrote.load());
  EXPECT_EQ(CountRows(*db), 1);
}

}  // namespace
}  // namespace schakel::store::testing
