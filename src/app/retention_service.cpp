#include "app/retention_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "care/amsterdam_time.h"
#include "care/retention.h"

namespace schakel::app {

namespace {

using store::Text;

// Closed records not erased yet, per record type: the id and the day it was closed.
constexpr std::pair<const char*, const char*> kClosed[] = {
    {"case",
     "SELECT c.id, c.closed_on FROM cases c WHERE c.state = 'closed' AND c.closed_on IS NOT NULL "
     "AND NOT EXISTS (SELECT 1 FROM case_erasures e WHERE e.case_id = c.id) ORDER BY c.closed_on, "
     "c.id"},
    {"placement",
     "SELECT id, until_date FROM placements WHERE until_date IS NOT NULL AND "
     "over_capacity_reason IS NOT NULL ORDER BY until_date, id"},
    {"referral",
     "SELECT id, substr(updated_at, 1, 10) FROM referrals WHERE state IN ('done', 'rejected', "
     "'revoked') AND (consent_override IS NOT NULL OR reason IS NOT NULL) ORDER BY updated_at, "
     "id"},
};

// The statements that erase a case's identifying data; every '?' is the case id.
constexpr const char* kEraseCase[] = {
    // The person's identity, unless another case that is not erased still refers to it.
    "UPDATE persons SET given_names = NULL, family_name = NULL, date_of_birth = NULL, "
    "address = NULL, phone = NULL, document_number = NULL, notes = NULL, "
    "family_name_index = NULL, date_of_birth_index = NULL, document_number_index = NULL "
    "WHERE id = (SELECT person FROM cases WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM cases o "
    "WHERE o.person = persons.id AND o.id <> ? AND NOT EXISTS (SELECT 1 FROM case_erasures e "
    "WHERE e.case_id = o.id))",
    "UPDATE cases SET person = NULL, opened_directly_because = NULL, consent_override = NULL "
    "WHERE id = ?",
    "UPDATE care_plan_items SET description = NULL WHERE case_id = ?",
    "DELETE FROM signal_additions WHERE signal IN (SELECT signal FROM case_signals WHERE "
    "case_id = ?)",
    "UPDATE signals SET description = NULL, victim_identity = NULL, perpetrators = NULL, "
    "assessment_notes = NULL WHERE id IN (SELECT signal FROM case_signals WHERE case_id = ?)",
    "UPDATE placements SET over_capacity_reason = NULL WHERE case_id = ?",
    "UPDATE referrals SET consent_override = NULL, reason = NULL WHERE case_id = ?",
};

}  // namespace

Result<std::vector<RetentionItem>> RetentionService::Expired(store::Db& db,
                                                             const std::string& today) {
  std::vector<care::ClosedRecord> closed;
  for (const auto& [type, sql] : kClosed) {
    auto rows = db.Query(sql);
    if (!rows) return rows.error();
    for (const auto& r : *rows) {
      auto on = care::ParseDate(r.Text(1));
      if (!on) {
        return Error::Internal(
            fmt::format("{} {} has closing date '{}'", type, r.Text(0), r.Text(1)));
      }
      closed.push_back({r.Text(0), type, *on});
    }
  }
  auto expired = care::ExpiredRecords(closed, data_, *care::ParseDate(today));
  if (!expired) return expired.error();
  std::vector<RetentionItem> out;
  for (const auto& c : closed) {
    if (std::find(expired->begin(), expired->end(), c.id) == expired->end()) continue;
    out.push_back(
        {c.record_type, c.id, care::FormatDate(c.closed_on),
         care::FormatDate(care::RetentionEnds(c.closed_on, *data_.FindRetention(c.record_type)))});
  }
  return out;
}

Status RetentionService::Erase(store::Db& tx, const RetentionItem& item) {
  const std::vector<store::Value> id = {Text(item.id)};
  if (item.record_type == "case") {
    for (const char* sql : kEraseCase) {
      const std::string_view text(sql);
      const auto marks = static_cast<size_t>(std::count(text.begin(), text.end(), '?'));
      const std::vector<store::Value> ids(marks, Text(item.id));
      if (auto r = tx.Execute(sql, ids); !r) return r.error();
    }
    auto r = tx.Execute("INSERT INTO case_erasures (case_id, erased_at) VALUES (?, ?)",
                        {Text(item.id), Text(FormatUtc(clock_.Now()))});
    if (!r) return r.error();
    return {};
  }
  const char* sql =
      item.record_type == "placement"
          ? "UPDATE placements SET over_capacity_reason = NULL WHERE id = ?"
          : "UPDATE referrals SET consent_override = NULL, reason = NULL WHERE id = ?";
  if (auto r = tx.Execute(sql, id); !r) return r.error();
  return {};
}

Result<RetentionReport> RetentionService::Run(const Actor& actor, bool dry_run) {
  if (!actor.principal.system) {
    if (Status s = audit_.Record(
            database_, actor.Event("retention.run", "retention", "", security::AuditResult::kDeny));
        !s.ok()) {
      return s.error();
    }
    return Error{ErrorCode::kForbidden, "only the operator runs the retention job", ""};
  }
  RetentionReport report;
  report.today = care::FormatDate(
      care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(clock_.Now())));
  report.dry_run = dry_run;
  auto db = database_.Acquire();
  auto expired = Expired(*db, report.today);
  if (!expired) return expired.error();
  if (dry_run) {
    report.erased = std::move(*expired);
    return report;
  }
  for (const RetentionItem& item : *expired) {
    auto done = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
      if (Status s = Erase(tx, item); !s.ok()) return s.error();
      const std::string action =
          item.record_type == "case" ? "retention.erase" : "retention.erase_" + item.record_type;
      if (Status s = audit_.Record(tx, actor.Event(action, item.record_type, item.id)); !s.ok()) {
        return s.error();
      }
      return true;
    });
    if (!done) return done.error();
    report.erased.push_back(item);
  }
  return report;
}

}  // namespace schakel::app
