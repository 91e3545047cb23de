// Dice kernels: exact values, and the AVX-512 kernel giving the same answers as the scalar one.
#include "linkage/dice.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <random>

namespace schakel::linkage {
namespace {

std::vector<Clk> RandomClks(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Clk> clks(n);
  for (Clk& c : clks) {
    // Densities from empty to full, so that counts near 0 and near 1024 are covered.
    int density = static_cast<int>(rng() % 9);  // in eighths
    for (auto& w : c.words) {
      std::uint64_t x = ~std::uint64_t{0};
      for (int d = 8; d > density; --d) x &= rng() | rng();
      w = density == 0 ? 0 : x;
    }
  }
  return clks;
}

std::vector<std::uint32_t> Pops(const std::vector<Clk>& clks) {
  std::vector<std::uint32_t> p;
  for (const Clk& c : clks) {
    std::uint32_t n = 0;
    for (auto w : c.words) n += static_cast<std::uint32_t>(__builtin_popcountll(w));
    p.push_back(n);
  }
  return p;
}

TEST(Dice, ComputesTwiceTheIntersectionOverTheSumOfSizes) {
  Clk a, b;
  a.words[0] = 0b1111;  // 4 bits
  b.words[0] = 0b0011;  // 2 bits, both shared
  b.words[15] = 1;      // 1 more bit
  EXPECT_DOUBLE_EQ(Dice(DiceKernel::kScalar, a, b), 2.0 * 2 / (4 + 3));
  EXPECT_DOUBLE_EQ(Dice(DiceKernel::kScalar, Clk{}, Clk{}), 0.0);
  EXPECT_DOUBLE_EQ(Dice(DiceKernel::kScalar, a, a), 1.0);
}

TEST(Dice, Avx512KernelGivesExactlyTheScalarCounts) {
  if (!Avx512DiceAvailable()) GTEST_SKIP() << "CPU without AVX-512 VPOPCNTQ";
  std::vector<Clk> clks = RandomClks(1027, 7);  // not a multiple of 4: covers the tail
  for (std::size_t q = 0; q < 40; ++q) {
    std::vector<std::uint16_t> scalar(clks.size()), simd(clks.size());
    IntersectionCounts(DiceKernel::kScalar, clks[q], clks.data(), clks.size(), scalar.data());
    IntersectionCounts(DiceKernel::kAvx512, clks[q], clks.data(), clks.size(), simd.data());
    ASSERT_EQ(scalar, simd) << "query " << q;
    for (std::size_t j = 0; j < clks.size(); j += 97) {
      ASSERT_EQ(IntersectionCount(DiceKernel::kScalar, clks[q], clks[j]),
                IntersectionCount(DiceKernel::kAvx512, clks[q], clks[j]));
    }
  }
}

TEST(Dice, Avx512AndScalarAllPairsAgree) {
  if (!Avx512DiceAvailable()) GTEST_SKIP() << "CPU without AVX-512 VPOPCNTQ";
  std::vector<Clk> clks = RandomClks(2500, 11);  // spans more than one cache tile
  std::vector<std::uint32_t> pops = Pops(clks);
  auto run = [&](DiceKernel k) {
    return AllPairsAbove(k, clks.data(), pops.data(), 50, clks.data(), pops.data(), clks.size(),
                         0.6);
  };
  std::vector<ScoredPair> scalar = run(DiceKernel::kScalar);
  EXPECT_FALSE(scalar.empty());
  EXPECT_EQ(scalar, run(DiceKernel::kAvx512));
}

RC_GTEST_PROP(DiceProperty, KernelsAgreeOnArbitraryFilters, ()) {
  Clk a, b;
  for (auto& w : a.words) w = *rc::gen::arbitrary<std::uint64_t>();
  for (auto& w : b.words) w = *rc::gen::arbitrary<std::uint64_t>();
  std::uint32_t scalar = IntersectionCount(DiceKernel::kScalar, a, b);
  std::uint32_t best = IntersectionCount(BestDiceKernel(), a, b);
  RC_ASSERT(scalar == best);
  RC_ASSERT(Dice(DiceKernel::kScalar, a, b) == Dice(DiceKernel::kScalar, b, a));
}

TEST(AllPairsAbove, FindsExactlyThePairsAtOrAboveTheThreshold) {
  std::vector<Clk> clks = RandomClks(300, 3);
  std::vector<std::uint32_t> pops = Pops(clks);
  std::vector<ScoredPair> found =
      AllPairsAbove(DiceKernel::kScalar, clks.data(), pops.data(), clks.size(), clks.data(),
                    pops.data(), clks.size(), 0.5);
  std::vector<ScoredPair> expected;
  for (std::uint32_t i = 0; i < clks.size(); ++i) {
    for (std::uint32_t j = 0; j < clks.size(); ++j) {
      double d = Dice(DiceKernel::kScalar, clks[i], clks[j]);
      if (d >= 0.5) expected.push_back({i, j, static_cast<float>(d)});
    }
  }
  EXPECT_EQ(found, expected);
}

}  // namespace
}  // namespace schakel::linkage
