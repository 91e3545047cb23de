// RequestLimit: at most `max` requests per key (a client address) in a sliding window, held in
// memory. The external reporting form needs no login, so this keeps one address from flooding
// the care coordinators' inbox. In memory on purpose: a restart forgets, which is acceptable
// for a flood guard, and no address is ever written down. The number of keys is bounded; when
// full (after forgetting expired ones) new keys are refused, so memory cannot be exhausted.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace schakel::http::pages {

class RequestLimit {
 public:
  using Clock = std::chrono::steady_clock;

  RequestLimit(int max, Clock::duration window, std::size_t max_keys = 10000)
      : max_(max), window_(window), max_keys_(max_keys) {}

  // Counts a request of `key` at `now` and says whether it is within the limit. A refused
  // request is not counted, so waiting out the window always helps.
  bool Allow(const std::string& key, Clock::time_point now);

 private:
  void ForgetExpired(Clock::time_point now);

  const int max_;
  const Clock::duration window_;
  const std::size_t max_keys_;
  std::mutex mutex_;
  std::map<std::string, std::deque<Clock::time_point>> seen_;
};

}  // namespace schakel::http::pages
