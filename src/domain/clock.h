// Clock: where "now" comes from. Use cases take a Clock so tests can fix time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace schakel {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point t) : t_(t) {}
  std::chrono::system_clock::time_point Now() const override { return t_; }
  void Advance(std::chrono::seconds d) { t_ += d; }

 private:
  std::chrono::system_clock::time_point t_;
};

// "2026-11-27T20:45:09Z": UTC, second precision, ISO 8601.
std::string FormatUtc(std::chrono::system_clock::time_point t);
// The reverse of FormatUtc; also accepts a date "2026-11-27" (midnight UTC). nullopt when the
// text is not one of these forms or not a real calendar time.
std::optional<std::chrono::sys_seconds> ParseUtc(std::string_view text);

}  // namespace schakel
