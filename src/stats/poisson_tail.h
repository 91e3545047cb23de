// Tail probabilities of the Poisson distribution in log space, accurate far into the tails
// (stepwise selection compares p-values that can be as small as 1e-300 and must not tie at 0).
#pragma once

#include <cstdint>

namespace schakel::stats {

// log P(X <= n) for X ~ Poisson(mean). REQUIRES: mean > 0, n >= 0.
double LogPoissonLowerTail(std::int64_t n, double mean);
// log P(X >= n) for X ~ Poisson(mean). REQUIRES: mean > 0, n >= 0.
double LogPoissonUpperTail(std::int64_t n, double mean);
// Two-sided-by-minimum p-value used by stepwise selection: log min(P(X <= n), P(X >= n)).
double LogOverlapPValue(std::int64_t n, double mean);

}  // namespace schakel::stats
