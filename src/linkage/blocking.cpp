#include "linkage/blocking.h"

#include <algorithm>

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
