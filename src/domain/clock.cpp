#include "domain/clock.h"

#include <fmt/format.h>

#include <ctime>

namespace schakel {

std::string FormatUtc(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<std::chrono::sys_seconds> ParseUtc(std::string_view text) {
  const bool date_only = text.size() == 10;
  if (!date_only && (text.size() != 20 || text[10] != 'T' || text[19] != 'Z')) return std::nullopt;
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  for (size_t i = 0; i < text.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if ((kShape[i] == 'd') != digit || (!digit && kShape[i] != text[i])) return std::nullopt;
  }
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  using namespace std::chrono;
  const year_month_day ymd{year(num(0, 4)), month(static_cast<unsigned>(num(5, 2))),
                           day(static_cast<unsigned>(num(8, 2)))};
  if (!ymd.ok()) return std::nullopt;
  const int h = date_only ? 0 : num(11, 2);
  const int m = date_only ? 0 : num(14, 2);
  const int s = date_only ? 0 : num(17, 2);
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  return sys_days(ymd) + hours(h) + minutes(m) + seconds(s);
}

}  // namespace schakel
