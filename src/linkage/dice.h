// Sørensen–Dice similarity of CLKs: 2·|A∧B| / (|A| + |B|), computed from the popcount of the
// AND of the two filters. Two kernels give bit-identical results: a portable one (64-bit words
// with hardware popcount where the CPU has it) and an AVX-512 one (VPOPCNTQ), chosen at run time.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "linkage/encoded_record.h"

namespace schakel::linkage {

enum class DiceKernel { kScalar, kAvx512 };

// True when this CPU (and build) can run the AVX-512 VPOPCNTQ kernel.
bool Avx512DiceAvailable();
// The fastest kernel this CPU runs.
DiceKernel BestDiceKernel();
const char* DiceKernelName(DiceKernel kernel);

// |a ∧ b|.
std::uint32_t IntersectionCount(DiceKernel kernel, const Clk& a, const Clk& b);

// out[i] = |query ∧ candidates[i]| for i < n.
// REQUIRES: kernel is kScalar or Avx512DiceAvailable().
void IntersectionCounts(DiceKernel kernel, const Clk& query, const Clk* candidates, std::size_t n,
                        std::uint16_t* out);

// Dice from counts; 0 when both filters are empty.
inline double DiceFromCounts(std::uint32_t intersection, std::uint32_t pop_a, std::uint32_t pop_b) {
  std::uint32_t total = pop_a + pop_b;
  return total == 0 ? 0.0 : 2.0 * intersection / total;
}

double Dice(DiceKernel kernel, const Clk& a, const Clk& b);

struct ScoredPair {
  std::uint32_t a = 0;  // index into the query set
  std::uint32_t b = 0;  // index into the candidate set
  float score = 0;
  friend bool operator==(const ScoredPair&, const ScoredPair&) = default;
};

// Every pair (i, j) with Dice(queries[i], candidates[j]) >= threshold, in (i, j) order. Cache
// blocked: candidates are processed in tiles that stay in L2 while all queries pass over them, so
// the pair rate holds for millions of records. popcounts must match the filters.
std::vector<ScoredPair> AllPairsAbove(DiceKernel kernel, const Clk* queries,
                                      const std::uint32_t* query_pops, std::size_t num_queries,
                                      const Clk* candidates, const std::uint32_t* candidate_pops,
                                      std::size_t num_candidates, double threshold);

}  // namespace schakel::linkage
