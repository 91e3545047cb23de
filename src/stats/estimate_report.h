// What `schakel estimate` does, minus option parsing: read the CSV text, estimate, and render the
// result as plain text for a person or as one JSON object for a program. Kept here, in the pure
// library, so that it is unit-tested; src/cli/estimate_command.cpp only maps flags to options.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "stats/estimation.h"

namespace schakel::stats {

enum class ReportFormat { kText, kJson };

// Parses `csv_text`, estimates with `options` and renders. Errors carry line/column for bad CSV
// and the reason for models that cannot be fitted.
Result<std::string> RunEstimateReport(std::string_view csv_text, const EstimationOptions& options,
                                      ReportFormat format);

// JSON: observed, estimate, ci_low, ci_high (profile likelihood), ci_method, method, model (terms
// as "A:B"), structural_zeros, lists, deviance, aic, bic, considered[], and bootstrap{} when run.
nlohmann::json EstimateToJson(const CaptureTable& table, const PopulationEstimate& estimate,
                              const EstimationOptions& options);
std::string EstimateToText(const CaptureTable& table, const PopulationEstimate& estimate,
                           const EstimationOptions& options);

}  // namespace schakel::stats
