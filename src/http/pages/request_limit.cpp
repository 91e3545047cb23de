#include "http/pages/request_limit.h"

namespace schakel::http::pages {

void RequestLimit::ForgetExpired(Clock::time_point now) {
  for (auto it = seen_.begin(); it != seen_.end();) {
    std::deque<Clock::time_point>& times = it->second;
    while (!times.empty() && now - times.front() >= window_) times.pop_front();
    it = times.empty() ? seen_.erase(it) : std::next(it);
  }
}

bool RequestLimit::Allow(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = seen_.find(key);
  if (it == seen_.end()) {
    if (seen_.size() >= max_keys_) ForgetExpired(now);
    if (seen_.size() >= max_keys_) return false;
    it = seen_.emplace(key, std::deque<Clock::time_point>{}).first;
  }
  std::deque<Clock::time_point>& times = it->second;
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (static_cast<int>(times.size()) >= max_) return false;
  times.push_back(now);
  return true;
}

}  // namespace schakel::http::pages
