// How long disclosure control takes on tables of realistic shape: regions or municipalities by
// form of exploitation, and a year of monthly tables with the year total.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "stats/disclosure_control.h"
#include "stats/period_disclosure.h"
#include "stats/random_source.h"

namespace schakel::stats {
namespace {

CountTable RandomTable(int rows, int columns, double mean, std::uint64_t seed) {
  RandomSource random(seed);
  std::vector<std::string> r, c;
  std::vector<std::int64_t> cells;
  auto label = [](char prefix, int i) {
    std::string s(1, prefix);
    s += std::to_string(i);
    return s;
  };
  for (int i = 0; i < rows; ++i) r.push_back(label('r', i));
  for (int j = 0; j < columns; ++j) c.push_back(label('c', j));
  for (int k = 0; k < rows * columns; ++k) cells.push_back(random.Poisson(mean * (1 + (k % 5))));
  return std::move(*CountTable::Create(r, c, cells));
}

void BM_ProtectTable(benchmark::State& state) {
  const CountTable t = RandomTable(static_cast<int>(state.range(0)), 4, 6.0, 7);
  for (auto _ : state) {
    auto p = ProtectTable(t);
    if (!p.ok()) state.SkipWithError(p.error().message.c_str());
    state.counters["suppressed"] = p->suppressed_count();
  }
}
BENCHMARK(BM_ProtectTable)->Arg(25)->Arg(100)->Arg(342)->Unit(benchmark::kMillisecond);

void BM_ProtectYearOfMonths(benchmark::State& state) {
  std::vector<CountTable> months;
  std::vector<std::string> labels;
  for (int m = 0; m < 12; ++m) {
    months.push_back(
        RandomTable(static_cast<int>(state.range(0)), 4, 4.0, 100 + static_cast<std::uint64_t>(m)));
    labels.push_back(std::to_string(m + 1));
  }
  for (auto _ : state) {
    auto s = ProtectPeriodSeries(labels, months);
    if (!s.ok()) state.SkipWithError(s.error().message.c_str());
  }
}
BENCHMARK(BM_ProtectYearOfMonths)->Arg(5)->Arg(10)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace schakel::stats
