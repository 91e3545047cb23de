// Benchmarks of the synthetic-world generator. The headline figure: generating a world of about
// 1 M registrations (records) — issue target under 30 s in a release build — and writing it as CSV.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "synth/identity_variation.h"
#include "synth/prng.h"
#include "synth/world.h"
#include "synth/world_csv.h"

namespace schakel::synth {
namespace {

const WorldModel& Model() {
  static const WorldModel model = [] {
    auto loaded =
        LoadWorldModel(std::string(SCHAKEL_SOURCE_DIR) + "/data/synth",
                       std::string(SCHAKEL_SHARED_DATA_DIR) + "/nl/municipalities-2022.csv");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return model;
}

// Six years at this scale give about 1.0 M records (≈ 7,400 records per unit of scale).
constexpr double kMillionScale = 136;

void BM_GenerateMillionRecords(benchmark::State& state) {
  WorldParams params;
  params.scale = kMillionScale;
  std::size_t records = 0;
  double share = 0;
  for (auto _ : state) {
    auto world = GenerateWorld(Model(), params);
    records = world->records.size();
    share = static_cast<double>(world->RegisteredSize(StratumFilter::All())) /
            static_cast<double>(world->TrueSize(StratumFilter::All()));
    benchmark::DoNotOptimize(world->records.data());
  }
  state.counters["records"] = static_cast<double>(records);
  state.counters["registered_share"] = share;
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GenerateMillionRecords)->Unit(benchmark::kSecond)->Iterations(1);

void BM_RenderMillionRecordsCsv(benchmark::State& state) {
  WorldParams params;
  params.scale = kMillionScale;
  const World world = GenerateWorld(Model(), params).value();
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string records, meta, truth;
    AppendRecordsCsv(world, records);
    AppendRecordsMetaCsv(world, Model(), meta);
    AppendTruthCsv(world, truth);
    bytes = records.size() + meta.size() + truth.size();
    benchmark::DoNotOptimize(records.data());
  }
  state.counters["records"] = static_cast<double>(world.records.size());
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_RenderMillionRecordsCsv)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_GenerateSmallWorld(benchmark::State& state) {
  WorldParams params;
  params.scale = 1;
  for (auto _ : state) {
    auto world = GenerateWorld(Model(), params);
    benchmark::DoNotOptimize(world->records.data());
  }
}
BENCHMARK(BM_GenerateSmallWorld)->Unit(benchmark::kMillisecond);

void BM_RngNext(benchmark::State& state) {
  Rng rng(1);
  for (auto _ : state) benchmark::DoNotOptimize(rng.Next());
}
BENCHMARK(BM_RngNext);

void BM_ApplyTypo(benchmark::State& state) {
  Rng rng(1);
  const std::u32string alphabet = U"abcdefghijklmnopqrstuvwxyz";
  for (auto _ : state) benchmark::DoNotOptimize(ApplyTypo("Kowalczyk", alphabet, rng));
}
BENCHMARK(BM_ApplyTypo);

}  // namespace
}  // namespace schakel::synth

BENCHMARK_MAIN();
