// Simulated populations of known size for checking the estimator: every person is on each list
// independently with that list's capture probability. Used by the coverage test and benchmark
// (do the 95% intervals contain the true size about 95% of the time?).
#pragma once

#include <cstdint>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"
#include "stats/random_source.h"

namespace schakel::stats {

// REQUIRES: 2..8 probabilities in (0, 1), population >= 0. Lists are named A, B, C, ...
Result<CaptureTable> SimulateIndependentLists(std::int64_t population,
                                              const std::vector<double>& capture_probabilities,
                                              RandomSource& random);

struct SimulationSpec {
  std::int64_t population = 1000;
  std::vector<double> capture_probabilities;
  int runs = 200;
  int bootstrap_replicates = 0;  // 0 = profile likelihood only
  double level = 0.95;
};

struct CoverageResult {
  int runs = 0;     // runs with a usable main-effects estimate
  int skipped = 0;  // runs without one (e.g. lists that never overlap)
  double profile_coverage = 0;
  double bootstrap_coverage = 0;
  double mean_estimate = 0;
};

// Fits the main-effects model (the true model here) to each simulated table.
Result<CoverageResult> SimulateCoverage(const SimulationSpec& spec, std::uint64_t seed);

}  // namespace schakel::stats
