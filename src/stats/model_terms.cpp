#include "stats/model_terms.h"

#include <fmt/format.h>

namespace schakel::stats {

int PairIndex(int a, int b, int list_count) {
  // Pairs before row a: sum_{i<a} (k-1-i).
  return a * (2 * list_count - a - 1) / 2 + (b - a - 1);
}

std::pair<int, int> PairLists(int index, int list_count) {
  for (int a = 0; a < list_count; ++a) {
    const int row = list_count - 1 - a;
    if (index < row) return {a, a + 1 + index};
    index -= row;
  }
  return {-1, -1};
}

std::vector<std::string> ModelTermNames(PairSet model, const CaptureTable& table) {
  std::vector<std::string> out;
  const int k = table.list_count();
  for (int p = 0; p < PairCount(k); ++p) {
    if ((model >> p) & 1U) {
      const auto [a, b] = PairLists(p, k);
      out.push_back(table.list_names()[static_cast<std::size_t>(a)] + ":" +
                    table.list_names()[static_cast<std::size_t>(b)]);
    }
  }
  return out;
}

std::string FormatModel(PairSet model, const CaptureTable& table) {
  return fmt::format("{}", fmt::join(ModelTermNames(model, table), ","));
}

namespace {
std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Result<PairSet> ParseModel(std::string_view terms, const CaptureTable& table) {
  terms = TrimSpaces(terms);
  if (terms.empty() || terms == "main") return PairSet{0};
  PairSet model = 0;
  std::size_t start = 0;
  while (start <= terms.size()) {
    const auto comma = terms.find(',', start);
    const auto term =
        TrimSpaces(terms.substr(start, comma == terms.npos ? terms.npos : comma - start));
    start = comma == terms.npos ? terms.size() + 1 : comma + 1;
    const auto colon = term.find(':');
    if (colon == term.npos || term.find(':', colon + 1) != term.npos) {
      return Error::Invalid("model", fmt::format("term '{}' is not of the form LIST:LIST", term));
    }
    const auto left = TrimSpaces(term.substr(0, colon));
    const auto right = TrimSpaces(term.substr(colon + 1));
    int a = table.ListIndex(left);
    int b = table.ListIndex(right);
    if (a < 0 || b < 0) {
      return Error::Invalid(
          "model", fmt::format("term '{}': unknown list '{}'", term, a < 0 ? left : right));
    }
    if (a == b)
      return Error::Invalid("model", fmt::format("term '{}' pairs a list with itself", term));
    if (a > b) std::swap(a, b);
    const PairSet bit = PairSet{1} << PairIndex(a, b, table.list_count());
    if (model & bit) return Error::Invalid("model", fmt::format("term '{}' appears twice", term));
    model |= bit;
  }
  return model;
}

}  // namespace schakel::stats
