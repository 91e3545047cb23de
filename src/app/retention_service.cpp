#include "app/retention_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "app/access.h"
#include "app/case_service.h"
#include "app/signal_service.h"
#include "care/amsterdam_time.h"
#include "care/retention.h"

namespace schakel::app {

namespace {

using store::Int;
using store::Text;

// ---- What is erased: the one place to change ---------------------------------------------------
// Each list is run in order inside the record's transaction; every '?' is bound to the id the
// list names. Plain facts (states, regions, forms, age group, gender, nationality, dates,
// closing reasons, outcomes) are never in these lists: statistics keep counting them.
// Every encrypted column of encrypted_columns.cpp about a person, a signal or a case must be
// reached by one of these lists (retention_cli_test checks the ciphertexts are gone).

// '?' = the person's id. Run only when no other case refers to the person.
constexpr const char* kErasePerson[] = {
    "UPDATE persons SET given_names = NULL, family_name = NULL, date_of_birth = NULL, "
    "address = NULL, phone = NULL, document_number = NULL, notes = NULL, "
    "family_name_index = NULL, date_of_birth_index = NULL, document_number_index = NULL "
    "WHERE id = ?",
    "DELETE FROM linkage_blocking_keys WHERE record_kind = 'person' AND record_id = ?",
    "DELETE FROM linkage_encodings WHERE record_kind = 'person' AND record_id = ?",
    "UPDATE match_decisions SET reason = NULL WHERE (a_kind = 'person' AND a_id = ?) OR "
    "(b_kind = 'person' AND b_id = ?)",
};

// '?' = the signal's id: a signal of an erased case, or a signal without a case past its period.
// The reference hash goes too: the reporter's code then finds nothing to add information to.
constexpr const char* kEraseSignal[] = {
    "UPDATE signals SET description = NULL, victim_identity = NULL, perpetrators = NULL, "
    "assessment_notes = NULL, reference_hash = NULL WHERE id = ?",
    "DELETE FROM signal_additions WHERE signal = ?",
    "DELETE FROM linkage_blocking_keys WHERE record_kind = 'signal' AND record_id = ?",
    "DELETE FROM linkage_encodings WHERE record_kind = 'signal' AND record_id = ?",
    "UPDATE match_decisions SET reason = NULL WHERE (a_kind = 'signal' AND a_id = ?) OR "
    "(b_kind = 'signal' AND b_id = ?)",
};

// '?' = the case's id. Runs after the person and signal lists (they find the person through
// cases.person, which the first statement clears).
// Sharing grants are deleted rather than blanked: a grant without consent must keep its override
// reason (a CHECK of migration 9); the audit trail keeps that grants were given and revoked.
// Conference decisions about the case are deleted for the same reason (their text is NOT NULL);
// the care-plan items they became stay, without description.
// Referrals and transfers (migration 12) are deleted for the same reason as grants: one without
// consent must keep its override reason (a CHECK); the audit trail keeps that they were made.
constexpr const char* kEraseCase[] = {
    "UPDATE cases SET person = NULL, opened_directly_because = NULL, consent_override = NULL "
    "WHERE id = ?",
    "UPDATE care_plan_items SET description = NULL WHERE case_id = ?",
    "UPDATE placements SET over_capacity_reason = NULL WHERE case_id = ?",
    "DELETE FROM sharing_grants WHERE case_id = ?",
    "DELETE FROM conference_decisions WHERE case_id = ?",
    "DELETE FROM referrals WHERE case_id = ?",
};

// '?' = the conference's id.
constexpr const char* kEraseMinutes[] = {
    "UPDATE case_conferences SET minutes = NULL WHERE id = ?",
};

// '?' = the placement's id.
constexpr const char* kErasePlacement[] = {
    "UPDATE placements SET over_capacity_reason = NULL WHERE id = ?",
};

// ---- What is past its period: per record type, the records not erased yet
// ------------------------ Columns: id, closed on (YYYY-MM-DD), reference number (or NULL).
struct ClosedQuery {
  const char* record_type;
  const char* sql;
};
constexpr ClosedQuery kClosed[] = {
    {"case",
     "SELECT c.id, c.closed_on, c.seq FROM cases c WHERE c.state = 'closed' AND c.closed_on IS "
     "NOT NULL AND NOT EXISTS (SELECT 1 FROM case_erasures e WHERE e.case_id = c.id) "
     "ORDER BY c.closed_on, c.seq"},
    // The date of the final triage decision (UTC date of the event; a day's difference at
    // midnight does not matter against periods of months).
    {"signal",
     "SELECT s.id, substr(MAX(ev.at), 1, 10), s.seq FROM signals s JOIN signal_events ev "
     "ON ev.signal = s.id AND ev.action IN ('forward', 'close') "
     "WHERE s.status IN ('closed', 'forwarded') "
     "AND NOT EXISTS (SELECT 1 FROM case_signals cs WHERE cs.signal = s.id) "
     "AND NOT EXISTS (SELECT 1 FROM record_erasures r WHERE r.record_type = 'signal' "
     "AND r.record_id = s.id) GROUP BY s.id ORDER BY 2, s.seq"},
    {"conference_minutes",
     "SELECT c.id, c.held_on, NULL FROM case_conferences c WHERE c.minutes IS NOT NULL "
     "AND NOT EXISTS (SELECT 1 FROM conference_agenda a JOIN cases k ON k.id = a.case_id "
     "WHERE a.conference = c.id AND k.state NOT IN ('closed', 'transferred')) "
     "ORDER BY c.held_on, c.id"},
    {"placement",
     "SELECT p.id, p.until_date, NULL FROM placements p WHERE p.until_date IS NOT NULL AND "
     "p.over_capacity_reason IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE "
     "c.id = p.case_id AND c.state = 'closed') ORDER BY p.until_date, p.id"},
};

Status RunAll(store::Db& tx, const char* const* begin, const char* const* end,
              const std::string& id) {
  for (const char* const* sql = begin; sql != end; ++sql) {
    const std::string_view text(*sql);
    const auto marks = static_cast<size_t>(std::count(text.begin(), text.end(), '?'));
    const std::vector<store::Value> ids(marks, Text(id));
    if (auto r = tx.Execute(text, ids); !r) return r.error();
  }
  return {};
}

template <size_t N>
Status RunList(store::Db& tx, const char* const (&list)[N], const std::string& id) {
  return RunAll(tx, list, list + N, id);
}

// A whole number of months from 1 to 1200 (a hundred years), else nullopt.
std::optional<int> ParseMonths(std::string_view text) {
  int months = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), months);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || months < 1 ||
      months > 1200) {
    return std::nullopt;
  }
  return months;
}

