// A log-linear capture-recapture model fitted to a CaptureTable: log E[count of history h] =
// intercept + sum of main effects of the lists in h + the chosen two-way interactions present in h.
// The intercept is the log of the expected number of people on no list, so the estimate of the
// hidden number is exp(intercept) and of the population observed + exp(intercept).
//
// Structural zeros: a pair of lists in the model with no one in common is not given a (minus
// infinite) interaction; instead the cells where both lists are 1 are removed from the table, as in
// Chan, Silverman and Vincent (2021). Such pairs still count as parameters in AIC and BIC.
//
// A fit is never silently wrong: when the MLE does not exist (zero cells, see existence.h) or the
// parameters are not identifiable, status says so and the estimates are NaN.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"
#include "stats/model_terms.h"
#include "stats/poisson_glm.h"

namespace schakel::stats {

// The cells and design matrix of one model on one table.
struct ModelDesign {
  PairSet model = 0;
  int lists = 0;
  PairSet structural_zeros = 0;  // pairs in the model whose lists never overlap
  std::vector<History> cells;    // histories kept (all non-empty ones minus structural zeros)
  Eigen::MatrixXd x;             // column 0 intercept, then k main effects, then interactions
  Eigen::VectorXd y;             // observed counts per kept cell
  std::vector<std::string> column_names;
  int nominal_parameters = 0;  // 1 + k + |model|
};

ModelDesign BuildDesign(const CaptureTable& table, PairSet model);

enum class ModelStatus {
  kOk,
  kNoMle,            // the linear program finds zero cells forcing parameters to infinity
  kNotIdentifiable,  // the design matrix is rank deficient
  kNotConverged,     // IRLS did not converge although the checks passed (should not happen)
};
const char* ModelStatusName(ModelStatus status);

struct ModelFit {
  PairSet model = 0;
  PairSet structural_zeros = 0;
  ModelStatus status = ModelStatus::kOk;
  std::vector<History> cells;
  Eigen::VectorXd observed_counts;
  Eigen::VectorXd fitted;
  Eigen::VectorXd coefficients;
  std::vector<std::string> coefficient_names;
  double deviance = 0;
  double log_likelihood = 0;
  double aic = 0;  // -2 logL + 2 * nominal parameters
  double bic = 0;  // -2 logL + log(number of cells) * nominal parameters
  int parameters = 0;
  int residual_df = 0;
  std::int64_t observed = 0;  // people on at least one list
  double unobserved = 0;      // estimated people on no list; NaN unless status is kOk
  double total = 0;           // observed + unobserved; NaN unless status is kOk
  int iterations = 0;
  bool ok() const { return status == ModelStatus::kOk; }
};

struct FitOptions {
  GlmOptions glm;
  // When false, existence is not checked (status stays kOk unless rank-deficient); for callers
  // that check later, e.g. exhaustive search, which only checks the models it would choose.
  bool check_existence = true;
};

// Error only when GLPK fails; an unfit model is a ModelFit with a status.
Result<ModelFit> FitModel(const CaptureTable& table, PairSet model, const FitOptions& options = {});
// As above, on a prepared design; mu_start (optional) warm-starts IRLS.
Result<ModelFit> FitDesign(const ModelDesign& design, std::int64_t observed,
                           const Eigen::VectorXd* mu_start, const FitOptions& options);
// Runs the existence check on a fit made with check_existence = false and updates its status.
Status CheckFitExists(const ModelDesign& design, ModelFit& fit);

}  // namespace schakel::stats
