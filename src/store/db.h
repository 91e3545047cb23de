// Db: the storage port. A connection to a relational database with prepared statements, typed
// parameters and transactions. SQLite implements it now; PostgreSQL will implement the same
// interface and pass the same conformance tests (tests/unit/store/db_conformance.h).
//
// SQL uses '?' placeholders and the common subset of SQLite and PostgreSQL (RETURNING included).
// A Db is one connection and is NOT thread-safe; a Database hands out connections to threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/result.h"

namespace schakel::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
inline Value Null() {
  return std::monostate{};
}
inline Value Text(std::string s) {
  return Value(std::move(s));
}
inline Value Int(int64_t i) {
  return Value(i);
}
inline Value OptText(const std::optional<std::string>& s) {
  return s ? Value(*s) : Null();
}

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // REQUIRES: column i holds an integer.
  int64_t Int(size_t i) const { return std::get<int64_t>(values_.at(i)); }
  double Real(size_t i) const;
  // Text of column i; empty when NULL. REQUIRES: column i holds text or NULL.
  std::string Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;

 private:
  std::vector<Value> values_;
};
using Rows = std::vector<Row>;

class Db {
 public:
  virtual ~Db() = default;
  // Runs one statement and returns its rows (none for statements without result).
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs one statement and returns the number of rows it changed.
  virtual Result<int64_t> Execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;
  // Starts a write transaction: it holds the write lock from the start, so two writers never
  // deadlock on upgrade. REQUIRES: no transaction open.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  virtual bool InTransaction() const = 0;
  virtual std::string_view Dialect() const = 0;  // "sqlite" or "postgresql"

  // Runs body in a write transaction: its changes are committed when it returns ok and rolled
  // back when it fails or throws (the exception reaches the caller). An adapter may run the
  // bodies of several threads one after another in one transaction, each in its own savepoint,
  // and commit them together (group commit, see sqlite_db.cpp): body then gets another
  // connection than this one and must write through the Db it is given. This default begins and
  // commits on this connection.
  virtual Status Transact(const std::function<Status(Db&)>& body) {
    if (Status s = Begin(); !s.ok()) return s;
    try {
      if (Status s = body(*this); !s.ok()) {
        Rollback();
        return s;
      }
      if (Status s = Commit(); !s.ok()) {
        Rollback();
        return s;
      }
      return {};
    } catch (...) {
      Rollback();
      throw;
    }
  }
};

// Runs fn inside a write transaction: commits when fn returns ok, rolls back otherwise (and when
// fn throws), so a failed use case never leaves a half-written change. fn must write through the
// Db it is given, which need not be `db` itself (see Db::Transact).
template <typename T>
Result<T> InTransaction(Db& db, const std::function<Result<T>(Db&)>& fn) {
  std::optional<Result<T>> out;
  Status s = db.Transact([&](Db& tx) -> Status {
    out.emplace(fn(tx));
    if (!out->ok()) return out->error();
    return {};
  });
  if (out && !out->ok()) return std::move(*out);  // fn's own error, as it gave it
  if (!s.ok()) return s.error();                  // begin or commit failed
  return std::move(*out);
}

// A pool of connections to one database. Thread-safe.
class Database {
 public:
  class Lease;
  virtual ~Database() = default;
  // Blocks until a connection is free.
  virtual Lease Acquire() = 0;

 protected:
  virtual void Release(Db* db) = 0;
};

class Database::Lease {
 public:
  Lease(Database* owner, Db* db) : owner_(owner), db_(db) {}
  Lease(Lease&& o) noexcept : owner_(o.owner_), db_(o.db_) { o.db_ = nullptr; }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (db_ != nullptr) owner_->Release(db_);
  }
  Db& operator*() const { return *db_; }
  Db* operator->() const { return db_; }

 private:
  Database* owner_;
  Db* db_;
};

}  // namespace schakel::store
