// Linkage benchmarks that print the figures issue 8 asks for: Dice pairs per second per core for
// the AVX-512 and scalar kernels (in cache and at 1 M records), encoding records per second, and
// deduplication of 1 M synthetic records end to end on two threads.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <random>

#include "linkage/dice.h"
#include "linkage/matching.h"
#include "linkage/record_encoder.h"
#include "synthetic_people.h"

namespace schakel::linkage {
namespace {

LinkageKey BenchKey() {
  return *LinkageKey::FromBytes("benchmark-key-0123456789abcdef-0123");
}

// CLKs with about 35% of bits set, like encoded person records.
struct ClkSet {
  std::vector<Clk> clks;
  std::vector<std::uint32_t> pops;
};

const ClkSet& RandomClks(std::size_t n) {
  static std::map<std::size_t, ClkSet> cache;
  ClkSet& set = cache[n];
  if (set.clks.size() == n) return set;
  std::mt19937_64 rng(42);
  set.clks.resize(n);
  set.pops.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t pop = 0;
    for (auto& w : set.clks[i].words) {
      w = rng() & (rng() | rng());  // ~37.5% density
      pop += static_cast<std::uint32_t>(__builtin_popcountll(w));
    }
    set.pops[i] = pop;
  }
  return set;
}

DiceKernel KernelArg(const benchmark::State& state) {
  return state.range(0) == 1 ? DiceKernel::kAvx512 : DiceKernel::kScalar;
}

// Pairs per second with the data in cache: 64 queries against 1024 candidates (128 KiB).
void BM_DiceInCache(benchmark::State& state) {
  DiceKernel kernel = KernelArg(state);
  if (kernel == DiceKernel::kAvx512 && !Avx512DiceAvailable()) {
    state.SkipWithError("no AVX-512 VPOPCNTQ");
    return;
  }
  const ClkSet& set = RandomClks(1024 + 64);
  std::vector<std::uint16_t> counts(1024);
  for (auto _ : state) {
    for (std::size_t q = 0; q < 64; ++q) {
      IntersectionCounts(kernel, set.clks[1024 + q], set.clks.data(), 1024, counts.data());
      benchmark::DoNotOptimize(counts.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * 64 * 1024);
  state.SetLabel(DiceKernelName(kernel));
}
BENCHMARK(BM_DiceInCache)->Arg(0)->Arg(1);

// All pairs above a threshold, 64 queries against 1 M records: cache blocking keeps the rate.
void BM_DiceAllPairs1M(benchmark::State& state) {
  DiceKernel kernel = KernelArg(state);
  if (kernel == DiceKernel::kAvx512 && !Avx512DiceAvailable()) {
    state.SkipWithError("no AVX-512 VPOPCNTQ");
    return;
  }
  const std::size_t n = 1'000'000, queries = 64;
  const ClkSet& set = RandomClks(n);
  std::size_t found = 0;
  for (auto _ : state) {
    std::vector<ScoredPair> pairs = AllPairsAbove(kernel, set.clks.data(), set.pops.data(), queries,
                                                  set.clks.data(), set.pops.data(), n, 0.8);
    found = pairs.size();
    benchmark::DoNotOptimize(pairs.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(queries * n));
  state.counters["matches"] = static_cast<double>(found);
  state.SetLabel(DiceKernelName(kernel));
}
BENCHMARK(BM_DiceAllPairs1M)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Encoding on one thread: normalisation, bigrams, HMAC-SHA256 (cached per token), blocking keys.
void BM_EncodeRecords(benchmark::State& state) {
  static const std::vector<PersonRecord> people = bench::SyntheticPeople(100'000, 20'000, 7);
  RecordEncoder encoder(BenchKey(), PersonSchema());
  std::size_t i = 0;
  for (auto _ : state) {
    Result<EncodedRecord> r = encoder.Encode(people[i++ % people.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeRecords);

// Non-ASCII names go through the ICU transliterator.
void BM_EncodeCyrillicRecord(benchmark::State& state) {
  RecordEncoder encoder(BenchKey(), PersonSchema());
  PersonRecord p{"r", {"Олександр", "Шевченко", "1990-03-07", "M", "UKR", "Харків"}};
  for (auto _ : state) {
    Result<EncodedRecord> r = encoder.Encode(p);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeCyrillicRecord);

// 1 M records (800 k people + 200 k noisy duplicates) on two threads: encode, block, score,
// cluster. Prints the phases and the pairwise quality against the known duplicates.
void BM_Dedup1MEndToEnd(benchmark::State& state) {
  static const std::vector<PersonRecord> people = bench::SyntheticPeople(800'000, 200'000, 11);
  for (auto _ : state) {
    // Wall time and process CPU time (all threads) per phase: on a shared machine the wall time
    // depends on the load, CPU time much less so.
    std::clock_t c0 = std::clock();
    auto t0 = std::chrono::steady_clock::now();
    Result<std::vector<EncodedRecord>> encoded =
        EncodeRecords(BenchKey(), PersonSchema(), people, 2);
    auto t1 = std::chrono::steady_clock::now();
    std::clock_t c1 = std::clock();
    MatchOptions options;
    options.threads = 2;
    DedupResult result = Deduplicate(*encoded, options);
    auto t2 = std::chrono::steady_clock::now();
    std::clock_t c2 = std::clock();
    state.counters["encode_cpu_s"] = static_cast<double>(c1 - c0) / CLOCKS_PER_SEC;
    state.counters["match_cluster_cpu_s"] = static_cast<double>(c2 - c1) / CLOCKS_PER_SEC;
    state.counters["encode_s"] = std::chrono::duration<double>(t1 - t0).count();
    state.counters["match_cluster_s"] = std::chrono::duration<double>(t2 - t1).count();
    state.counters["candidate_pairs"] = static_cast<double>(result.candidate_pairs);
    state.counters["clusters"] = static_cast<double>(result.clustering.num_clusters);
    // Pairwise quality: records "pI-K" belong to person I.
    std::map<std::string, std::vector<std::uint32_t>> by_person;
    for (std::size_t i = 0; i < people.size(); ++i) {
      by_person[people[i].id.substr(0, people[i].id.find('-'))].push_back(
          result.clustering.cluster[i]);
    }
    std::map<std::uint32_t, std::size_t> cluster_size;
    for (std::uint32_t c : result.clustering.cluster) ++cluster_size[c];
    double truth = 0, found = 0, both = 0;
    for (const auto& [p, clusters] : by_person) {
      truth += static_cast<double>(clusters.size() * (clusters.size() - 1) / 2);
      std::map<std::uint32_t, std::size_t> n;
      for (std::uint32_t c : clusters) ++n[c];
      for (const auto& [c, k] : n) both += static_cast<double>(k * (k - 1) / 2);
    }
    for (const auto& [c, k] : cluster_size) found += static_cast<double>(k * (k - 1) / 2);
    state.counters["precision"] = found == 0 ? 1 : both / found;
    state.counters["recall"] = truth == 0 ? 1 : both / truth;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(people.size()));
}
BENCHMARK(BM_Dedup1MEndToEnd)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace schakel::linkage

BENCHMARK_MAIN();
