// Benchmarks that print the figures promised for multiple systems estimation: selecting among all
// 32,768 models for six lists (target < 2 s), 1,000 bootstrap replicates (target < 10 s), and the
// coverage of the 95% intervals on simulated populations of known size.
#include <benchmark/benchmark.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "stats/capture_table.h"
#include "stats/confidence_interval.h"
#include "stats/model_selection.h"
#include "stats/population_simulation.h"

namespace schakel::stats {
namespace {

CaptureTable LoadTable(const std::string& name) {
  std::ifstream in(std::string(SCHAKEL_SHARED_DATA_DIR) + "/mse/" + name);
  std::stringstream text;
  text << in.rdbuf();
  auto table = ParseCaptureCsv(text.str());
  if (!table.ok()) throw std::runtime_error(table.error().message);
  return std::move(*table);
}

void BM_SelectAllModelsSixLists(benchmark::State& state, const char* file, SelectionMethod method) {
  const CaptureTable table = LoadTable(file);
  for (auto _ : state) {
    auto sel = SelectModel(table, method);
    if (!sel.ok()) state.SkipWithError(sel.error().message.c_str());
    state.counters["models"] = static_cast<double>(sel->models_fitted);
    state.counters["estimate"] = sel->chosen.total;
  }
}
BENCHMARK_CAPTURE(BM_SelectAllModelsSixLists, UKdat_aic, "UKdat.csv", SelectionMethod::kAic)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_SelectAllModelsSixLists, UKdat_bic, "UKdat.csv", SelectionMethod::kBic)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_SelectAllModelsSixLists, Ned_aic, "Ned.csv", SelectionMethod::kAic)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_SelectAllModelsSixLists, UKdat_stepwise, "UKdat.csv",
                  SelectionMethod::kStepwise)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);

void BM_Bootstrap1000(benchmark::State& state, const char* file) {
  const CaptureTable table = LoadTable(file);
  auto sel = SelectModel(table, SelectionMethod::kStepwise);
  for (auto _ : state) {
    auto boot = BootstrapInterval(table, sel->chosen, {1000, 42, 0.95, std::nullopt});
    if (!boot.ok()) state.SkipWithError(boot.error().message.c_str());
    state.counters["ci_low"] = boot->interval.low;
    state.counters["ci_high"] = boot->interval.high;
    state.counters["failed"] = boot->failed;
  }
}
BENCHMARK_CAPTURE(BM_Bootstrap1000, UKdat_5, "UKdat_5.csv")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_Bootstrap1000, UKdat, "UKdat.csv")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

// Coverage of the profile-likelihood and bootstrap intervals over 200 simulated populations.
void BM_Coverage200(benchmark::State& state, int bootstrap) {
  for (auto _ : state) {
    SimulationSpec spec;
    spec.population = 2000;
    spec.capture_probabilities = {0.12, 0.08, 0.15, 0.10};
    spec.runs = 200;
    spec.bootstrap_replicates = bootstrap;
    auto cov = SimulateCoverage(spec, 2024);
    if (!cov.ok()) state.SkipWithError(cov.error().message.c_str());
    state.counters["profile_coverage"] = cov->profile_coverage;
    if (bootstrap > 0) state.counters["bootstrap_coverage"] = cov->bootstrap_coverage;
    state.counters["runs"] = cov->runs;
  }
}
BENCHMARK_CAPTURE(BM_Coverage200, profile, 0)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_Coverage200, profile_and_bootstrap200, 200)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
}  // namespace schakel::stats

BENCHMARK_MAIN();
