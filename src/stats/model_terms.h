// ModelTerms: which two-way interactions a log-linear capture-recapture model has on top of the
// intercept and all main effects. With at most 8 lists there are at most 28 pairs, so the set is a
// bit mask; that makes exhaustive model search cheap to enumerate and models cheap to compare.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "stats/capture_table.h"

namespace schakel::stats {

// Bit PairIndex(a, b) set = interaction a:b in the model.
using PairSet = std::uint32_t;

// REQUIRES: 0 <= a < b < list_count. Pairs are numbered (0,1),(0,2),…,(1,2),…
int PairIndex(int a, int b, int list_count);
std::pair<int, int> PairLists(int index, int list_count);
inline int PairCount(int list_count) {
  return list_count * (list_count - 1) / 2;
}

// "A:B,B:C" in list order, or "" for the main-effects model.
std::string FormatModel(PairSet model, const CaptureTable& table);
// The interaction terms as strings, e.g. {"A:B", "B:C"}.
std::vector<std::string> ModelTermNames(PairSet model, const CaptureTable& table);

// Parses "A:B,B:C" (spaces allowed; "" or "main" = main effects). Unknown lists, a list paired with
// itself and repeated terms are errors.
Result<PairSet> ParseModel(std::string_view terms, const CaptureTable& table);

}  // namespace schakel::stats
