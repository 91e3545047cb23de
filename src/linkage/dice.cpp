#include "linkage/dice.h"

#include <algorithm>
#include <bit>

#if defined(__x86_64__)
#include <immintrin.h>
#define SCHAKEL_X86 1
#endif

namespace schakel::linkage {
namespace {

// The portable kernel: plain 64-bit words. On x86-64 it is compiled for the POPCNT instruction
// (x86-64-v2) and used only when the CPU has it; the generic build covers anything else.
template <typename Popcount>
inline std::uint32_t CountWords(const Clk& a, const Clk& b, Popcount popcount) {
  std::uint32_t sum = 0;
  for (int w = 0; w < kClkWords; ++w) {
    sum += static_cast<std::uint32_t>(
        popcount(a.words[static_cast<std::size_t>(w)] & b.words[static_cast<std::size_t>(w)]));
  }
  return sum;
}

std::uint32_t CountGeneric(const Clk& a, const Clk& b) {
  return CountWords(a, b, [](std::uint64_t x) { return std::popcount(x); });
}

#ifdef SCHAKEL_X86
__attribute__((target("popcnt"))) std::uint32_t CountPopcnt(const Clk& a, const Clk& b) {
  return CountWords(a, b, [](std::uint64_t x) { return __builtin_popcountll(x); });
}

__attribute__((target("popcnt"))) void CountsPopcnt(const Clk& q, const Clk* c, std::size_t n,
                                                    std::uint16_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint16_t>(CountPopcnt(q, c[i]));
}

bool HasPopcnt() {
  static const bool has = __builtin_cpu_supports("popcnt");
  return has;
}

// GCC 12 reports its own _mm512_undefined_* placeholders inside the intrinsics headers as
// uninitialised (a known false positive); silenced for the AVX-512 kernel only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#define SCHAKEL_AVX512 __attribute__((target("avx512f,avx512vpopcntdq")))

SCHAKEL_AVX512 inline __m512i LanePopcounts(__m512i q0, __m512i q1, const Clk& c) {
  __m512i lo = _mm512_and_si512(q0, _mm512_load_si512(c.words.data()));
  __m512i hi = _mm512_and_si512(q1, _mm512_load_si512(c.words.data() + 8));
  return _mm512_add_epi64(_mm512_popcnt_epi64(lo), _mm512_popcnt_epi64(hi));
}

SCHAKEL_AVX512 std::uint32_t CountAvx512(const Clk& a, const Clk& b) {
  __m512i q0 = _mm512_load_si512(a.words.data());
  __m512i q1 = _mm512_load_si512(a.words.data() + 8);
  return static_cast<std::uint32_t>(_mm512_reduce_add_epi64(LanePopcounts(q0, q1, b)));
}

// Each lane count is at most 128, so four candidates fit side by side in 16-bit fields of one
// 64-bit lane; one horizontal sum then yields four totals (each <= 1024, no carries).
SCHAKEL_AVX512 void CountsAvx512(const Clk& q, const Clk* c, std::size_t n, std::uint16_t* out) {
  __m512i q0 = _mm512_load_si512(q.words.data());
  __m512i q1 = _mm512_load_si512(q.words.data() + 8);
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    __m512i p = LanePopcounts(q0, q1, c[i]);
    p = _mm512_or_si512(p, _mm512_slli_epi64(LanePopcounts(q0, q1, c[i + 1]), 16));
    p = _mm512_or_si512(p, _mm512_slli_epi64(LanePopcounts(q0, q1, c[i + 2]), 32));
    p = _mm512_or_si512(p, _mm512_slli_epi64(LanePopcounts(q0, q1, c[i + 3]), 48));
    // Sum the eight lanes: 512 -> 256 -> 128 -> 64 bits.
    __m256i s4 = _mm256_add_epi64(_mm512_castsi512_si256(p), _mm512_extracti64x4_epi64(p, 1));
    __m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(s4), _mm256_extracti128_si256(s4, 1));
    std::uint64_t s = static_cast<std::uint64_t>(_mm_cvtsi128_si64(s2)) +
                      static_cast<std::uint64_t>(_mm_extract_epi64(s2, 1));
    out[i] = static_cast<std::uint16_t>(s & 0xffff);
    out[i + 1] = static_cast<std::uint16_t>((s >> 16) & 0xffff);
    out[i + 2] = static_cast<std::uint16_t>((s >> 32) & 0xffff);
    out[i + 3] = static_cast<std::uint16_t>(s >> 48);
  }
  for (; i < n; ++i) {
    out[i] = static_cast<std::uint16_t>(_mm512_reduce_add_epi64(LanePopcounts(q0, q1, c[i])));
  }
}
#pragma GCC diagnostic pop
#endif

}  // namespace

