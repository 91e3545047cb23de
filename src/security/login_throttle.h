// Login throttling as a pure policy. Keep one FailureHistory per account and one per client
// address; ask LoginThrottleDecision for both and combine them. After `free_failures` consecutive
// failures every further attempt waits first_delay, doubling per extra failure, capped at
// max_delay (15 minutes): slow enough to stop guessing, never a permanent lockout that an
// attacker could use to lock real users out. A success resets the account history.
//
// While an attempt is refused the caller must not check the password and must not record a
// failure (otherwise waiting would never end). Record failures and successes only for attempts
// that were allowed.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace schakel::security {

struct ThrottlePolicy {
  int free_failures = 5;
  std::chrono::seconds first_delay{30};
  std::chrono::seconds max_delay{std::chrono::minutes(15)};
  // Failures older than this are forgotten (the count starts again).
  std::chrono::seconds forget_after{std::chrono::hours(24)};

  static ThrottlePolicy PerAccount() { return {}; }
  // Offices share addresses behind NAT, so an address gets more room before delays start.
  static ThrottlePolicy PerAddress() {
    return {20, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  }
};

struct FailureHistory {
  int consecutive_failures = 0;
  std::optional<std::chrono::sys_seconds> last_failure;

  bool operator==(const FailureHistory&) const = default;
};

struct ThrottleDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // 0 when allowed
};

// The wait imposed after `failures` consecutive failures (0 while within free_failures).
std::chrono::seconds ThrottleDelay(int failures, const ThrottlePolicy& policy);

// Whether an attempt at `now` may proceed. Allowed again at exactly last_failure + delay.
ThrottleDecision LoginThrottleDecision(const FailureHistory& history, std::chrono::sys_seconds now,
                                       const ThrottlePolicy& policy);

// The stricter of two decisions (account and address).
ThrottleDecision Stricter(const ThrottleDecision& a, const ThrottleDecision& b);

// The key under which an address's failures are counted: an IPv4 address as is, an IPv6 address
// as its /64 prefix ("2001:db8:1:2::/64"), since one IPv6 client usually controls a whole /64.
// IPv4-mapped IPv6 addresses count as IPv4. Anything unparsable is returned unchanged.
std::string ThrottleAddressKey(std::string_view address);

FailureHistory RecordFailure(const FailureHistory& history, std::chrono::sys_seconds now,
                             const ThrottlePolicy& policy);
inline FailureHistory RecordSuccess() {
  return {};
}

}  // namespace schakel::security
