// CaptureTable: the input of multiple systems estimation. k lists (2..8) and, for every observable
// capture history (a non-empty set of lists, 2^k - 1 of them), the number of people seen on exactly
// those lists. Histories not given count 0. The all-zero history (people on no list) is never
// observed; estimating it is the point of the exercise.
//
// ParseCaptureCsv reads the published layout: a header of list names then `count`, one 0/1 column
// per list. Malformed input gives an Error naming line, column and reason.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::stats {

inline constexpr int kMinLists = 2;
inline constexpr int kMaxLists = 8;

// Bit i set = on list i.
using History = std::uint32_t;

class CaptureTable {
 public:
  // REQUIRES nothing; validates: 2..8 unique non-empty names, counts.size() == 2^k, counts >= 0,
  // counts[0] == 0 (the unobserved cell).
  static Result<CaptureTable> Create(std::vector<std::string> list_names,
                                     std::vector<std::int64_t> counts);

  int list_count() const { return static_cast<int>(names_.size()); }
  const std::vector<std::string>& list_names() const { return names_; }
  // Number of observable histories, 2^k - 1.
  History cell_count() const { return (History{1} << names_.size()) - 1; }
  std::int64_t count(History h) const { return counts_[h]; }
  // Total number of people observed on at least one list.
  std::int64_t observed() const;
  // People on both list a and list b (whatever else they are on).
  std::int64_t Overlap(int a, int b) const;
  // Index of a list by name, or -1.
  int ListIndex(std::string_view name) const;

 private:
  CaptureTable(std::vector<std::string> names, std::vector<std::int64_t> counts)
      : names_(std::move(names)), counts_(std::move(counts)) {}
  std::vector<std::string> names_;
  std::vector<std::int64_t> counts_;  // indexed by History; counts_[0] == 0
};

// Parses CSV text (comma separated, or semicolon separated when the header has no commas, as
// Dutch spreadsheets save it; optional UTF-8 byte-order mark and \r\n line ends; blank lines
// ignored). Repeated histories and a non-zero all-zero history are errors rather than silently
// merged.
Result<CaptureTable> ParseCaptureCsv(std::string_view text);

}  // namespace schakel::stats
