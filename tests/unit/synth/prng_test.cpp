// Tests of the portable generator and sampling routines.
#include "synth/prng.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <vector>

namespace schakel::synth {
namespace {

TEST(Rng, SameSeedGivesSameSequence) {
  Rng a(42), b(42);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.Next(), b.Next());
}

TEST(Rng, DifferentSeedsGiveDifferentSequences) {
  Rng a(1), b(2);
  int equal = 0;
  for (int i = 0; i < 1000; ++i) equal += a.Next() == b.Next() ? 1 : 0;
  EXPECT_EQ(equal, 0);
}

TEST(Rng, KnownOutputsArePinnedAcrossPlatforms) {
  // Pinned values: if this fails, every generated world changes for a given seed (or the
  // platform computes differently) — update only on purpose, and say so in the commit.
  Rng rng(0);
  EXPECT_EQ(rng.Next(), 0x99EC5F36CB75F2B4ULL);
  EXPECT_EQ(rng.Next(), 0xBF6E1F784956452AULL);
  EXPECT_EQ(rng.Next(), 0x1A5F849D4933E6E0ULL);
  EXPECT_EQ(Rng::ForStream(42, 7).Next(), 0x77ABA6BBBBA289D4ULL);
  EXPECT_EQ(Rng(123).UniformDouble(), 0.19669435215621578);
  std::uint64_t state = 0;
  EXPECT_EQ(SplitMix64(&state), 0xE220A8397B1DCDAFULL);
}

TEST(Rng, StreamsOfOneSeedDiffer) {
  Rng a = Rng::ForStream(7, 1), b = Rng::ForStream(7, 2);
  EXPECT_NE(a.Next(), b.Next());
  Rng c = Rng::ForStream(7, 1);
  Rng d = Rng::ForStream(7, 1);
  EXPECT_EQ(c.Next(), d.Next());
}

TEST(Rng, UniformDoubleStaysInUnitInterval) {
  Rng rng(3);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.UniformDouble();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

RC_GTEST_PROP(Rng, BelowStaysInRange, (std::uint64_t seed, std::uint32_t n_raw)) {
  const std::uint64_t n = std::uint64_t{n_raw} + 1;
  Rng rng(seed);
  for (int i = 0; i < 20; ++i) RC_ASSERT(rng.Below(n) < n);
}

RC_GTEST_PROP(Rng, BetweenIsInclusive, (std::uint64_t seed, int lo_raw, std::uint8_t width)) {
  const int lo = lo_raw % 100000;
  const int hi = lo + width;
  Rng rng(seed);
  for (int i = 0; i < 20; ++i) {
    const int x = rng.Between(lo, hi);
    RC_ASSERT(x >= lo);
    RC_ASSERT(x <= hi);
  }
}

TEST(Rng, BelowIsUniform) {
  Rng rng(11);
  std::array<int, 6> counts{};
  for (int i = 0; i < 60000; ++i) ++counts[rng.Below(6)];
  for (int c : counts) EXPECT_NEAR(c, 10000, 400);
}

TEST(Rng, ChanceFollowsProbability) {
  Rng rng(5);
  int hits = 0;
  for (int i = 0; i < 100000; ++i) hits += rng.Chance(0.3) ? 1 : 0;
  EXPECT_NEAR(hits / 100000.0, 0.3, 0.01);
  EXPECT_FALSE(rng.Chance(0.0));
  EXPECT_TRUE(rng.Chance(1.0));
}

TEST(Categorical, SamplesFollowWeightsAndSkipZeroWeights) {
  const std::vector<double> weights = {2, 0, 1, 1, 0};
  Categorical dist(weights);
  EXPECT_DOUBLE_EQ(dist.Probability(0), 0.5);
  EXPECT_DOUBLE_EQ(dist.Probability(1), 0.0);
  Rng rng(9);
  std::array<int, 5> counts{};
  for (int i = 0; i < 80000; ++i) ++counts[dist.Sample(rng)];
  EXPECT_NEAR(counts[0], 40000, 600);
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[2], 20000, 500);
  EXPECT_EQ(counts[4], 0);
}

}  // namespace
}  // namespace schakel::synth
