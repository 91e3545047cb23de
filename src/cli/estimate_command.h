// `schakel estimate FILE.csv [--model TERMS | --method main|stepwise|aic|bic] [--bootstrap N]
// [--seed S] [--json]`: multiple systems estimation of the total number of victims from a table of
// capture histories. Only maps flags to schakel::stats options; the work is in
// stats/estimate_report.h. Link target: schakel_stats.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace schakel::cli {

// `schakel estimate FILE.csv`: prints the estimate. With `--store --region CODE --period YYYY`
// it also stores it for the region (app::InsightService::Store, audited as the CLI operator);
// only then is the database opened.
void RegisterEstimateCommand(CLI::App& root, Context& ctx);

}  // namespace schakel::cli
