#include "linkage/blocking.h"

#include <algorithm>
#include <thread>

namespace schakel::linkage {
namespace {

struct Entry {
  std::uint64_t key;
  std::uint32_t index;
  std::uint32_t side;  // 0 = first set, 1 = second set
  bool operator<(const Entry& o) const { return key < o.key; }
};

void AddEntries(const std::vector<EncodedRecord>& records, std::uint32_t side,
                std::vector<Entry>& out) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (std::uint64_t k : records[i].blocking_keys) {
      out.push_back({k, static_cast<std::uint32_t>(i), side});
    }
  }
}

void SortUnique(std::vector<std::uint64_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

inline std::uint64_t Pack(std::uint32_t i, std::uint32_t j) {
  return (std::uint64_t{i} << 32) | j;
}

}  // namespace

CandidatePairs DedupCandidates(const std::vector<EncodedRecord>& records,
                               std::size_t max_block_size) {
  std::vector<Entry> entries;
  AddEntries(records, 0, entries);
  std::sort(entries.begin(), entries.end());
  CandidatePairs out;
  for (std::size_t s = 0; s < entries.size();) {
    std::size_t e = s;
    while (e < entries.size() && entries[e].key == entries[s].key) ++e;
    if (e - s > max_block_size) {
      ++out.skipped_blocks;
    } else {
      for (std::size_t x = s; x < e; ++x) {
        for (std::size_t y = x + 1; y < e; ++y) {
          std::uint32_t i = entries[x].index, j = entries[y].index;
          if (i != j) out.pairs.push_back(Pack(std::min(i, j), std::max(i, j)));
        }
      }
    }
    s = e;
  }
  SortUnique(out.pairs);
  return out;
}

namespace {

// Scores all pairs inside the blocks [first, last) of `bounds` (start offsets into entries).
void ScoreBlocks(const std::vector<EncodedRecord>& records, const std::vector<Entry>& entries,
                 const std::vector<std::pair<std::size_t, std::size_t>>& blocks, std::size_t first,
                 std::size_t last, float threshold, DiceKernel kernel, const PairScorer* scorer,
                 std::vector<ScoredPair>& out, std::size_t& compared) {
  // With a scorer, the CLK Dice only has to reach the scorer's floor; the scorer decides.
  const float floor =
      scorer ? static_cast<float>(scorer->DiceFloor(static_cast<double>(threshold))) : threshold;
  std::vector<Clk> clks;
  std::vector<std::uint32_t> pops, ids;
  std::vector<std::uint16_t> counts;
  for (std::size_t b = first; b < last; ++b) {
    auto [s, e] = blocks[b];
    std::size_t n = e - s;
    clks.resize(n);
    pops.resize(n);
    ids.resize(n);
    counts.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
      ids[k] = entries[s + k].index;
      clks[k] = records[ids[k]].clk;
      pops[k] = records[ids[k]].popcount;
    }
    for (std::size_t i = 0; i + 1 < n; ++i) {
      std::size_t m = n - i - 1;
      IntersectionCounts(kernel, clks[i], clks.data() + i + 1, m, counts.data());
      compared += m;
      for (std::size_t j = 0; j < m; ++j) {
        std::uint32_t total = pops[i] + pops[i + 1 + j];
        if (2.0f * static_cast<float>(counts[j]) < floor * static_cast<float>(total)) continue;
        std::uint32_t x = ids[i], y = ids[i + 1 + j];
        if (x == y) continue;
        double score = DiceFromCounts(counts[j], pops[i], pops[i + 1 + j]);
        if (scorer) {
          score = scorer->ScoreWithDice(records[x], records[y], score);
          if (score < static_cast<double>(threshold)) continue;
        }
        out.push_back({std::min(x, y), std::max(x, y), static_cast<float>(score)});
      }
    }
  }
}

}  // namespace

std::vector<ScoredPair> BlockedPairsAbove(const std::vector<EncodedRecord>& records,
                                          std::size_t max_block_size, double threshold,
                                          DiceKernel kernel, int threads, std::size_t* compared,
                                          const PairScorer* scorer) {
  std::vector<Entry> entries;
  AddEntries(records, 0, entries);
  std::sort(entries.begin(), entries.end());
  std::vector<std::pair<std::size_t, std::size_t>> blocks;
  for (std::size_t s = 0; s < entries.size();) {
    std::size_t e = s;
    while (e < entries.size() && entries[e].key == entries[s].key) ++e;
    if (e - s >= 2 && e - s <= max_block_size) blocks.emplace_back(s, e);
    s = e;
  }
  std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1,
                                                std::max<std::size_t>(blocks.size() / 64, 1));
  std::vector<std::vector<ScoredPair>> found(workers);
  std::vector<std::size_t> counts(workers);
  auto work = [&](std::size_t w) {
    ScoreBlocks(records, entries, blocks, w * blocks.size() / workers,
                (w + 1) * blocks.size() / workers, static_cast<float>(threshold), kernel, scorer,
                found[w], counts[w]);
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  std::vector<ScoredPair> out;
  std::size_t total = 0;
  for (std::size_t w = 0; w < workers; ++w) {
    out.insert(out.end(), found[w].begin(), found[w].end());
    total += counts[w];
  }
  if (compared) *compared = total;
  std::sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const ScoredPair& x, const ScoredPair& y) { return x.a == y.a && x.b == y.b; }),
            out.end());
  return out;
}

CandidatePairs LinkCandidates(const std::vector<EncodedRecord>& a,
                              const std::vector<EncodedRecord>& b, std::size_t max_block_size) {
  std::vector<Entry> entries;
  AddEntries(a, 0, entries);
  AddEntries(b, 1, entries);
  std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
    return x.key != y.key ? x.key < y.key : x.side < y.side;
  });
  CandidatePairs out;
  for (std::size_t s = 0; s < entries.size();) {
    std::size_t e = s, mid = s;
    while (e < entries.size() && entries[e].key == entries[s].key) ++e;
    while (mid < e && entries[mid].side == 0) ++mid;
    if (mid - s > max_block_size || e - mid > max_block_size) {
      ++out.skipped_blocks;
    } else {
      for (std::size_t x = s; x < mid; ++x) {
        for (std::size_t y = mid; y < e; ++y) {
          out.pairs.push_back(Pack(entries[x].index, entries[y].index));
        }
      }
    }
    s = e;
  }
  SortUnique(out.pairs);
  return out;
}

}  // namespace schakel::linkage
