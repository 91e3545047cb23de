#include "stats/capture_table.h"

#include <fmt/format.h>

#include <charconv>
#include <set>
#include <utility>

namespace schakel::stats {

Result<CaptureTable> CaptureTable::Create(std::vector<std::string> list_names,
                                          std::vector<std::int64_t> counts) {
  const int k = static_cast<int>(list_names.size());
  if (k < kMinLists || k > kMaxLists) {
    return Error::Invalid("lists",
                          fmt::format("need {} to {} lists, got {}", kMinLists, kMaxLists, k));
  }
  std::set<std::string> seen;
  for (const auto& name : list_names) {
    if (name.empty()) return Error::Invalid("lists", "a list name is empty");
    if (!seen.insert(name).second) {
      return Error::Invalid("lists", fmt::format("list name '{}' appears twice", name));
    }
  }
  if (counts.size() != (std::size_t{1} << k)) {
    return Error::Invalid("counts", fmt::format("need {} counts for {} lists, got {}",
                                                std::size_t{1} << k, k, counts.size()));
  }
  if (counts[0] != 0) return Error::Invalid("counts", "the all-zero history cannot be observed");
  for (auto c : counts) {
    if (c < 0) return Error::Invalid("counts", "counts must not be negative");
  }
  return CaptureTable(std::move(list_names), std::move(counts));
}

std::int64_t CaptureTable::observed() const {
  std::int64_t total = 0;
  for (auto c : counts_) total += c;
  return total;
}

std::int64_t CaptureTable::Overlap(int a, int b) const {
  const History both = (History{1} << a) | (History{1} << b);
  std::int64_t total = 0;
  for (History h = 1; h < counts_.size(); ++h) {
    if ((h & both) == both) total += counts_[h];
  }
  return total;
}

int CaptureTable::ListIndex(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"')) {
    s.remove_suffix(1);
  }
  return s;
}

std::vector<std::string_view> SplitFields(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(separator, start);
    fields.push_back(
        Trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

Error LineError(int line, std::size_t column, std::string_view column_name, std::string why) {
  return Error::Invalid(fmt::format("line {}, column {}", line, column),
                        fmt::format("line {}, column {} ({}): {}", line, column, column_name, why));
}

}  // namespace

Result<CaptureTable> ParseCaptureCsv(std::string_view text) {
  std::vector<std::string> names;
  std::vector<std::int64_t> counts;
  std::vector<int> first_line;  // per history, the line that gave it (0 = none)
  bool have_header = false;
  int line_no = 0;
  std::size_t pos = 0;
  // Spreadsheets save CSV with a UTF-8 byte-order mark, and in Dutch locales with ';' between
  // fields.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  char separator = ',';
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const auto raw = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = (nl == std::string_view::npos) ? text.size() + 1 : nl + 1;
    ++line_no;
    if (Trim(raw).empty()) continue;
    if (!have_header && raw.find(',') == raw.npos && raw.find(';') != raw.npos) separator = ';';
    const auto fields = SplitFields(raw, separator);
    if (!have_header) {
      if (fields.size() < 3) {
        return Error::Invalid("line 1",
                              fmt::format("line {}: header needs at least two list columns "
                                          "and a last column 'count'",
                                          line_no));
      }
      if (fields.back() != "count") {
        return LineError(line_no, fields.size(), fields.back(),
                         "the last column must be named 'count'");
      }
      for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
        if (fields[i].empty()) return LineError(line_no, i + 1, "", "list name is empty");
        for (std::size_t j = 0; j < i; ++j) {
          if (fields[j] == fields[i])
            return LineError(line_no, i + 1, fields[i], "list name repeated");
        }
        names.emplace_back(fields[i]);
      }
      const int k = static_cast<int>(names.size());
      if (k > kMaxLists) {
        return Error::Invalid("line 1", fmt::format("line {}: {} lists; at most {} are supported",
                                                    line_no, k, kMaxLists));
      }
      counts.assign(std::size_t{1} << k, 0);
      first_line.assign(std::size_t{1} << k, 0);
      have_header = true;
      continue;
    }
    if (fields.size() != names.size() + 1) {
      return Error::Invalid(fmt::format("line {}", line_no),
                            fmt::format("line {}: expected {} columns, got {}", line_no,
                                        names.size() + 1, fields.size()));
    }
    History h = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (fields[i] == "1") {
        h |= History{1} << i;
      } else if (fields[i] != "0") {
        return LineError(line_no, i + 1, names[i],
                         fmt::format("expected 0 or 1, got '{}'", fields[i]));
      }
    }
    const auto cf = fields.back();
    std::int64_t c = 0;
    const auto [ptr, ec] = std::from_chars(cf.data(), cf.data() + cf.size(), c);
    if (ec != std::errc() || ptr != cf.data() + cf.size() || cf.empty()) {
      return LineError(line_no, fields.size(), "count",
                       fmt::format("expected a whole number, got '{}'", cf));
    }
    if (c < 0) return LineError(line_no, fields.size(), "count", "count must not be negative");
    if (h == 0) {
      if (c != 0) {
        return LineError(line_no, 1, names[0],
                         "the all-zero history (on no list) cannot be observed; remove this row");
      }
      continue;
    }
    if (first_line[h] != 0) {
      return Error::Invalid(
          fmt::format("line {}", line_no),
          fmt::format("line {}: capture history repeats line {}", line_no, first_line[h]));
    }
    first_line[h] = line_no;
    counts[h] = c;
  }
  if (!have_header) return Error::Invalid("line 1", "empty input: expected a header line");
  return CaptureTable::Create(std::move(names), std::move(counts));
}

}  // namespace schakel::stats
