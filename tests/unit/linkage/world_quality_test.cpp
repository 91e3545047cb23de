// Linkage quality on the synthetic world, the acceptance figure: pairwise precision and
// recall each at least 0.95 at the default threshold. The seed here is held out: field weights
// and tokens were tuned on another seed (bench/linkage/world_quality_bench.cpp prints both at
// full size), so this test measures, not fits. Scale 0.5 (about 3 600 records) keeps it fast in
// the sanitizer build.
#include "world_quality.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "linkage/matching.h"

namespace schakel::linkage {
namespace {

constexpr std::uint64_t kHeldOutSeed = 2026;

TEST(WorldQuality, HeldOutWorldHasPrecisionAndRecallAbove095AtDefaultThreshold) {
  testing::WorldSample sample = testing::MakeWorldSample(
      kHeldOutSeed, 0.5, std::string(SCHAKEL_SOURCE_DIR) + "/data/synth",
      std::string(SCHAKEL_SHARED_DATA_DIR) + "/nl/municipalities-2022.csv");
  ASSERT_GT(sample.records.size(), 3000u);
  LinkageKey key = *LinkageKey::FromBytes("synthetic-world-quality-key-0123456789");
  auto encoded = EncodeRecords(key, PersonSchema(), sample.records, 2);
  ASSERT_TRUE(encoded.ok()) << encoded.error().message;

  const MatchOptions options;  // the default threshold
  DedupResult result = Deduplicate(*encoded, options);
  testing::WorldQuality q = testing::EvaluateWorld(sample, *encoded, result.clustering.cluster);
  std::printf(
      "synthetic world seed %llu, %zu records, t=%.2f: precision %.4f recall %.4f F1 %.4f\n",
      static_cast<unsigned long long>(kHeldOutSeed), sample.records.size(), options.threshold,
      q.pairs.precision(), q.pairs.recall(), q.pairs.f1());
  testing::PrintWorldBreakdown(stdout, sample, *encoded, result.clustering.cluster, q, 0);
  EXPECT_GE(q.pairs.precision(), 0.95);
  EXPECT_GE(q.pairs.recall(), 0.95);
}

}  // namespace
}  // namespace schakel::linkage
