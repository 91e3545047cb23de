// Write transactions of one process queue in order before they ask SQLite for its lock, so a
// server under load does not leave requests sleeping in SQLite's busy handler; the bodies waiting
// together are committed together (group commit), each in its own savepoint.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
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

// Holds the writer: the first body waits inside its transaction until released, so the bodies
// started meanwhile queue behind it and are committed together in the next batch.
class HeldWriter {
 public:
  explicit HeldWriter(Database& db) {
    thread_ = std::thread([&db, this] {
      auto conn = db.Acquire();
      auto r = InTransaction<int>(*conn, [this](Db& tx) -> Result<int> {
        auto ins = tx.Execute("INSERT INTO t (n, thread) VALUES (0, 0)", {});
        if (!ins) return ins.error();
        inside_.set_value();
        release_.get_future().wait();
        return 1;
      });
      ok_ = r.ok();
    });
    inside_.get_future().wait();
  }
  // Lets the held body commit, after the others had time to queue behind it.
  bool Release() {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    release_.set_value();
    thread_.join();
    return ok_;
  }

 private:
  std::promise<void> inside_;
  std::promise<void> release_;
  std::thread thread_;
  bool ok_ = false;
};

Result<int> InsertRow(Database& db, int64_t n, bool then_fail) {
  auto conn = db.Acquire();
  return InTransaction<int>(*conn, [&](Db& tx) -> Result<int> {
    auto ins = tx.Execute("INSERT INTO t (n, thread) VALUES (?, 1)", {Value{n}});
    if (!ins) return ins.error();
    if (then_fail) return Error::Invalid("n", "refused after writing");
    return 1;
  });
}

TEST(SqliteWritersTest, AFailingBodyCommittedWithOthersLeavesNothingAndTheOthersAreKept) {
  auto db = OpenWithoutBusyWaiting(8);
  ASSERT_NE(db, nullptr);
  HeldWriter held(*db);
  std::vector<std::future<Result<int>>> bodies;
  for (int64_t n = 1; n <= 6; ++n) {
    bodies.push_back(
        std::async(std::launch::async, [&, n] { return InsertRow(*db, n, n % 3 == 0); }));
  }
  ASSERT_TRUE(held.Release());
  for (int64_t n = 1; n <= 6; ++n) {
    Result<int> r = bodies[static_cast<size_t>(n - 1)].get();
    if (n % 3 == 0) {
      ASSERT_FALSE(r.ok()) << n;
      EXPECT_EQ(r.error().field, "n");  // its own error, not a batch's
    } else {
      EXPECT_TRUE(r.ok()) << n << ": " << r.error().message;
    }
  }
  auto conn = db->Acquire();
  auto kept = conn->Query("SELECT n FROM t ORDER BY n", {});
  ASSERT_TRUE(kept.ok());
  std::vector<int64_t> ns;
  for (const Row& row : *kept) ns.push_back(row.Int(0));
  EXPECT_EQ(ns, (std::vector<int64_t>{0, 1, 2, 4, 5}));
}

TEST(SqliteWritersTest, AThrowingBodyThrowsOnItsOwnThreadAndTheOthersAreCommitted) {
  auto db = OpenWithoutBusyWaiting(8);
  ASSERT_NE(db, nullptr);
  HeldWriter held(*db);
  auto thrower = std::async(std::launch::async, [&] {
    auto conn = db->Acquire();
    return InTransaction<int>(*conn, [](Db& tx) -> Result<int> {
      (void)tx.Execute("INSERT INTO t (n, thread) VALUES (99, 9)", {});
      throw std::runtime_error("a bug in a use case");
    });
  });
  auto fine = std::async(std::launch::async, [&] { return InsertRow(*db, 7, false); });
  ASSERT_TRUE(held.Release());
  EXPECT_THROW((void)thrower.get(), std::runtime_error);
  EXPECT_TRUE(fine.get().ok());
  EXPECT_EQ(CountRows(*db), 2);  // the held one and 7, not 99
}

TEST(SqliteWritersTest, AWriteTransactionStartedInsideAnotherFailsAtOnce) {
  auto db = OpenWithoutBusyWaiting(3);
  ASSERT_NE(db, nullptr);
  auto outer = db->Acquire();
  auto r = InTransaction<int>(*outer, [&](Db& tx) -> Result<int> {
    auto ins = tx.Execute("INSERT INTO t (n, thread) VALUES (1, 1)", {});
    if (!ins) return ins.error();
    auto inner = db->Acquire();
    auto nested = InTransaction<int>(*inner, [](Db& t2) -> Result<int> {
      auto i2 = t2.Execute("INSERT INTO t (n, thread) VALUES (2, 2)", {});
      if (!i2) return i2.error();
      return 2;
    });
    EXPECT_FALSE(nested.ok());
    if (!nested.ok()) {
      EXPECT_NE(nested.error().message.find("second write transaction"), std::string::npos)
          << nested.error().message;
    }
    return 1;
  });
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(CountRows(*db), 1);
}

// The write-ahead log is copied into the database in the background, so it does not grow with
// every write the server takes.
TEST(SqliteWritersTest, TheWriteAheadLogIsCheckpointedInTheBackground) {
  const std::filesystem::path file = FreshTempDir("schakel-checkpoint") / "test.db";
  auto opened = OpenSqlite(file, {2, 1000});
  ASSERT_TRUE(opened.ok());
  auto db = std::move(opened).value();
  {
    auto conn = db->Acquire();
    ASSERT_TRUE(conn->ExecuteScript("CREATE TABLE b (x BLOB NOT NULL)").ok());
  }
  constexpr int kWrites = 6000;  // a page of 4 KiB each: six times the checkpoint threshold
  for (int i = 0; i < kWrites; ++i) {
    auto conn = db->Acquire();
    auto r = InTransaction<int>(*conn, [](Db& tx) -> Result<int> {
      auto ins = tx.Execute("INSERT INTO b (x) VALUES (zeroblob(3500))", {});
      if (!ins) return ins.error();
      return 1;
    });
    ASSERT_TRUE(r.ok());
  }
  std::filesystem::path wal = file;
  wal += "-wal";
  // Without checkpoints the log would hold every page written: more than 24 MiB. With them it
  // restarts after a checkpoint, at most 4000 pages (about 16 MiB) in.
  const auto bytes = std::filesystem::file_size(wal);
  EXPECT_LT(bytes, 20u * 1024 * 1024) << bytes;
  auto conn = db->Acquire();
  EXPECT_EQ(conn->Query("SELECT COUNT(*) FROM b", {})->front().Int(0), kWrites);
}

}  // namespace
}  // namespace schakel::store::testing
