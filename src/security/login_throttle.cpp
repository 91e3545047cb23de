// Exponential backoff with a cap; all arithmetic in seconds, with the shift bounded so it cannot
// overflow however many failures are recorded.
#include "security/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace schakel::security {
namespace {

bool Forgotten(const FailureHistory& history, std::chrono::sys_seconds now,
               const ThrottlePolicy& policy) {
  return !history.last_failure || now >= *history.last_failure + policy.forget_after;
}

}  // namespace

std::chrono::seconds ThrottleDelay(int failures, const ThrottlePolicy& policy) {
  if (failures < policy.free_failures) return std::chrono::seconds(0);
  int doublings = std::min(failures - policy.free_failures, 30);
  std::chrono::seconds delay = policy.first_delay;
  for (int i = 0; i < doublings && delay < policy.max_delay; ++i) delay *= 2;
  return std::min(delay, policy.max_delay);
}

ThrottleDecision LoginThrottleDecision(const FailureHistory& history, std::chrono::sys_seconds now,
                                       const ThrottlePolicy& policy) {
  if (Forgotten(history, now, policy)) return {};
  std::chrono::sys_seconds allowed_from =
      *history.last_failure + ThrottleDelay(history.consecutive_failures, policy);
  if (now >= allowed_from) return {};
  return {false, allowed_from - now};
}

ThrottleDecision Stricter(const ThrottleDecision& a, const ThrottleDecision& b) {
  return {a.allowed && b.allowed, std::max(a.retry_after, b.retry_after)};
}

FailureHistory RecordFailure(const FailureHistory& history, std::chrono::sys_seconds now,
                             const ThrottlePolicy& policy) {
  int previous = Forgotten(history, now, policy) ? 0 : history.consecutive_failures;
  return {previous + 1, now};
}

std::string ThrottleAddressKey(std::string_view address) {
  const std::string text(address);
  std::array<unsigned char, 16> v6{};
  if (::inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return text;
  static constexpr std::array<unsigned char, 12> kMappedPrefix = {0, 0, 0, 0, 0,    0,
                                                                  0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), v6.begin())) {
    char v4[INET_ADDRSTRLEN];
    ::inet_ntop(AF_INET, v6.data() + 12, v4, sizeof v4);
    return v4;
  }
  std::fill(v6.begin() + 8, v6.end(), 0);
  char out[INET6_ADDRSTRLEN];
  ::inet_ntop(AF_INET6, v6.data(), out, sizeof out);
  return std::string(out) + "/64";
}

}  // namespace schakel::security
