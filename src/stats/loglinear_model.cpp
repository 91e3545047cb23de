#include "stats/loglinear_model.h"

#include <bit>
#include <cmath>
#include <limits>

#include "stats/existence.h"

namespace schakel::stats {

const char* ModelStatusName(ModelStatus status) {
  switch (status) {
    case ModelStatus::kOk:
      return "ok";
    case ModelStatus::kNoMle:
      return "no_mle";
    case ModelStatus::kNotIdentifiable:
      return "not_identifiable";
    case ModelStatus::kNotConverged:
      return "not_converged";
  }
  return "unknown";
}

ModelDesign BuildDesign(const CaptureTable& table, PairSet model) {
  const int k = table.list_count();
  ModelDesign d;
  d.model = model;
  d.lists = k;
  std::vector<std::pair<int, int>> pairs;  // estimable interactions
  History removed_mask_any = 0;
  std::vector<History> structural_masks;
  for (int p = 0; p < PairCount(k); ++p) {
    if (!((model >> p) & 1U)) continue;
    const auto [a, b] = PairLists(p, k);
    if (table.Overlap(a, b) == 0) {
      d.structural_zeros |= PairSet{1} << p;
      structural_masks.push_back((History{1} << a) | (History{1} << b));
      removed_mask_any = 1;
    } else {
      pairs.emplace_back(a, b);
    }
  }
  for (History h = 1; h <= table.cell_count(); ++h) {
    bool removed = false;
    if (removed_mask_any) {
      for (History m : structural_masks) removed = removed || (h & m) == m;
    }
    if (!removed) d.cells.push_back(h);
  }
  const auto n = static_cast<Eigen::Index>(d.cells.size());
  const auto cols = static_cast<Eigen::Index>(1 + k + static_cast<int>(pairs.size()));
  d.x.resize(n, cols);
  d.y.resize(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const History h = d.cells[static_cast<std::size_t>(r)];
    d.y[r] = static_cast<double>(table.count(h));
    d.x(r, 0) = 1.0;
    for (int i = 0; i < k; ++i) d.x(r, 1 + i) = (h >> i) & 1U ? 1.0 : 0.0;
    for (std::size_t j = 0; j < pairs.size(); ++j) {
      const auto [a, b] = pairs[j];
      d.x(r, static_cast<Eigen::Index>(1 + k + static_cast<int>(j))) =
          ((h >> a) & (h >> b) & 1U) ? 1.0 : 0.0;
    }
  }
  d.column_names.push_back("(Intercept)");
  for (const auto& name : table.list_names()) d.column_names.push_back(name);
  for (const auto& [a, b] : pairs) {
    d.column_names.push_back(table.list_names()[static_cast<std::size_t>(a)] + ":" +
                             table.list_names()[static_cast<std::size_t>(b)]);
  }
  d.nominal_parameters = 1 + k + std::popcount(model);
  return d;
}

namespace {

// Whether full rank follows from the structure alone: for k >= 3 lists, no structural zeros and
// only two-way terms, the monomials of degree <= 2 stay independent on {0,1}^k minus the origin.
bool FullRankByConstruction(const ModelDesign& d, int lists) {
  return lists >= 3 && d.structural_zeros == 0;
}

void MarkUnusable(ModelFit& fit, ModelStatus status) {
  fit.status = status;
  fit.unobserved = std::numeric_limits<double>::quiet_NaN();
  fit.total = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

Result<ModelFit> FitDesign(const ModelDesign& design, std::int64_t observed,
                           const Eigen::VectorXd* mu_start, const FitOptions& options) {
  ModelFit fit;
  fit.model = design.model;
  fit.structural_zeros = design.structural_zeros;
  fit.cells = design.cells;
  fit.observed_counts = design.y;
  fit.coefficient_names = design.column_names;
  fit.observed = observed;
  fit.parameters = design.nominal_parameters;
  if (!FullRankByConstruction(design, design.lists) && !HasFullColumnRank(design.x)) {
    MarkUnusable(fit, ModelStatus::kNotIdentifiable);
    return fit;
  }
  if (options.check_existence) {
    auto check = CheckMleExists(design.x, design.y);
    if (!check.ok()) return check.error();
    if (!check->mle_exists) {
      MarkUnusable(fit, ModelStatus::kNoMle);
      return fit;
    }
  }
  const Eigen::VectorXd no_offset;
  const GlmFit glm = FitPoissonGlm(design.x, design.y, no_offset, mu_start, options.glm);
  fit.coefficients = glm.beta;
  fit.fitted = glm.mu;
  fit.iterations = glm.iterations;
  fit.deviance = glm.deviance;
  fit.log_likelihood = PoissonLogLikelihood(design.y, glm.mu);
  const double n_cells = static_cast<double>(design.cells.size());
  fit.aic = -2 * fit.log_likelihood + 2.0 * fit.parameters;
  fit.bic = -2 * fit.log_likelihood + std::log(n_cells) * fit.parameters;
  fit.residual_df = static_cast<int>(design.cells.size()) - static_cast<int>(design.x.cols());
  fit.unobserved = std::exp(glm.beta[0]);
  fit.total = static_cast<double>(observed) + fit.unobserved;
  if (!glm.converged) MarkUnusable(fit, ModelStatus::kNotConverged);
  return fit;
}

Status CheckFitExists(const ModelDesign& design, ModelFit& fit) {
  if (fit.status == ModelStatus::kNotIdentifiable) return Status::Ok();
  auto check = CheckMleExists(design.x, design.y);
  if (!check.ok()) return check.error();
  if (!check->mle_exists) MarkUnusable(fit, ModelStatus::kNoMle);
  return Status::Ok();
}

Result<ModelFit> FitModel(const CaptureTable& table, PairSet model, const FitOptions& options) {
  return FitDesign(BuildDesign(table, model), table.observed(), nullptr, options);
}

}  // namespace schakel::stats
