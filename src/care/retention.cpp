#include "care/retention.h"

#include <fmt/format.h>

namespace schakel::care {

Date RetentionEnds(Date closed_on, const RetentionPeriod& period) {
  return AddMonthsClamped(closed_on, period.months);
}

Result<std::vector<std::string>> ExpiredRecords(const std::vector<ClosedRecord>& records,
                                                const CareData& data, Date today) {
  std::vector<std::string> out;
  for (size_t i = 0; i < records.size(); ++i) {
    const RetentionPeriod* period = data.FindRetention(records[i].record_type);
    if (period == nullptr) {
      return Error::Invalid(
          fmt::format("records[{}].record_type", i),
          fmt::format("record type '{}' has no retention period", records[i].record_type));
    }
    if (DaysBetween(today, RetentionEnds(records[i].closed_on, *period)) <= 0) {
      out.push_back(records[i].id);
    }
  }
  return out;
}

}  // namespace schakel::care
