#include "store/sqlite_db.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
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
    if (owner_ == std::this_thread::get_id()) {
      return Error::Internal("a second write transaction was started while this thread holds one");
    }
    const uint64_t ticket = next_ticket_++;
    cv_.wait(lock, [&] { return serving_ == ticket; });
    owner_ = std::this_thread::get_id();
    return {};
  }
  void Leave() {
    {
      std::lock_guard lock(mu_);
      owner_ = std::thread::id{};
      ++serving_;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ticket_ = 0;
  uint64_t serving_ = 0;
  std::thread::id owner_;
};

class SqliteDb final : public Db {
 public:
  SqliteDb(sqlite3* db, std::shared_ptr<WriterGate> gate) : db_(db), gate_(std::move(gate)) {}
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
  bool holds_gate_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqlitePool final : public Database {
 public:
  explicit SqlitePool(std::vector<std::unique_ptr<SqliteDb>> conns) : conns_(std::move(conns)) {
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
  for (int i = 0; i < std::max(1, options.pool_size); ++i) {
    auto c = OpenOne(file, options, gate);
    if (!c) return c.error();
    conns.push_back(std::move(c).value());
  }
  return std::unique_ptr<Database>(std::make_unique<SqlitePool>(std::move(conns)));
}

}  // namespace schakel::store