bool Avx512DiceAvailable() {
#ifdef SCHAKEL_X86
  static const bool has =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
  return has;
#else
  return false;
#endif
}

DiceKernel BestDiceKernel() {
  return Avx512DiceAvailable() ? DiceKernel::kAvx512 : DiceKernel::kScalar;
}

const char* DiceKernelName(DiceKernel kernel) {
  return kernel == DiceKernel::kAvx512 ? "avx512-vpopcntq" : "scalar-popcnt";
}

std::uint32_t IntersectionCount(DiceKernel kernel, const Clk& a, const Clk& b) {
#ifdef SCHAKEL_X86
  if (kernel == DiceKernel::kAvx512 && Avx512DiceAvailable()) return CountAvx512(a, b);
  if (HasPopcnt()) return CountPopcnt(a, b);
#endif
  (void)kernel;
  return CountGeneric(a, b);
}

void IntersectionCounts(DiceKernel kernel, const Clk& query, const Clk* candidates, std::size_t n,
                        std::uint16_t* out) {
#ifdef SCHAKEL_X86
  if (kernel == DiceKernel::kAvx512 && Avx512DiceAvailable()) {
    CountsAvx512(query, candidates, n, out);
    return;
  }
  if (HasPopcnt()) {
    CountsPopcnt(query, candidates, n, out);
    return;
  }
#endif
  (void)kernel;
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::uint16_t>(CountGeneric(query, candidates[i]));
  }
}

double Dice(DiceKernel kernel, const Clk& a, const Clk& b) {
  std::uint32_t pa = 0, pb = 0;
  for (std::uint64_t w : a.words) pa += static_cast<std::uint32_t>(std::popcount(w));
  for (std::uint64_t w : b.words) pb += static_cast<std::uint32_t>(std::popcount(w));
  return DiceFromCounts(IntersectionCount(kernel, a, b), pa, pb);
}

std::vector<ScoredPair> AllPairsAbove(DiceKernel kernel, const Clk* queries,
                                      const std::uint32_t* query_pops, std::size_t num_queries,
                                      const Clk* candidates, const std::uint32_t* candidate_pops,
                                      std::size_t num_candidates, double threshold) {
  // 1024 candidates = 128 KiB of filters: a tile that stays in L2 while every query visits it.
  constexpr std::size_t kTile = 1024;
  std::vector<ScoredPair> out;
  std::vector<std::uint16_t> counts(kTile);
  const float t = static_cast<float>(threshold);
  for (std::size_t start = 0; start < num_candidates; start += kTile) {
    std::size_t len = std::min(kTile, num_candidates - start);
    for (std::size_t q = 0; q < num_queries; ++q) {
      IntersectionCounts(kernel, queries[q], candidates + start, len, counts.data());
      // Dice >= t  <=>  2·inter >= t·(pa + pb); compared in float to stay vectorisable, then
      // the score is recomputed exactly for the pairs kept.
      const float pq = static_cast<float>(query_pops[q]);
      for (std::size_t j = 0; j < len; ++j) {
        float lhs = 2.0f * static_cast<float>(counts[j]);
        if (lhs >= t * (pq + static_cast<float>(candidate_pops[start + j])) && lhs > 0) {
          out.push_back({static_cast<std::uint32_t>(q), static_cast<std::uint32_t>(start + j),
                         static_cast<float>(
                             DiceFromCounts(counts[j], query_pops[q], candidate_pops[start + j]))});
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  return out;
}

}  // namespace schakel::linkage
