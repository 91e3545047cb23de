#include "stats/poisson_glm.h"

#include <cmath>

namespace schakel::stats {

double PoissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double d = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    d += (y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]);
  }
  return 2 * d;
}

double PoissonLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double ll = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    ll += (y[i] > 0 ? y[i] * std::log(mu[i]) : 0.0) - mu[i] - std::lgamma(y[i] + 1);
  }
  return ll;
}

GlmFit FitPoissonGlm(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     const Eigen::VectorXd& offset, const Eigen::VectorXd* mu_start,
                     const GlmOptions& options) {
  const Eigen::Index n = y.size();
  const Eigen::Index p = x.cols();
  const bool has_offset = offset.size() == n;
  GlmFit fit;
  fit.mu = mu_start ? *mu_start : Eigen::VectorXd((y.array() + 0.1).matrix());
  Eigen::VectorXd eta = fit.mu.array().log().matrix();
  fit.beta = Eigen::VectorXd::Zero(p);
  fit.deviance = PoissonDeviance(y, fit.mu);
  Eigen::MatrixXd xw(n, p);
  Eigen::VectorXd z(n);
  Eigen::VectorXd sqrt_w(n);
  Eigen::MatrixXd xtwx(p, p);
  for (int it = 1; it <= options.max_iterations; ++it) {
    fit.iterations = it;
    // Working response and weights of the Newton step for the log link: w = mu.
    for (Eigen::Index i = 0; i < n; ++i) {
      sqrt_w[i] = std::sqrt(fit.mu[i]);
      z[i] = (eta[i] - (has_offset ? offset[i] : 0.0) + (y[i] - fit.mu[i]) / fit.mu[i]) * sqrt_w[i];
    }
    xw.noalias() = sqrt_w.asDiagonal() * x;
    xtwx.setZero();
    xtwx.selfadjointView<Eigen::Lower>().rankUpdate(xw.transpose());
    Eigen::LLT<Eigen::MatrixXd> llt(xtwx.selfadjointView<Eigen::Lower>());
    if (llt.info() != Eigen::Success) return fit;
    Eigen::VectorXd beta = llt.solve(xw.transpose() * z);
    if (!beta.allFinite()) return fit;
    eta.noalias() = x * beta;
    if (has_offset) eta += offset;
    fit.mu = eta.array().exp().matrix();
    fit.beta = beta;
    const double previous = fit.deviance;
    fit.deviance = PoissonDeviance(y, fit.mu);
    if (!std::isfinite(fit.deviance)) return fit;
    if (std::abs(fit.deviance - previous) / (std::abs(fit.deviance) + 0.1) < options.tolerance) {
      fit.converged = true;
      return fit;
    }
  }
  return fit;
}

}  // namespace schakel::stats
