#include "stats/estimation.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "stats/random_source.h"

namespace schakel::stats {

namespace {

Result<Selection> FixedModel(const CaptureTable& table, const std::string& terms,
                             const SelectionOptions& options) {
  auto model = ParseModel(terms, table);
  if (!model.ok()) return model.error();
  auto fit = FitModel(table, *model, options.fit);
  if (!fit.ok()) return fit.error();
  const std::string name = *model == 0 ? std::string("main effects") : FormatModel(*model, table);
  switch (fit->status) {
    case ModelStatus::kOk:
      break;
    case ModelStatus::kNoMle:
      return Error::Invalid(
          "model", fmt::format("model {} has no maximum-likelihood estimate on this table: "
                               "zero cells drive its parameters to infinity",
                               name));
    case ModelStatus::kNotIdentifiable:
      return Error::Invalid(
          "model", fmt::format("model {} is not identifiable on this table (more parameters "
                               "than the cells can determine)",
                               name));
    case ModelStatus::kNotConverged:
      return Error::Invalid("model", fmt::format("model {} did not converge", name));
  }
  Selection sel;
  sel.method = SelectionMethod::kMain;
  sel.models_fitted = 1;
  ConsideredModel c;
  c.model = fit->model;
  c.aic = fit->aic;
  c.bic = fit->bic;
  c.total = fit->total;
  c.chosen = true;
  sel.considered.push_back(c);
  sel.chosen = std::move(*fit);
  return sel;
}

}  // namespace

Result<PopulationEstimate> EstimatePopulation(const CaptureTable& table,
                                              const EstimationOptions& options) {
  PopulationEstimate est;
  auto selection = options.model_terms ? FixedModel(table, *options.model_terms, options.selection)
                                       : SelectModel(table, options.method, options.selection);
  if (!selection.ok()) return selection.error();
  est.selection = std::move(*selection);
  est.method = options.model_terms ? "fixed" : SelectionMethodName(options.method);
  auto profile = ProfileLikelihoodInterval(table, est.fit(), options.level);
  if (!profile.ok()) return profile.error();
  est.profile = *profile;
  if (options.bootstrap_replicates > 0) {
    BootstrapOptions boot{options.bootstrap_replicates, options.seed, options.level, std::nullopt};
    if (options.bootstrap_reselect && !options.model_terms) boot.reselect = options.method;
    auto b = BootstrapInterval(table, est.fit(), boot);
    if (!b.ok()) return b.error();
    est.bootstrap = std::move(*b);
  }
  return est;
}

Result<StratifiedEstimate> EstimateStrata(const std::vector<Stratum>& strata,
                                          const EstimationOptions& options) {
  StratifiedEstimate out;
  std::vector<double> summed(static_cast<std::size_t>(std::max(options.bootstrap_replicates, 0)),
                             0.0);
  for (std::size_t i = 0; i < strata.size(); ++i) {
    EstimationOptions own = options;
    own.seed = DeriveSeed(options.seed, i);
    auto est = EstimatePopulation(strata[i].table, own);
    if (!est.ok()) {
      Error e = est.error();
      e.message = fmt::format("stratum '{}': {}", strata[i].name, e.message);
      return e;
    }
    out.observed += est->fit().observed;
    out.total += est->fit().total;
    if (est->bootstrap) {
      for (std::size_t r = 0; r < summed.size(); ++r)
        summed[r] += est->bootstrap->totals[r];  // NaN spreads
    }
    out.strata.emplace_back(strata[i].name, std::move(*est));
  }
  if (options.bootstrap_replicates > 0) out.bootstrap = PercentileInterval(summed, options.level);
  return out;
}

}  // namespace schakel::stats
