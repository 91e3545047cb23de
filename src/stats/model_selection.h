// Choosing a log-linear model for a capture-recapture table.
//
//  main      the independence model (main effects only).
//  stepwise  Chan, Silverman and Vincent (2021): from main effects, for every pair not yet in the
//            model compare the observed number of people on both lists with its fitted value,
//            p = min(P(X <= n), P(X >= n)) for X ~ Poisson(fitted); add the pair with the smallest
//            p while p < threshold (0.02) and the enlarged model passes the existence and
//            identifiability checks. The search stops at the first pair that fails either test.
//  aic, bic  smallest criterion among models whose MLE exists and is identifiable: exhaustive over
//            all subsets of pairs for up to 6 lists (32,768 models), forward stepwise beyond.
//
// Models that fail the checks are never chosen; they appear in `considered` with their status.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"
#include "stats/loglinear_model.h"

namespace schakel::stats {

enum class SelectionMethod { kMain, kStepwise, kAic, kBic };
const char* SelectionMethodName(SelectionMethod method);
Result<SelectionMethod> ParseSelectionMethod(std::string_view name);

struct ConsideredModel {
  PairSet model = 0;
  ModelStatus status = ModelStatus::kOk;
  double aic = 0;
  double bic = 0;
  double total = 0;     // NaN unless status is kOk
  double p_value = -1;  // stepwise: p-value of the pair added to reach this model; -1 otherwise
  bool chosen = false;
};

struct SelectionOptions {
  double p_threshold = 0.02;
  int max_exhaustive_lists = 6;
  FitOptions fit;
};

struct Selection {
  SelectionMethod method = SelectionMethod::kMain;
  bool exhaustive = false;
  ModelFit chosen;
  // Stepwise: every model in the order visited. AIC/BIC: best first, at least the ten best
  // (all checked), including any better-scoring models that were excluded.
  std::vector<ConsideredModel> considered;
  std::size_t models_fitted = 0;
};

// Error when even the main-effects model has no usable estimate, or when GLPK fails.
Result<Selection> SelectModel(const CaptureTable& table, SelectionMethod method,
                              const SelectionOptions& options = {});

}  // namespace schakel::stats
