#include "stats/estimate_report.h"

#include <fmt/format.h>

#include <cmath>

namespace schakel::stats {

namespace {

std::string ModelName(PairSet model, const CaptureTable& table) {
  return model == 0 ? std::string("main effects") : "main effects + " + FormatModel(model, table);
}

nlohmann::json NumberOrNull(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json EstimateToJson(const CaptureTable& table, const PopulationEstimate& est,
                              const EstimationOptions& options) {
  const ModelFit& fit = est.fit();
  nlohmann::json j;
  j["lists"] = table.list_names();
  j["observed"] = fit.observed;
  j["estimate"] = fit.total;
  j["unobserved"] = fit.unobserved;
  j["ci_low"] = est.profile.low;
  j["ci_high"] = NumberOrNull(est.profile.high);  // null: no upper limit
  j["ci_level"] = options.level;
  j["ci_method"] = "profile_likelihood";
  j["method"] = est.method;
  j["model"] = ModelTermNames(fit.model, table);
  j["structural_zeros"] = ModelTermNames(fit.structural_zeros, table);
  j["deviance"] = fit.deviance;
  j["aic"] = fit.aic;
  j["bic"] = fit.bic;
  j["residual_df"] = fit.residual_df;
  j["models_fitted"] = est.selection.models_fitted;
  auto considered = nlohmann::json::array();
  for (const auto& c : est.selection.considered) {
    nlohmann::json m;
    m["model"] = ModelTermNames(c.model, table);
    m["status"] = ModelStatusName(c.status);
    m["estimate"] = NumberOrNull(c.total);
    m["aic"] = c.status == ModelStatus::kOk ? NumberOrNull(c.aic) : nlohmann::json(nullptr);
    m["bic"] = c.status == ModelStatus::kOk ? NumberOrNull(c.bic) : nlohmann::json(nullptr);
    if (c.p_value >= 0) m["p_value"] = c.p_value;
    m["chosen"] = c.chosen;
    considered.push_back(std::move(m));
  }
  j["considered"] = std::move(considered);
  if (est.bootstrap) {
    j["bootstrap"] = {{"replicates", est.bootstrap->totals.size()},
                      {"seed", options.seed},
                      {"failed", est.bootstrap->failed},
                      {"reselect", options.bootstrap_reselect && !options.model_terms},
                      {"ci_low", NumberOrNull(est.bootstrap->interval.low)},
                      {"ci_high", NumberOrNull(est.bootstrap->interval.high)}};
  }
  return j;
}

std::string EstimateToText(const CaptureTable& table, const PopulationEstimate& est,
                           const EstimationOptions& options) {
  const ModelFit& fit = est.fit();
  std::string out;
  out += fmt::format("Observed: {} people on {} lists ({})\n", fit.observed, table.list_count(),
                     fmt::join(table.list_names(), ", "));
  if (est.method == "stepwise") {
    out +=
        fmt::format("Method: stepwise (Chan, Silverman & Vincent 2021; add pairs while p < {})\n",
                    options.selection.p_threshold);
  } else if (est.method == "aic" || est.method == "bic") {
    out += fmt::format("Method: smallest {} among {} models ({})\n",
                       est.method == "aic" ? "AIC" : "BIC", est.selection.models_fitted,
                       est.selection.exhaustive ? "all models" : "forward search");
  } else {
    out += fmt::format("Method: {}\n", est.method == "fixed" ? "model given on the command line"
                                                             : "main effects (independence)");
  }
  out += "Models considered:\n";
  out += fmt::format("  {:<40} {:>10} {:>10} {:>10} {:>12}  {}\n", "model", "p-value", "AIC", "BIC",
                     "estimate", "status");
  for (const auto& c : est.selection.considered) {
    const bool ok = c.status == ModelStatus::kOk;
    out += fmt::format("  {:<40} {:>10} {:>10} {:>10} {:>12}  {}{}\n", ModelName(c.model, table),
                       c.p_value >= 0 ? fmt::format("{:.3g}", c.p_value) : "",
                       ok ? fmt::format("{:.2f}", c.aic) : "-",
                       ok ? fmt::format("{:.2f}", c.bic) : "-",
                       ok ? fmt::format("{:.1f}", c.total) : "-", ModelStatusName(c.status),
                       c.chosen ? "  <- chosen" : "");
  }
  out += fmt::format("Chosen model: {}\n", ModelName(fit.model, table));
  if (fit.structural_zeros != 0) {
    out += fmt::format("Structural zeros (lists that never overlap; those cells removed): {}\n",
                       FormatModel(fit.structural_zeros, table));
  }
  const int pct = static_cast<int>(std::lround(options.level * 100));
  out += fmt::format("Estimate: {:.1f} people (of whom {:.1f} on no list)\n", fit.total,
                     fit.unobserved);
  out += std::isfinite(est.profile.high)
             ? fmt::format("{}% interval (profile likelihood): {:.1f} to {:.1f}\n", pct,
                           est.profile.low, est.profile.high)
             : fmt::format(
                   "{}% interval (profile likelihood): from {:.1f}, with no upper limit: the data "
                   "cannot bound the hidden number under this model\n",
                   pct, est.profile.low);
  if (est.bootstrap) {
    out += fmt::format(
        "{}% interval (parametric bootstrap{}, {} replicates, seed {}, {} without estimate): "
        "{:.1f} "
        "to {:.1f}\n",
        pct,
        options.bootstrap_reselect && !options.model_terms ? ", model re-chosen each time" : "",
        est.bootstrap->totals.size(), options.seed, est.bootstrap->failed,
        est.bootstrap->interval.low, est.bootstrap->interval.high);
  }
  return out;
}

Result<std::string> RunEstimateReport(std::string_view csv_text, const EstimationOptions& options,
                                      ReportFormat format) {
  auto table = ParseCaptureCsv(csv_text);
  if (!table.ok()) return table.error();
  auto est = EstimatePopulation(*table, options);
  if (!est.ok()) return est.error();
  if (format == ReportFormat::kJson) return EstimateToJson(*table, *est, options).dump() + "\n";
  return EstimateToText(*table, *est, options);
}

}  // namespace schakel::stats
