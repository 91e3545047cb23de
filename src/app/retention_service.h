// The retention job (docs/care.md, "Retention"; `schakel retention run [--dry-run]`): erases the
// identifying data of records whose retention period has ended (care::ExpiredRecords; periods
// per record type from the care data, overridden by the settings "retention.months.<type>") and
// keeps the anonymous facts that statistics count.
//
// Record types and what "closed" means for each:
//   case                closed cases (closed_on); erases the person's identity (unless another
//                       case still refers to the person), the case's texts, plan descriptions,
//                       the content of its signals, placement reasons, sharing grants and the
//                       conference decisions about it (the statement lists in the .cpp)
//   signal              signals never opened into a case whose triage ended (closed, or
//                       forwarded to a partner): the date of that decision
//   conference_minutes  minutes of a case conference held on held_on, once no case on its agenda
//                       is still active
//   placement           the override reason of a placement that ended (until_date) of a case
//                       that is not closed (a closed case's placements go with the case)
// Each erasure is one transaction with its audit event ("retention.erase", object the record
// type and id) and a row in case_erasures / record_erasures, so it is done once. A dry run lists
// the same and changes nothing. Only the operator (policy action kManageRetention: the system
// principal of the command line) runs it; a refusal is audited. Thread-safe like the other
// services: each call takes its own connection.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "care/care_data.h"
#include "domain/clock.h"
#include "store/db.h"

namespace schakel::app {

struct RetentionItem {
  std::string record_type;  // case | signal | conference_minutes | placement
  std::string id;
  std::string reference;       // Z000123, S000123; "" when the type has none
  std::string closed_on;       // YYYY-MM-DD
  std::string retention_ends;  // the first day past the period
  int months = 0;
  bool person_kept = false;  // case: another case still refers to the person
  bool has_person = false;   // case: the case had a person
};

struct RetentionReport {
  std::string today;  // Europe/Amsterdam
  bool dry_run = false;
  std::vector<RetentionItem> items;  // erased, or in a dry run to be erased
};

struct RetentionPeriodView {
  std::string record_type;
  std::string name_nl;
  std::string name_en;
  int months = 0;
  bool from_setting = false;  // else from the care data
};

// The setting that overrides the period of `record_type`: "retention.months.<record_type>".
std::string RetentionSettingName(std::string_view record_type);

// `data` with the periods overridden by the settings table. kInvalid naming the setting for a
// value that is not a whole number of months of at least 1, or a record type the data lacks.
// Context applies this once on start, so the job, the reopen guard and the pages agree.
Result<care::CareData> WithRetentionSettings(store::Db& db, care::CareData data);

class RetentionService {
 public:
  // REQUIRES: every argument outlives the service. `data`: periods with settings applied.
  RetentionService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                   const care::CareData& data)
      : database_(database), clock_(clock), audit_(audit), data_(data) {}

  Result<RetentionReport> Run(const Actor& actor, bool dry_run);
  // The periods in force and where each comes from.
  Result<std::vector<RetentionPeriodView>> Periods(const Actor& actor);
  // Stores a setting (audited "retention.set_period"); takes effect when Schakel next starts
  // (the server reads settings on start). Errors: "record_type" (no such type in the care data),
  // "months" (not a whole number from 1 to 1200).
  Status SetPeriod(const Actor& actor, std::string_view record_type, std::string_view months);

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const care::CareData& data_;
};

}  // namespace schakel::app
