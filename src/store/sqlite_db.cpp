#include "store/sqlite_db.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace schakel::store {

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  return static_cast<double>(std::get<int64_t>(v));
}

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (std::holds_alternative<std::monostate>(v)) return {};
  return std::get<std::string>(v);
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

namespace {

// Maps an SQLite result code to our error kinds. Constraint violations are conflicts the caller
// may explain to the user; busy/locked means the database is overloaded.
Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const int primary = rc & 0xff;
  std::string msg = fmt::format("{} ({})", sqlite3_errmsg(db), sql.substr(0, 80));
  if (primary == SQLITE_CONSTRAINT) return Error::Conflict(std::move(msg));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error::Unavailable("the database is busy; try again");
  }
  return Error::Internal(std::move(msg));
}

// A thread that holds the write lock and begins another write transaction could never get it.
Error NestedWriteTransaction() {
  return Error::Internal("a second write transaction was started while this thread holds one");
}

// Write transactions of one process queue here, first come first served, before they ask SQLite
// for its write lock. Without it every waiting writer sleeps in SQLite's busy handler, whose
// back-off steps (up to 100 ms) decide who goes next: under load the slowest requests waited
// several of those sleeps. Other processes (a CLI command next to the server) still meet the busy
// timeout. A thread that already holds the gate and begins a second write transaction on another
// connection could never get SQLite's lock either; it gets an error at once instead of waiting.
class WriterGate {
 public:
  Status Enter() {
    std::unique_lock lock(mu_);
    if (owner_ == std::this_thread::get_id()) return NestedWriteTransaction();
    const uint64_t ticket = next_ticket_++;
    slots_[ticket % kSlots].wait(lock, [&] { return serving_ == ticket; });
    owner_ = std::this_thread::get_id();
    return {};
  }
  bool HeldByThisThread() {
    std::lock_guard lock(mu_);
    return owner_ == std::this_thread::get_id();
  }
  void Leave() {
    uint64_t next = 0;
    {
      std::lock_guard lock(mu_);
      owner_ = std::thread::id{};
      next = ++serving_;
    }
    // Only the holder of the next ticket can go on; waking every waiter (as one shared condition
    // did) made each commit a stampede of threads that checked and slept again.
    slots_[next % kSlots].notify_all();
  }

 private:
  // Waiters sleep on the slot of their ticket; more waiters than slots only share a slot.
  static constexpr size_t kSlots = 64;
  std::mutex mu_;
  std::array<std::condition_variable, kSlots> slots_;
  uint64_t next_ticket_ = 0;
  uint64_t serving_ = 0;
  std::thread::id owner_;
};

class GroupCommit;