constexpr std::string_view kSettingPrefix = "retention.months.";

}  // namespace

std::string RetentionSettingName(std::string_view record_type) {
  return std::string(kSettingPrefix) + std::string(record_type);
}

Result<care::CareData> WithRetentionSettings(store::Db& db, care::CareData data) {
  auto rows = db.Query("SELECT name, value FROM settings WHERE name LIKE 'retention.months.%'");
  if (!rows) return rows.error();
  for (const auto& r : *rows) {
    const std::string name = r.Text(0);
    const std::string type = name.substr(kSettingPrefix.size());
    auto period = std::find_if(data.retention.begin(), data.retention.end(),
                               [&](const care::RetentionPeriod& p) { return p.id == type; });
    if (period == data.retention.end()) {
      return Error::Invalid(name, fmt::format("the care data has no record type '{}'", type));
    }
    auto months = ParseMonths(r.Text(1));
    if (!months) {
      return Error::Invalid(
          name, fmt::format("'{}' is not a number of months from 1 to 1200", r.Text(1)));
    }
    period->months = *months;
  }
  return data;
}

struct RetentionService::Impl {
  const RetentionService& s;

  std::string Today() const {
    return care::FormatDate(
        care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(s.clock_.Now())));
  }

  static std::string ReferenceOf(const std::string& type, const store::Row& r) {
    if (r.IsNull(2)) return "";
    return type == "case" ? CaseReference(r.Int(2)) : SignalReference(r.Int(2));
  }

  // The person of a case and whether another case still refers to it.
  static Status FillPerson(store::Db& db, RetentionItem& item) {
    auto rows = db.Query(
        "SELECT c.person, EXISTS (SELECT 1 FROM cases o WHERE o.person = c.person AND "
        "o.id <> c.id) FROM cases c WHERE c.id = ?",
        {Text(item.id)});
    if (!rows) return rows.error();
    if (rows->empty() || rows->front().IsNull(0)) return {};
    item.has_person = true;
    item.person_kept = rows->front().Int(1) != 0;
    return {};
  }

  Result<std::vector<RetentionItem>> Expired(store::Db& db, const std::string& today) const {
    std::vector<care::ClosedRecord> closed;
    std::vector<RetentionItem> candidates;
    for (const ClosedQuery& q : kClosed) {
      auto rows = db.Query(q.sql);
      if (!rows) return rows.error();
      for (const auto& r : *rows) {
        auto on = care::ParseDate(r.Text(1));
        if (!on) {
          return Error::Internal(
              fmt::format("{} {} has closing date '{}'", q.record_type, r.Text(0), r.Text(1)));
        }
        // Ids of different types may coincide: ExpiredRecords gets the position instead.
        closed.push_back({std::to_string(closed.size()), q.record_type, *on});
        RetentionItem item;
        item.record_type = q.record_type;
        item.id = r.Text(0);
        item.reference = ReferenceOf(q.record_type, r);
        item.closed_on = r.Text(1);
        candidates.push_back(std::move(item));
      }
    }
    auto expired = care::ExpiredRecords(closed, s.data_, *care::ParseDate(today));
    if (!expired) return expired.error();
    std::vector<RetentionItem> out;
    for (const std::string& position : *expired) {
      RetentionItem item = candidates.at(std::stoul(position));
      const care::RetentionPeriod& period = *s.data_.FindRetention(item.record_type);
      item.months = period.months;
      item.retention_ends =
          care::FormatDate(care::RetentionEnds(*care::ParseDate(item.closed_on), period));
      if (item.record_type == "case") {
        if (Status st = FillPerson(db, item); !st.ok()) return st.error();
      }
      out.push_back(std::move(item));
    }
    return out;
  }

  Status EraseCase(store::Db& tx, const RetentionItem& item, const std::string& now) const {
    auto found = tx.Query("SELECT person FROM cases WHERE id = ?", {Text(item.id)});
    if (!found) return found.error();
    if (found->empty()) return Error::NotFound("no case " + item.id);
    const std::optional<std::string> person = found->front().OptText(0);
    auto kept = tx.Query("SELECT COUNT(*) FROM cases WHERE person = ? AND id <> ?",
                         {store::OptText(person), Text(item.id)});
    if (!kept) return kept.error();
    const bool person_kept = person && kept->front().Int(0) > 0;
    if (person && !person_kept) {
      if (Status st = RunList(tx, kErasePerson, *person); !st.ok()) return st;
    }
    auto signal_ids =
        tx.Query("SELECT signal FROM case_signals WHERE case_id = ?", {Text(item.id)});
    if (!signal_ids) return signal_ids.error();
    for (const auto& r : *signal_ids) {
      if (Status st = RunList(tx, kEraseSignal, r.Text(0)); !st.ok()) return st;
    }
    if (Status st = RunList(tx, kEraseCase, item.id); !st.ok()) return st;
    const std::string today = Today();
    auto history = tx.Execute(
        "INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, result, "
        "field, detail) SELECT id, ?, 'retention', 'erase', state, state, 'applied', '', ? "
        "FROM cases WHERE id = ?",
        {Text(now),
         Text(fmt::format("retention period of {} months ended on {}", item.months,
                          item.retention_ends)),
         Text(item.id)});
    if (!history) return history.error();
    auto mark = tx.Execute(
        "INSERT INTO case_erasures (case_id, erased_at, erased_on, closed_on, retention_months, "
        "person_kept) VALUES (?, ?, ?, ?, ?, ?)",
        {Text(item.id), Text(now), Text(today), Text(item.closed_on), Int(item.months),
         Int(person_kept ? 1 : 0)});
    if (!mark) return mark.error();
    return {};
  }

  Status EraseRecord(store::Db& tx, const RetentionItem& item, const std::string& now) const {
    if (item.record_type == "case") return EraseCase(tx, item, now);
    Status st;
    if (item.record_type == "signal") {
      st = RunList(tx, kEraseSignal, item.id);
    } else if (item.record_type == "conference_minutes") {
      st = RunList(tx, kEraseMinutes, item.id);
    } else if (item.record_type == "placement") {
      st = RunList(tx, kErasePlacement, item.id);
    } else {
      return Error::Internal("no erasure for record type " + item.record_type);
    }
    if (!st.ok()) return st;
    auto mark = tx.Execute(
        "INSERT OR REPLACE INTO record_erasures (record_type, record_id, erased_at, erased_on, "
        "closed_on, retention_months) VALUES (?, ?, ?, ?, ?, ?)",
        {Text(item.record_type), Text(item.id), Text(now), Text(Today()), Text(item.closed_on),
         Int(item.months)});
    if (!mark) return mark.error();
    return {};
  }
};

