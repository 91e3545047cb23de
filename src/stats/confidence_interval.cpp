#include "stats/confidence_interval.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/random_source.h"

namespace schakel::stats {

double ChiSquare1Quantile(double level) {
  // z with P(|Z| <= z) = level, by bisection on erfc; then z^2.
  double lo = 0;
  double hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    if (std::erfc(mid / std::sqrt(2.0)) > 1 - level) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const double z = (lo + hi) / 2;
  return z * z;
}

namespace {

// Profile deviance with the intercept fixed at b; warm-starts from and updates `mu`.
class InterceptProfile {
 public:
  explicit InterceptProfile(const ModelDesign& d, const Eigen::VectorXd& mu)
      : x_(d.x.rightCols(d.x.cols() - 1)), y_(d.y), mu_(mu) {}

  double Deviance(double b) {
    const Eigen::VectorXd offset = Eigen::VectorXd::Constant(y_.size(), b);
    GlmOptions opt;
    opt.max_iterations = 200;
    const Eigen::VectorXd start = mu_.cwiseMax(1e-6);
    const GlmFit fit = FitPoissonGlm(x_, y_, offset, &start, opt);
    if (!std::isfinite(fit.deviance)) return std::numeric_limits<double>::infinity();
    if (fit.converged) mu_ = fit.mu;
    return fit.deviance;
  }

 private:
  Eigen::MatrixXd x_;
  Eigen::VectorXd y_;
  Eigen::VectorXd mu_;
};

// Finds b on the side `direction` (+1/-1) of b_hat where the profile deviance crosses `cut`.
// Returns +/-infinity when it does not cross within `reach` log-units.
double FindCrossing(const ModelDesign& d, const ModelFit& fit, double cut, int direction,
                    double step, double reach) {
  InterceptProfile profile(d, fit.fitted);
  const double b_hat = fit.coefficients[0];
  double inside = b_hat;
  double outside = b_hat + direction * step;
  while (profile.Deviance(outside) < cut) {
    inside = outside;
    step *= 2;
    outside = b_hat + direction * step;
    if (step > reach) return direction * std::numeric_limits<double>::infinity();
  }
  InterceptProfile bisect(d, fit.fitted);
  for (int i = 0; i < 100 && std::abs(outside - inside) > 1e-10; ++i) {
    const double mid = (inside + outside) / 2;
    if (bisect.Deviance(mid) < cut) {
      inside = mid;
    } else {
      outside = mid;
    }
  }
  return (inside + outside) / 2;
}

double InterceptStandardError(const ModelDesign& d, const ModelFit& fit) {
  const Eigen::MatrixXd xw = fit.fitted.cwiseSqrt().asDiagonal() * d.x;
  const Eigen::MatrixXd info = xw.transpose() * xw;
  const Eigen::MatrixXd cov =
      info.ldlt().solve(Eigen::MatrixXd::Identity(info.rows(), info.cols()));
  return std::sqrt(std::max(cov(0, 0), 1e-8));
}

}  // namespace

Result<Interval> ProfileLikelihoodInterval(const CaptureTable& table, const ModelFit& fit,
                                           double level) {
  if (!fit.ok()) return Error::Invalid("model", "no interval: the model has no usable estimate");
  const ModelDesign d = BuildDesign(table, fit.model);
  const double cut = fit.deviance + ChiSquare1Quantile(level);
  const double step = std::min(std::max(InterceptStandardError(d, fit), 0.01), 5.0);
  const double upper = FindCrossing(d, fit, cut, +1, step, 50);
  const double lower = FindCrossing(d, fit, cut, -1, step, 50);
  const auto observed = static_cast<double>(fit.observed);
  return Interval{
      observed + (std::isfinite(lower) ? std::exp(lower) : 0.0),
      std::isfinite(upper) ? observed + std::exp(upper) : std::numeric_limits<double>::infinity()};
}

Interval PercentileInterval(std::vector<double> values, double level) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (values.empty()) return {nan, nan};
  std::sort(values.begin(), values.end());
  auto quantile = [&](double q) {
    const double h = (static_cast<double>(values.size()) - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - std::floor(h)) * (values[hi] - values[lo]);
  };
  const double alpha = (1 - level) / 2;
  return {quantile(alpha), quantile(1 - alpha)};
}

Result<BootstrapResult> BootstrapInterval(const CaptureTable& table, const ModelFit& fit,
                                          const BootstrapOptions& options) {
  if (!fit.ok()) return Error::Invalid("model", "no interval: the model has no usable estimate");
  if (options.replicates < 1) return Error::Invalid("bootstrap", "need at least one replicate");
  RandomSource random(options.seed);
  BootstrapResult out;
  out.totals.reserve(static_cast<std::size_t>(options.replicates));
  std::vector<std::int64_t> counts(std::size_t{1} << table.list_count(), 0);
  for (int r = 0; r < options.replicates; ++r) {
    std::fill(counts.begin(), counts.end(), 0);
    for (std::size_t i = 0; i < fit.cells.size(); ++i) {
      counts[fit.cells[i]] = random.Poisson(fit.fitted[static_cast<Eigen::Index>(i)]);
    }
    auto replicate_table = CaptureTable::Create(table.list_names(), counts);
    if (!replicate_table.ok()) return replicate_table.error();
    if (options.reselect) {
      auto sel = SelectModel(*replicate_table, *options.reselect);
      const bool usable = sel.ok() && sel->chosen.ok();
      if (!sel.ok() && sel.error().code != ErrorCode::kInvalid) return sel.error();
      out.failed += usable ? 0 : 1;
      out.totals.push_back(usable ? sel->chosen.total : std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    auto refit = FitModel(*replicate_table, fit.model);
    if (!refit.ok()) return refit.error();
    if (!refit->ok()) {
      ++out.failed;
      out.totals.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    out.totals.push_back(refit->total);
  }
  if (2 * out.failed > options.replicates) {
    return Error::Invalid("bootstrap",
                          fmt::format("{} of {} bootstrap replicates have no estimate; the "
                                      "interval would not be meaningful",
                                      out.failed, options.replicates));
  }
  out.interval = PercentileInterval(out.totals, options.level);
  return out;
}

}  // namespace schakel::stats
