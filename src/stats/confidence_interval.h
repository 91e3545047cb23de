// 95% (or other level) confidence intervals for the total population of a fitted log-linear model.
//
// Profile likelihood: the hidden number is exp(intercept). For each fixed intercept b the other
// parameters are re-fitted (IRLS with b as offset); the interval holds every b whose profile
// deviance is within the chi-square(1) quantile (3.84 for 95%) of the minimum. Bounds are found by
// bracketing and bisection, and reported as observed + exp(b).
//
// Parametric bootstrap: draw every cell of the table from Poisson(fitted), re-fit the same model
// terms (structural zeros re-derived from the draw), or optionally re-run the model choice, and
// take percentiles of the replicate totals.
// Replicates whose MLE does not exist are counted and left out. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"
#include "stats/loglinear_model.h"
#include "stats/model_selection.h"

namespace schakel::stats {

struct Interval {
  double low = 0;
  double high = 0;
};

// REQUIRES: fit.ok() and fit was made from `table`. high is +infinity when the profile does not
// cross the cut-off within 50 log-units above the estimate (the data put no upper limit on it).
Result<Interval> ProfileLikelihoodInterval(const CaptureTable& table, const ModelFit& fit,
                                           double level = 0.95);

struct BootstrapOptions {
  int replicates = 1000;
  std::uint64_t seed = 1;
  double level = 0.95;
  // When set, every replicate chooses its own model with this method instead of re-fitting the
  // original terms, so the interval also reflects the uncertainty of model choice. (Costly with
  // exhaustive aic/bic on six lists: about a second per replicate.)
  std::optional<SelectionMethod> reselect;
};

struct BootstrapResult {
  Interval interval;
  std::vector<double> totals;  // per replicate, NaN where the replicate's MLE does not exist
  int failed = 0;
};

// REQUIRES: fit.ok(), options.replicates >= 1. Error if more than half the replicates fail.
Result<BootstrapResult> BootstrapInterval(const CaptureTable& table, const ModelFit& fit,
                                          const BootstrapOptions& options);

// Percentiles (R's default type 7) of the finite values; NaN if there are none.
Interval PercentileInterval(std::vector<double> values, double level);

// The chi-square(1) quantile at `level`, e.g. 3.8415 for 0.95.
double ChiSquare1Quantile(double level);

}  // namespace schakel::stats
