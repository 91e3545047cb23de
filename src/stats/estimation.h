// One call from a capture-recapture table to an estimate of the total population with its
// intervals: pick or take a model, fit it, and compute the profile-likelihood interval and, when
// asked, the parametric-bootstrap interval. Also the stratified version: one estimate per table
// (e.g. per form of exploitation, age group or region) plus their sum.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"
#include "stats/confidence_interval.h"
#include "stats/model_selection.h"

namespace schakel::stats {

struct EstimationOptions {
  // When set ("A:B,B:C", or "" for main effects), fit exactly this model and skip selection.
  std::optional<std::string> model_terms;
  SelectionMethod method = SelectionMethod::kStepwise;
  int bootstrap_replicates = 0;  // 0 = no bootstrap
  // Re-run the model choice in every bootstrap replicate (ignored for a fixed --model).
  bool bootstrap_reselect = false;
  std::uint64_t seed = 1;
  double level = 0.95;
  SelectionOptions selection;
};

struct PopulationEstimate {
  std::string method;   // "stepwise", "aic", "bic", "main" or "fixed"
  Selection selection;  // for a fixed model: the one model, considered and chosen
  Interval profile;
  std::optional<BootstrapResult> bootstrap;
  const ModelFit& fit() const { return selection.chosen; }
};

// Error (kInvalid) when the requested model does not fit (unknown list, no MLE, not identifiable)
// or no interval can be computed; the message says why.
Result<PopulationEstimate> EstimatePopulation(const CaptureTable& table,
                                              const EstimationOptions& options);

struct Stratum {
  std::string name;
  CaptureTable table;
};

struct StratifiedEstimate {
  std::vector<std::pair<std::string, PopulationEstimate>> strata;
  std::int64_t observed = 0;
  double total = 0;  // sum of the strata's estimates
  // Percentiles of the summed bootstrap replicates; only when bootstrap_replicates > 0.
  std::optional<Interval> bootstrap;
};

// Each stratum is estimated separately (its own model choice); stratum i bootstraps with
// DeriveSeed(seed, i). Error names the stratum that failed.
Result<StratifiedEstimate> EstimateStrata(const std::vector<Stratum>& strata,
                                          const EstimationOptions& options);

}  // namespace schakel::stats
