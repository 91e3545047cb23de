// Retention: how long each record type is kept after it is closed (care data, `retention`), and
// which closed records are past it on a date. A scheduled job in the application erases their
// identifying data and keeps the anonymous facts (AnonymousFacts in case_view.h). Pure.
#pragma once

#include <string>
#include <vector>

#include "care/amsterdam_time.h"
#include "care/care_data.h"
#include "domain/result.h"

namespace schakel::care {

// The first day on which a record closed on `closed_on` is past its retention period: closed_on
// plus the period's months (a missing day becomes the month's last day).
Date RetentionEnds(Date closed_on, const RetentionPeriod& period);

struct ClosedRecord {
  std::string id;           // the record's id, as the caller knows it
  std::string record_type;  // a RetentionPeriod id: "case", "placement", …
  Date closed_on;
};

// The ids of the records whose retention period has ended on or before `today`, in input order.
// kInvalid naming "records[i].record_type" for a type without a retention period: such a record
// would otherwise be kept forever without anyone noticing.
Result<std::vector<std::string>> ExpiredRecords(const std::vector<ClosedRecord>& records,
                                                const CareData& data, Date today);

}  // namespace schakel::care
