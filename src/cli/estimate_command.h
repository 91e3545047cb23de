// `schakel estimate FILE.csv [--model TERMS | --method main|stepwise|aic|bic] [--bootstrap N]
// [--seed S] [--json]`: multiple systems estimation of the total number of victims from a table of
// capture histories. Only maps flags to schakel::stats options; the work is in
// stats/estimate_report.h. Link target: schakel_stats.
#pragma once

#include <CLI/CLI.hpp>

namespace schakel::cli {

void RegisterEstimateCommand(CLI::App& root);

}  // namespace schakel::cli
