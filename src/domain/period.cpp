#include "domain/period.h"

#include <fmt/format.h>

#include <charconv>

namespace schakel {

namespace {

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Result<Period> Period::Parse(std::string_view text, std::string_view field) {
  const auto invalid = [&] {
    return Error::Invalid(std::string(field),
                          fmt::format("'{}' is not a period; use a year (2026) or a quarter "
                                      "(2026-Q4)",
                                      text));
  };
  int year = 0;
  if (text.size() == 4) {
    if (!ParseInt(text, year)) return invalid();
  } else if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q')) {
    int quarter = 0;
    if (!ParseInt(text.substr(0, 4), year) || !ParseInt(text.substr(6, 1), quarter)) {
      return invalid();
    }
    if (quarter < 1 || quarter > 4) return invalid();
    if (year < 2000 || year > 2100) return invalid();
    return Period(year, quarter);
  } else {
    return invalid();
  }
  if (year < 2000 || year > 2100) return invalid();
  return Period(year, 0);
}

Period Period::QuarterOf(int year, unsigned month) {
  return Period(year, static_cast<int>((month - 1) / 3 + 1));
}

std::string Period::ToString() const {
  if (quarter_ == 0) return fmt::format("{:04d}", year_);
  return fmt::format("{:04d}-Q{}", year_, quarter_);
}

}  // namespace schakel
