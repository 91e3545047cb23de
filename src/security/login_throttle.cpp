// Exponential backoff with a cap; all arithmetic in seconds, with the shift bounded so it cannot
// overflow however many failures are recorded.
#include "security/login_throttle.h"

#include <algorithm>

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

}  // namespace schakel::security