class SqliteDb final : public Db {
 public:
  SqliteDb(sqlite3* db, std::shared_ptr<WriterGate> gate) : db_(db), gate_(std::move(gate)) {}
  // The group commit this connection's Transact joins; without one it begins and commits itself.
  void JoinGroupCommit(std::shared_ptr<GroupCommit> group) { group_ = std::move(group); }
  sqlite3* handle() const { return db_; }
  ~SqliteDb() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    auto stmt = Prepare(sql);
    if (!stmt) return stmt.error();
    sqlite3_stmt* s = *stmt;
    if (Status b = Bind(s, params, sql); !b.ok()) return b.error();
    Rows rows;
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = SqliteError(db_, rc, sql);
        sqlite3_reset(s);
        return e;
      }
      rows.push_back(ReadRow(s));
    }
    sqlite3_reset(s);
    return rows;
  }

  Result<int64_t> Execute(std::string_view sql, const std::vector<Value>& params) override {
    auto rows = Query(sql, params);
    if (!rows) return rows.error();
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status ExecuteScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string copy(sql);
    const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Error::Internal("script failed: " + msg);
    }
    return {};
  }

  Status Begin() override {
    if (Status s = gate_->Enter(); !s.ok()) return s;
    holds_gate_ = true;
    auto r = Execute("BEGIN IMMEDIATE", {});
    if (!r) {
      LeaveGate();
      return r.error();
    }
    return {};
  }
  Status Commit() override {
    auto r = Execute("COMMIT", {});
    if (!r) return r.error();  // still in the transaction: the caller rolls back
    LeaveGate();
    return {};
  }
  void Rollback() override {
    if (InTransaction()) (void)Execute("ROLLBACK", {});
    LeaveGate();
  }
  bool InTransaction() const override { return sqlite3_get_autocommit(db_) == 0; }
  std::string_view Dialect() const override { return "sqlite"; }
  Status Transact(const std::function<Status(Db&)>& body) override;

  // Statements of the group commit, which holds the gate itself.
  Status Raw(std::string_view sql) {
    auto r = Execute(sql, {});
    if (!r) return r.error();
    return {};
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* s, const std::vector<Value>& params, std::string_view sql) {
    sqlite3_clear_bindings(s);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(s)) {
      return Error::Internal(fmt::format("statement wants {} parameters, got {} ({})",
                                         sqlite3_bind_parameter_count(s), params.size(),
                                         sql.substr(0, 80)));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(s, idx);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(s, idx, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(s, idx, *d);
      } else {
        const std::string& t = std::get<std::string>(v);
        rc = sqlite3_bind_text64(s, idx, t.data(), t.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, sql);
    }
    return {};
  }

  static Row ReadRow(sqlite3_stmt* s) {
    const int n = sqlite3_column_count(s);
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
          values.emplace_back(std::monostate{});
          break;
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(s, i)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(s, i));
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
          values.emplace_back(std::string(text, static_cast<size_t>(sqlite3_column_bytes(s, i))));
        }
      }
    }
    return Row(std::move(values));
  }

  void LeaveGate() {
    if (!holds_gate_) return;
    holds_gate_ = false;
    gate_->Leave();
  }

  sqlite3* db_;
  std::shared_ptr<WriterGate> gate_;
  std::shared_ptr<GroupCommit> group_;
  bool holds_gate_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// Group commit. Every write transaction of the process runs on one dedicated writer connection:
// the first thread to arrive leads, takes the bodies that are waiting, runs each in its own
// savepoint inside one transaction and commits them together; the others sleep until their body
// has been committed (or rolled back) and then return its outcome on their own thread. Under load
// this turns many small commits (each writing its pages to the WAL, and every few hundred a
// checkpoint) into few larger ones, and the writer connection's page cache stays warm because no
// other connection of the process writes. One body's failure rolls back only its savepoint.
// A body runs on the leader's thread: it must write through the Db it is given, and starting a
// second write transaction from it fails at once (as it did before, see WriterGate).
class GroupCommit {
 public:
  GroupCommit(std::unique_ptr<SqliteDb> writer, std::shared_ptr<WriterGate> gate)
      : writer_(std::move(writer)), gate_(std::move(gate)) {}
  sqlite3* writer_handle() const { return writer_->handle(); }

  Status Run(const std::function<Status(Db&)>& body) {
    if (gate_->HeldByThisThread()) return NestedWriteTransaction();
    Job job(body);
    std::unique_lock lock(mu_);
    pending_.push_back(&job);
    while (!job.done) {
      if (leading_) {
        job.wake.wait(lock);
        continue;
      }
      leading_ = true;
      std::vector<Job*> batch;
      while (!pending_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(pending_.front());
        pending_.pop_front();
      }
      lock.unlock();
      RunBatch(batch);
      lock.lock();
      leading_ = false;
      for (Job* j : batch) {
        j->done = true;
        if (j != &job) j->wake.notify_one();
      }
      // The next waiting body's thread leads the next batch.
      if (!pending_.empty()) pending_.front()->wake.notify_one();
    }
    lock.unlock();
    if (job.thrown) std::rethrow_exception(job.thrown);
    return job.status;
  }

 private:
  // Bounds how long the last body of a batch waits for the ones before it.
  static constexpr size_t kMaxBatch = 64;

