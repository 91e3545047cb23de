// Result<T>: the value of an operation that can fail in an expected way (validation, not found,
// forbidden, conflict), or the Error saying why. Exceptions are reserved for bugs and broken
// invariants; every expected failure travels as a Result that the caller must look at.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace schakel {

// Machine-readable error codes. The HTTP layer maps them to status codes; the CLI to exit codes.
enum class ErrorCode {
  kInvalid,      // input fails validation (400 / 422)
  kNotFound,     // the object does not exist, or the caller may not know that it does (404)
  kForbidden,    // the caller may not do this (403)
  kConflict,     // the object's state does not allow this (409)
  kUnavailable,  // a dependency (database, file) failed; retrying may help (503)
  kInternal,     // a bug; the message is for the log, not for the user (500)
};

// The wire name of a code ("invalid", "not_found", …) as used in {"error":{"code":…}}.
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // human-readable, says what is wrong and, where possible, how to fix it
  std::string field;  // the offending input field ("answers[3].status"), empty when not applicable

  static Error Invalid(std::string field, std::string message) {
    return {ErrorCode::kInvalid, std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Conflict(std::string message) {
    return {ErrorCode::kConflict, std::move(message), {}};
  }
  static Error Forbidden(std::string message) {
    return {ErrorCode::kForbidden, std::move(message), {}};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value: holds an Error or nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design
  static Status Ok() { return {}; }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok()
  const Error& error() const {
    assert(failed_);
    return error_;
  }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace schakel