Result<RetentionReport> RetentionService::Run(const Actor& actor, bool dry_run) {
  if (Status st = Authorize(database_, audit_, actor, Action::kManageRetention, {}, "retention",
                            dry_run ? "dry_run" : "run");
      !st.ok()) {
    return st.error();
  }
  Impl impl{*this};
  RetentionReport report;
  report.today = impl.Today();
  report.dry_run = dry_run;
  auto db = database_.Acquire();
  auto expired = impl.Expired(*db, report.today);
  if (!expired) return expired.error();
  if (dry_run) {
    report.items = std::move(*expired);
    return report;
  }
  for (const RetentionItem& item : *expired) {
    auto done = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
      const std::string now = FormatUtc(clock_.Now());
      if (Status st = impl.EraseRecord(tx, item, now); !st.ok()) return st.error();
      if (Status st = audit_.Record(tx, actor.Event("retention.erase", item.record_type, item.id));
          !st.ok()) {
        return st.error();
      }
      return true;
    });
    if (!done) {
      Error e = done.error();
      e.message = fmt::format("{} {}: {} (the records before it were erased)", item.record_type,
                              item.id, e.message);
      return e;
    }
    report.items.push_back(item);
  }
  return report;
}

Result<std::vector<RetentionPeriodView>> RetentionService::Periods(const Actor& actor) {
  if (Status st =
          Authorize(database_, audit_, actor, Action::kManageRetention, {}, "retention", "periods");
      !st.ok()) {
    return st.error();
  }
  auto db = database_.Acquire();
  std::vector<RetentionPeriodView> out;
  for (const care::RetentionPeriod& p : data_.retention) {
    auto set =
        db->Query("SELECT 1 FROM settings WHERE name = ?", {Text(RetentionSettingName(p.id))});
    if (!set) return set.error();
    out.push_back({p.id, p.name.nl, p.name.en, p.months, !set->empty()});
  }
  return out;
}

Status RetentionService::SetPeriod(const Actor& actor, std::string_view record_type,
                                   std::string_view months) {
  if (Status st = Authorize(database_, audit_, actor, Action::kManageRetention, {}, "retention",
                            record_type);
      !st.ok()) {
    return st;
  }
  if (data_.FindRetention(record_type) == nullptr) {
    std::string known;
    for (const auto& p : data_.retention) known += (known.empty() ? "" : ", ") + p.id;
    return Error::Invalid("record_type", fmt::format("no record type '{}' in the care data ({})",
                                                     record_type, known));
  }
  auto parsed = ParseMonths(months);
  if (!parsed) {
    return Error::Invalid("months", "give a whole number of months from 1 to 1200");
  }
  auto db = database_.Acquire();
  auto done = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    auto r = tx.Execute(
        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
        "value = excluded.value",
        {Text(RetentionSettingName(record_type)), Text(std::to_string(*parsed))});
    if (!r) return r.error();
    if (Status st = audit_.Record(
            tx, actor.Event("retention.set_period", "retention", std::string(record_type)));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!done) return done.error();
  return {};
}

}  // namespace schakel::app
