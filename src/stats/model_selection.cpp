#include "stats/model_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>

#include "stats/poisson_tail.h"

namespace schakel::stats {

const char* SelectionMethodName(SelectionMethod method) {
  switch (method) {
    case SelectionMethod::kMain:
      return "main";
    case SelectionMethod::kStepwise:
      return "stepwise";
    case SelectionMethod::kAic:
      return "aic";
    case SelectionMethod::kBic:
      return "bic";
  }
  return "unknown";
}

Result<SelectionMethod> ParseSelectionMethod(std::string_view name) {
  if (name == "main") return SelectionMethod::kMain;
  if (name == "stepwise") return SelectionMethod::kStepwise;
  if (name == "aic") return SelectionMethod::kAic;
  if (name == "bic") return SelectionMethod::kBic;
  return Error::Invalid("method",
                        fmt::format("unknown method '{}'; use main, stepwise, aic or bic", name));
}

namespace {

ConsideredModel Summarise(const ModelFit& fit) {
  ConsideredModel c;
  c.model = fit.model;
  c.status = fit.status;
  c.aic = fit.aic;
  c.bic = fit.bic;
  c.total = fit.total;
  return c;
}

Error NoUsableModel(const ModelFit& fit) {
  return Error::Invalid("model",
                        fmt::format("the main-effects model has no usable estimate on this "
                                    "table ({})",
                                    ModelStatusName(fit.status)));
}

// Fitted number of people on both lists a and b under `fit`.
double FittedOverlap(const ModelFit& fit, int a, int b) {
  const History both = (History{1} << a) | (History{1} << b);
  double total = 0;
  for (std::size_t i = 0; i < fit.cells.size(); ++i) {
    if ((fit.cells[i] & both) == both) total += fit.fitted[static_cast<Eigen::Index>(i)];
  }
  return total;
}

Result<Selection> Stepwise(const CaptureTable& table, const SelectionOptions& options) {
  const int k = table.list_count();
  Selection sel;
  sel.method = SelectionMethod::kStepwise;
  auto current = FitModel(table, 0, options.fit);
  if (!current.ok()) return current.error();
  ++sel.models_fitted;
  if (!current->ok()) return NoUsableModel(*current);
  sel.considered.push_back(Summarise(*current));
  const double log_threshold = std::log(options.p_threshold);
  while (true) {
    int best_pair = -1;
    double best_log_p = std::numeric_limits<double>::infinity();
    for (int p = 0; p < PairCount(k); ++p) {
      if ((current->model >> p) & 1U) continue;
      const auto [a, b] = PairLists(p, k);
      const double fitted = FittedOverlap(*current, a, b);
      const double log_p =
          fitted > 0 ? LogOverlapPValue(table.Overlap(a, b), fitted)
                     : (table.Overlap(a, b) == 0 ? 0.0 : -std::numeric_limits<double>::infinity());
      if (log_p < best_log_p) {
        best_log_p = log_p;
        best_pair = p;
      }
    }
    if (best_pair < 0 || !(best_log_p < log_threshold)) break;
    auto next = FitModel(table, current->model | (PairSet{1} << best_pair), options.fit);
    if (!next.ok()) return next.error();
    ++sel.models_fitted;
    ConsideredModel c = Summarise(*next);
    c.p_value = std::exp(best_log_p);
    sel.considered.push_back(c);
    if (!next->ok()) break;
    current = std::move(next);
  }
  for (auto& c : sel.considered)
    c.chosen = c.model == current->model && c.status == ModelStatus::kOk;
  sel.chosen = std::move(*current);
  return sel;
}

double Criterion(const ModelFit& fit, SelectionMethod method) {
  return method == SelectionMethod::kAic ? fit.aic : fit.bic;
}

// Re-fits with a generous iteration limit when the MLE exists but the fast pass did not converge.
Result<ModelFit> EnsureConverged(const CaptureTable& table, ModelFit fit,
                                 const SelectionOptions& options) {
  if (fit.status != ModelStatus::kNotConverged) return fit;
  FitOptions slow = options.fit;
  slow.glm.max_iterations = 1000;
  return FitModel(table, fit.model, slow);
}

Result<Selection> Exhaustive(const CaptureTable& table, SelectionMethod method,
                             const SelectionOptions& options) {
  const int k = table.list_count();
  const std::size_t models = std::size_t{1} << PairCount(k);
  const std::size_t cells = std::size_t{1} << k;
  FitOptions fast = options.fit;
  fast.check_existence = false;
  fast.glm.max_iterations = 40;
  // First pass: fit every model without the (costly) existence check, keeping only its score.
  std::vector<double> score(models, std::numeric_limits<double>::infinity());
  std::vector<bool> usable_start(models, false);
  // Fitted means of each model by history, to warm-start the models that extend it by one pair.
  std::vector<double> mu_by_history(models * cells, 0.0);
  for (std::size_t m = 0; m < models; ++m) {
    const ModelDesign d = BuildDesign(table, static_cast<PairSet>(m));
    Eigen::VectorXd start;
    const Eigen::VectorXd* start_ptr = nullptr;
    if (m > 0) {
      const std::size_t parent = m & ~(std::size_t{1} << (std::bit_width(m) - 1));
      if (usable_start[parent]) {
        start.resize(static_cast<Eigen::Index>(d.cells.size()));
        for (std::size_t i = 0; i < d.cells.size(); ++i) {
          start[static_cast<Eigen::Index>(i)] =
              std::max(mu_by_history[parent * cells + d.cells[i]], 1e-3);
        }
        start_ptr = &start;
      }
    }
    auto fit = FitDesign(d, table.observed(), start_ptr, fast);
    if (!fit.ok()) return fit.error();
    if (fit->status == ModelStatus::kNotIdentifiable) continue;
    score[m] = Criterion(*fit, method);
    if (fit->ok()) {
      usable_start[m] = true;
      for (std::size_t i = 0; i < d.cells.size(); ++i) {
        mu_by_history[m * cells + d.cells[i]] = fit->fitted[static_cast<Eigen::Index>(i)];
      }
    }
  }
  std::vector<std::size_t> order;
  for (std::size_t m = 0; m < models; ++m) {
    if (std::isfinite(score[m])) order.push_back(m);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] < score[b]; });
  // Second pass: check the best-scoring models properly until one is usable.
  Selection sel;
  sel.method = method;
  sel.exhaustive = true;
  sel.models_fitted = models;
  bool found = false;
  for (std::size_t m : order) {
    if (found && sel.considered.size() >= 10) break;
    auto fit = FitModel(table, static_cast<PairSet>(m), options.fit);
    if (!fit.ok()) return fit.error();
    auto settled = EnsureConverged(table, std::move(*fit), options);
    if (!settled.ok()) return settled.error();
    ConsideredModel c = Summarise(*settled);
    if (!found && settled->ok()) {
      found = true;
      c.chosen = true;
      sel.chosen = std::move(*settled);
    }
    sel.considered.push_back(c);
  }
  if (!found) {
    auto main = FitModel(table, 0, options.fit);
    if (!main.ok()) return main.error();
    return NoUsableModel(*main);
  }
  return sel;
}

