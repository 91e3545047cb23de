// The retention job (care-shelter; `schakel retention run [--dry-run]`): erases the identifying
// data of closed cases whose retention period has ended (care::ExpiredRecords, periods per record
// type from the care data) and keeps the anonymous facts for statistics (the case's plain
// columns: state, region, forms, age group, gender, nationality, dates, closing reason, the
// reflection period; the dates of placements).
//
// Erased for an expired case, in one transaction per case with its audit event
// ("retention.erase", object the case): the link to the person and the person's encrypted
// fields and blind indexes (unless another case still needs the person), the case's encrypted
// texts, the care-plan descriptions, the content of the signals the case was opened from (and
// their additions), the placements' override reasons, the referrals' consent overrides and
// reasons. The case is recorded in case_erasures, so it is erased once. Separately, ended
// placements and finished referrals past their own periods lose their free texts
// ("retention.erase_placement", "retention.erase_referral").
// A dry run lists the same and changes nothing. Only the operator (Principal::System) runs it.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "care/care_data.h"
#include "domain/clock.h"
#include "store/db.h"

namespace schakel::app {

struct RetentionItem {
  std::string record_type;  // case | placement | referral
  std::string id;
  std::string closed_on;       // YYYY-MM-DD
  std::string retention_ends;  // the first day past the period
};

struct RetentionReport {
  std::string today;
  bool dry_run = false;
  std::vector<RetentionItem> erased;  // or, in a dry run, to be erased
};

class RetentionService {
 public:
  RetentionService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                   const care::CareData& data)
      : database_(database), clock_(clock), audit_(audit), data_(data) {}

  // kForbidden (audited) for anyone but the operator.
  Result<RetentionReport> Run(const Actor& actor, bool dry_run);

 private:
  Result<std::vector<RetentionItem>> Expired(store::Db& db, const std::string& today);
  Status Erase(store::Db& tx, const RetentionItem& item);
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const care::CareData& data_;
};

}  // namespace schakel::app
