// Does a Poisson log-linear model have a finite maximum-likelihood estimate on these counts, and
// are its parameters identifiable?
//
// Existence (Fienberg and Rinaldo 2012): with zero cells, the likelihood can keep increasing along
// a direction c in parameter space that lowers the linear predictor on some zero cells and leaves
// every positive cell unchanged; the parameters then run off to infinity and no MLE exists. We
// solve
//   maximise sum(s)  subject to  (X c)_i = 0 for y_i > 0,  (X c)_i = -s_i for y_i = 0,  0 <= s <= 1
// with GLPK. The optimum is 0 exactly when no such direction exists (the MLE exists); cells with
// s_i > 0 are those whose fitted value would be driven to zero.
// Identifiability: the design matrix must have full column rank.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "domain/result.h"

namespace schakel::stats {

struct ExistenceCheck {
  bool mle_exists = true;
  double lp_objective = 0;               // 0 when the MLE exists
  std::vector<Eigen::Index> degenerate;  // rows whose fitted value would go to zero
};

// Runs the linear program above. Error (kInternal) only if GLPK itself fails.
Result<ExistenceCheck> CheckMleExists(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

// Numerical rank by column-pivoted QR, relative threshold 1e-9.
bool HasFullColumnRank(const Eigen::MatrixXd& x);

}  // namespace schakel::stats
