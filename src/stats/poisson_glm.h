// Poisson regression with log link, fitted by iteratively reweighted least squares (IRLS), the same
// algorithm as R's glm(family = poisson). This is the numeric core of the log-linear models; it
// knows nothing about capture histories. Pure and thread-compatible.
#pragma once

#include <Eigen/Dense>

namespace schakel::stats {

struct GlmOptions {
  int max_iterations = 100;
  // Stop when |dev - dev_prev| / (|dev| + 0.1) < tolerance (R's rule; R's default is 1e-8).
  double tolerance = 1e-12;
};

struct GlmFit {
  Eigen::VectorXd beta;
  Eigen::VectorXd mu;  // fitted means
  double deviance = 0;
  int iterations = 0;
  bool converged = false;  // false also when the weighted normal equations became singular
};

// REQUIRES: x.rows() == y.size(); offset is empty or of size y.size(); mu_start is null or
// positive of size y.size(). y >= 0.
GlmFit FitPoissonGlm(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     const Eigen::VectorXd& offset, const Eigen::VectorXd* mu_start,
                     const GlmOptions& options = {});

// 2 * sum(y log(y/mu) - (y - mu)), with 0 log 0 = 0.
double PoissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu);
// sum(y log mu - mu - log y!).
double PoissonLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu);

}  // namespace schakel::stats