Result<Selection> ForwardByCriterion(const CaptureTable& table, SelectionMethod method,
                                     const SelectionOptions& options) {
  const int k = table.list_count();
  Selection sel;
  sel.method = method;
  auto current = FitModel(table, 0, options.fit);
  if (!current.ok()) return current.error();
  ++sel.models_fitted;
  if (!current->ok()) return NoUsableModel(*current);
  sel.considered.push_back(Summarise(*current));
  while (true) {
    std::optional<ModelFit> best;
    for (int p = 0; p < PairCount(k); ++p) {
      if ((current->model >> p) & 1U) continue;
      auto next = FitModel(table, current->model | (PairSet{1} << p), options.fit);
      if (!next.ok()) return next.error();
      ++sel.models_fitted;
      if (!next->ok()) continue;
      if (!best || Criterion(*next, method) < Criterion(*best, method)) best = std::move(*next);
    }
    if (!best || !(Criterion(*best, method) < Criterion(*current, method))) break;
    sel.considered.push_back(Summarise(*best));
    current = std::move(*best);
  }
  for (auto& c : sel.considered) c.chosen = c.model == current->model;
  sel.chosen = std::move(*current);
  return sel;
}

}  // namespace

Result<Selection> SelectModel(const CaptureTable& table, SelectionMethod method,
                              const SelectionOptions& options) {
  switch (method) {
    case SelectionMethod::kMain: {
      auto fit = FitModel(table, 0, options.fit);
      if (!fit.ok()) return fit.error();
      if (!fit->ok()) return NoUsableModel(*fit);
      Selection sel;
      sel.method = method;
      sel.models_fitted = 1;
      sel.considered.push_back(Summarise(*fit));
      sel.considered.back().chosen = true;
      sel.chosen = std::move(*fit);
      return sel;
    }
    case SelectionMethod::kStepwise:
      return Stepwise(table, options);
    case SelectionMethod::kAic:
    case SelectionMethod::kBic:
      if (table.list_count() <= options.max_exhaustive_lists)
        return Exhaustive(table, method, options);
      return ForwardByCriterion(table, method, options);
  }
  return Error::Internal("unknown selection method");
}

}  // namespace schakel::stats