  struct Job {
    explicit Job(const std::function<Status(Db&)>& b) : body(&b) {}
    const std::function<Status(Db&)>* body;
    Status status;
    std::exception_ptr thrown;
    bool done = false;
    std::condition_variable wake;
  };

  static void Fail(const std::vector<Job*>& jobs, const Error& e) {
    for (Job* j : jobs) {
      if (j->status.ok() && !j->thrown) j->status = e;
    }
  }

  void RunBatch(const std::vector<Job*>& batch) {
    if (Status s = gate_->Enter(); !s.ok()) return Fail(batch, s.error());
    if (Status s = writer_->Raw("BEGIN IMMEDIATE"); !s.ok()) {
      gate_->Leave();
      return Fail(batch, s.error());
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      Job& job = *batch[i];
      if (Status s = writer_->Raw("SAVEPOINT body"); !s.ok()) {
        job.status = s;
      } else {
        try {
          job.status = (*job.body)(*writer_);
        } catch (...) {
          job.thrown = std::current_exception();
        }
        if (job.status.ok() && !job.thrown) {
          job.status = writer_->Raw("RELEASE body");
        } else {
          (void)writer_->Raw("ROLLBACK TO body");
          (void)writer_->Raw("RELEASE body");
        }
      }
      if (!writer_->InTransaction()) {
        // SQLite gave the whole transaction up (an I/O error, a full disk): the bodies before
        // this one are lost with it, and the ones after it are not run.
        const Error lost =
            Error::Unavailable("the database could not complete the write; try again");
        Fail(batch, lost);
        gate_->Leave();
        return;
      }
    }
    if (Status s = writer_->Raw("COMMIT"); !s.ok()) {
      writer_->Rollback();  // the writer holds no gate of its own: it is left below
      Fail(batch, s.error());
    }
    gate_->Leave();
  }

  std::unique_ptr<SqliteDb> writer_;
  std::shared_ptr<WriterGate> gate_;
  std::mutex mu_;
  std::deque<Job*> pending_;
  bool leading_ = false;
};

Status SqliteDb::Transact(const std::function<Status(Db&)>& body) {
  if (group_ == nullptr) return Db::Transact(body);
  return group_->Run(body);
}

// Checkpoints in the background. SQLite's own automatic checkpoint runs inside the COMMIT that
// pushes the WAL over 1000 pages, so one request in every few hundred waited for the copy into
// the database file and its fsync while holding the write lock and every writer behind it. Here
// the writer's commit only reports the WAL's size; past the same 1000 pages a thread with its own
// connection runs a passive checkpoint, which neither takes the write lock nor waits for readers.
// At four times that the commit checkpoints itself (see kPagesAtMost).
class Checkpointer {
 public:
  Checkpointer(std::unique_ptr<SqliteDb> conn, sqlite3* writer)
      : conn_(std::move(conn)), writer_(writer), thread_([this] { Loop(); }) {
    sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);  // replaces the automatic one
  }
  // REQUIRES: the writer is idle (the pool is closing).
  ~Checkpointer() {
    sqlite3_wal_hook(writer_, nullptr, nullptr);
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  static constexpr int kPages = 1000;  // SQLite's default for its automatic checkpoint
  // When writes outpace the background checkpoints (which can only restart the log once they
  // have caught up), the commit checkpoints itself as SQLite would, so the log stays bounded.
  static constexpr int kPagesAtMost = 4 * kPages;

  // Called by the writer alone, inside its commits (under the writer gate): the marks below need
  // no lock. Readers that are still on older frames keep the log from restarting, so under
  // steady load it stays past the thresholds; the marks make each threshold act once per step of
  // growth rather than at every commit.
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (pages < c->signalled_at_) c->signalled_at_ = c->forced_at_ = 0;  // the log restarted
    if (pages >= kPagesAtMost && pages >= c->forced_at_ + kPages) {
      c->forced_at_ = pages;
      (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kPages && pages >= c->signalled_at_ + kPages / 4) {
      c->signalled_at_ = pages;
      {
        std::lock_guard lock(c->mu_);
        c->wanted_ = true;
      }
      c->cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void Loop() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return wanted_ || stopping_; });
      if (stopping_) return;
      wanted_ = false;
      lock.unlock();
      // Best effort: a checkpoint that cannot finish now (readers on old frames) is retried
      // after the next commits; the WAL keeps every change meanwhile.
      (void)conn_->Raw("PRAGMA wal_checkpoint(PASSIVE)");
      lock.lock();
    }
  }

  std::unique_ptr<SqliteDb> conn_;
  sqlite3* writer_;
  int signalled_at_ = 0;  // the log's size when the background checkpoint was last asked for
  int forced_at_ = 0;     // and when a commit last checkpointed itself
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started when everything it uses is there
};

