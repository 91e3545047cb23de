#include "stats/poisson_tail.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace schakel::stats {

namespace {

double LogTerm(std::int64_t j, double mean) {
  const auto x = static_cast<double>(j);
  return -mean + x * std::log(mean) - std::lgamma(x + 1);
}

// log(exp(a) + exp(b))
double LogAdd(double a, double b) {
  if (a == -std::numeric_limits<double>::infinity()) return b;
  const double hi = std::max(a, b);
  return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

// Sums terms j = from, from+1, ... (step +1 or -1) until they stop mattering.
double LogSumFrom(std::int64_t from, std::int64_t to, int step, double mean) {
  double acc = -std::numeric_limits<double>::infinity();
  for (std::int64_t j = from; step > 0 ? true : j >= to; j += step) {
    const double t = LogTerm(j, mean);
    acc = LogAdd(acc, t);
    // Terms decrease geometrically once past the mode in the direction of travel.
    const bool past_mode = step > 0 ? static_cast<double>(j) > mean : static_cast<double>(j) < mean;
    if (past_mode && t < acc - 40) break;
    if (step > 0 && j - from > 10'000'000) break;
  }
  return acc;
}

}  // namespace

double LogPoissonLowerTail(std::int64_t n, double mean) {
  if (static_cast<double>(n) <= mean) return LogSumFrom(n, 0, -1, mean);
  // Upper part is the small one: 1 - P(X >= n+1).
  return std::log1p(-std::exp(LogSumFrom(n + 1, 0, +1, mean)));
}

double LogPoissonUpperTail(std::int64_t n, double mean) {
  if (n <= 0) return 0.0;
  if (static_cast<double>(n) >= mean) return LogSumFrom(n, 0, +1, mean);
  return std::log1p(-std::exp(LogSumFrom(n - 1, 0, -1, mean)));
}

double LogOverlapPValue(std::int64_t n, double mean) {
  return std::min(LogPoissonLowerTail(n, mean), LogPoissonUpperTail(n, mean));
}

}  // namespace schakel::stats
