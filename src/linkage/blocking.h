// Blocking: instead of comparing every record with every other (quadratic), compare only records
// that share a keyed blocking key (phonetic codes of the names, birth year, day-month pair; see
// RecordEncoder). With several keys per record a pair is found when any one survives the errors
// in the data, and the cost grows with the sizes of the blocks, near-linearly in the records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "linkage/dice.h"
#include "linkage/encoded_record.h"
#include "linkage/pair_score.h"

namespace schakel::linkage {

struct CandidatePairs {
  // (i, j) packed as i << 32 | j, sorted and unique. For dedup i < j; for linkage i indexes the
  // first set and j the second.
  std::vector<std::uint64_t> pairs;
  std::size_t skipped_blocks = 0;  // blocks larger than max_block_size, not expanded
};

inline std::uint32_t PairFirst(std::uint64_t p) {
  return static_cast<std::uint32_t>(p >> 32);
}
inline std::uint32_t PairSecond(std::uint64_t p) {
  return static_cast<std::uint32_t>(p);
}

// Pairs within one set. A block with more than max_block_size records is skipped: such a key
// (say, a very common name with a missing birth date) separates nothing, and the records in it
// still meet through their other keys.
CandidatePairs DedupCandidates(const std::vector<EncodedRecord>& records,
                               std::size_t max_block_size);

// Dedup without materialising candidate pairs: every block is scored where it lies (its filters
// gathered into a small contiguous buffer and compared with the one-to-many Dice kernel), blocks
// spread over `threads` threads, and only pairs at or above the threshold kept. A pair sharing
// several blocks is scored more than once, which costs less than sorting all candidate pairs.
// Returns pairs with a < b, sorted, unique; *compared receives the number of Dice evaluations.
// With a scorer, pairs whose Dice reaches the scorer's floor are scored by it (in the same
// threads) and kept when that score reaches the threshold; the pairs carry the scorer's score.
std::vector<ScoredPair> BlockedPairsAbove(const std::vector<EncodedRecord>& records,
                                          std::size_t max_block_size, double threshold,
                                          DiceKernel kernel, int threads, std::size_t* compared,
                                          const PairScorer* scorer = nullptr);

// Pairs across two sets (a from the first, b from the second).
CandidatePairs LinkCandidates(const std::vector<EncodedRecord>& a,
                              const std::vector<EncodedRecord>& b, std::size_t max_block_size);

}  // namespace schakel::linkage