class SqlitePool final : public Database {
 public:
  SqlitePool(std::vector<std::unique_ptr<SqliteDb>> conns, std::shared_ptr<GroupCommit> group,
             std::unique_ptr<Checkpointer> checkpointer)
      : conns_(std::move(conns)), group_(std::move(group)), checkpointer_(std::move(checkpointer)) {
    for (auto& c : conns_) free_.push_back(c.get());
  }

  Lease Acquire() override {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    Db* db = free_.back();
    free_.pop_back();
    return Lease(this, db);
  }

 protected:
  void Release(Db* db) override {
    // A connection handed back mid-transaction (a bug or an exception) must not leak its lock.
    db->Rollback();
    {
      std::lock_guard lock(mu_);
      free_.push_back(db);
    }
    cv_.notify_one();
  }

 private:
  std::vector<std::unique_ptr<SqliteDb>> conns_;
  std::shared_ptr<GroupCommit> group_;          // holds the writer connection
  std::unique_ptr<Checkpointer> checkpointer_;  // stopped before the writer closes
  std::vector<Db*> free_;
  std::mutex mu_;
  std::condition_variable cv_;
};

Result<std::unique_ptr<SqliteDb>> OpenOne(const std::filesystem::path& file,
                                          const SqliteOptions& options,
                                          std::shared_ptr<WriterGate> gate) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return Error::Unavailable(fmt::format("cannot open database {}: {}", file.string(), msg));
  }
  auto db = std::make_unique<SqliteDb>(raw, std::move(gate));
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  Status s = db->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  if (!s.ok()) {
    return Error::Unavailable(
        fmt::format("cannot open database {}: {}", file.string(), s.error().message));
  }
  return db;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::filesystem::path& file,
                                             const SqliteOptions& options) {
  std::vector<std::unique_ptr<SqliteDb>> conns;
  auto gate = std::make_shared<WriterGate>();
  auto writer = OpenOne(file, options, gate);
  if (!writer) return writer.error();
  // Only the writer's cache survives other writes (a reader's is emptied whenever the database
  // changed), so it gets the room to keep the indexes that every write touches: 64 MiB instead
  // of SQLite's 2 MiB.
  if (Status s = (*writer)->ExecuteScript("PRAGMA cache_size=-65536;"); !s.ok()) return s.error();
  auto group = std::make_shared<GroupCommit>(std::move(writer).value(), gate);
  auto checkpoint_conn = OpenOne(file, options, gate);
  if (!checkpoint_conn) return checkpoint_conn.error();
  // After the group: on an early return below it is destroyed first, while the writer it
  // detaches from is still open.
  auto checkpointer =
      std::make_unique<Checkpointer>(std::move(checkpoint_conn).value(), group->writer_handle());
  for (int i = 0; i < std::max(1, options.pool_size); ++i) {
    auto c = OpenOne(file, options, gate);
    if (!c) return c.error();
    (*c)->JoinGroupCommit(group);
    conns.push_back(std::move(c).value());
  }
  return std::unique_ptr<Database>(
      std::make_unique<SqlitePool>(std::move(conns), group, std::move(checkpointer)));
}

}  // namespace schakel::store
