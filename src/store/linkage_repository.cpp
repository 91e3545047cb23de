#include "store/linkage_repository.h"

#include <fmt/format.h>

namespace schakel::store {

namespace {

constexpr const char* kEncodingColumns =
    "e.record_kind, e.record_id, e.organisation, e.clk, e.present, e.sketches, e.encoded_at";

EncodingRow EncodingOf(const Row& r) {
  EncodingRow e;
  e.record = {r.Text(0), r.Text(1)};
  e.organisation = r.Text(2);
  e.clk = r.Text(3);
  e.present = r.Int(4);
  e.sketches = r.Text(5);
  e.encoded_at = r.Text(6);
  return e;
}

MatchDecisionRow DecisionOf(const Row& r) {
  MatchDecisionRow d;
  d.id = r.Text(0);
  d.a = {r.Text(1), r.Text(2)};
  d.b = {r.Text(3), r.Text(4)};
  d.decision = r.Text(5);
  d.reason = r.OptText(6);
  d.score = r.Real(7);
  d.decided_by = r.Text(8);
  d.decided_at = r.Text(9);
  return d;
}

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Status LinkageRepository::Upsert(const EncodingRow& row) {
  if (Status st = Remove(row.record); !st.ok()) return st;
  auto ins = db_.Execute(
      "INSERT INTO linkage_encodings (record_kind, record_id, organisation, clk, present, "
      "sketches, encoded_at) VALUES (?, ?, ?, CAST(? AS BLOB), ?, CAST(? AS BLOB), ?)",
      {Text(row.record.kind), Text(row.record.id), Text(row.organisation), Text(row.clk),
       Int(row.present), Text(row.sketches), Text(row.encoded_at)});
  if (!ins) return ins.error();
  for (const std::string& key : row.blocking_keys) {
    auto k = db_.Execute(
        "INSERT OR IGNORE INTO linkage_blocking_keys (blocking_key, record_kind, record_id) "
        "VALUES (?, ?, ?)",
        {Text(key), Text(row.record.kind), Text(row.record.id)});
    if (!k) return k.error();
  }
  return {};
}

Status LinkageRepository::Remove(const LinkedRecordRef& record) {
  for (const char* sql :
       {"DELETE FROM linkage_blocking_keys WHERE record_kind = ? AND record_id = ?",
        "DELETE FROM linkage_encodings WHERE record_kind = ? AND record_id = ?"}) {
    auto r = db_.Execute(sql, {Text(record.kind), Text(record.id)});
    if (!r) return r.error();
  }
  return {};
}

Result<std::optional<EncodingRow>> LinkageRepository::Find(const LinkedRecordRef& record) {
  auto rows = db_.Query(fmt::format("SELECT {} FROM linkage_encodings e "
                                    "WHERE e.record_kind = ? AND e.record_id = ?",
                                    kEncodingColumns),
                        {Text(record.kind), Text(record.id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<EncodingRow>();
  EncodingRow e = EncodingOf(rows->front());
  auto keys = db_.Query(
      "SELECT blocking_key FROM linkage_blocking_keys WHERE record_kind = ? AND record_id = ? "
      "ORDER BY blocking_key",
      {Text(record.kind), Text(record.id)});
  if (!keys) return keys.error();
  for (const Row& k : *keys) e.blocking_keys.push_back(k.Text(0));
  return std::optional<EncodingRow>(std::move(e));
}

Result<std::vector<EncodingRow>> LinkageRepository::SharingBlockingKeys(
    const std::vector<std::string>& keys, const LinkedRecordRef& self, int64_t limit) {
  std::vector<EncodingRow> out;
  if (keys.empty()) return out;
  std::vector<Value> params;
  for (const std::string& k : keys) params.push_back(Text(k));
  params.push_back(Text(self.kind));
  params.push_back(Text(self.id));
  params.push_back(Int(limit));
  auto rows =
      // From the keys to the records (the blocking keys' primary key), not from every encoding
      // to its keys: the correlated form scanned all encodings on every case and signal page.
      db_.Query(fmt::format("SELECT {} FROM linkage_encodings e WHERE (e.record_kind, e.record_id) "
                            "IN (SELECT k.record_kind, k.record_id FROM linkage_blocking_keys k "
                            "WHERE k.blocking_key IN ({})) "
                            "AND NOT (e.record_kind = ? AND e.record_id = ?) "
                            "ORDER BY e.record_kind, e.record_id LIMIT ?",
                            kEncodingColumns, Placeholders(keys.size())),
                params);
  if (!rows) return rows.error();
  for (const Row& r : *rows) out.push_back(EncodingOf(r));
  return out;
}

Result<std::vector<SignalEncodingRow>> LinkageRepository::SignalEncodings(
    const std::vector<std::string>& organisations, std::string_view from, std::string_view to) {
  std::vector<SignalEncodingRow> out;
  if (organisations.empty()) return out;
  std::vector<Value> params;
  for (const std::string& o : organisations) params.push_back(Text(o));
  params.push_back(Text(std::string(from)));
  params.push_back(Text(std::string(to)));
  auto rows =
      db_.Query(fmt::format("SELECT {}, s.channel, s.submitted_at FROM linkage_encodings e "
                            "JOIN signals s ON s.id = e.record_id WHERE e.record_kind = 'signal' "
                            "AND s.status <> 'draft' AND s.organisation IN ({}) "
                            "AND substr(s.submitted_at, 1, 10) BETWEEN ? AND ? ORDER BY s.seq",
                            kEncodingColumns, Placeholders(organisations.size())),
                params);
  if (!rows) return rows.error();
  for (const Row& r : *rows) {
    SignalEncodingRow row{EncodingOf(r), r.OptText(7), r.Text(8)};
    // Deduplication blocks on the keys, so they come along here (unlike for suggestions).
    auto keys = db_.Query(
        "SELECT blocking_key FROM linkage_blocking_keys WHERE record_kind = ? AND record_id = ?",
        {Text(row.encoding.record.kind), Text(row.encoding.record.id)});
    if (!keys) return keys.error();
    for (const Row& k : *keys) row.encoding.blocking_keys.push_back(k.Text(0));
    out.push_back(std::move(row));
  }
  return out;
}

Result<int64_t> LinkageRepository::Count(std::string_view kind) {
  auto rows = db_.Query("SELECT COUNT(*) FROM linkage_encodings WHERE record_kind = ?",
                        {Text(std::string(kind))});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Result<std::vector<std::string>> LinkageRepository::LinkableIds(std::string_view kind) {
  auto rows = kind == "signal"
                  ? db_.Query("SELECT id FROM signals WHERE status <> 'draft' ORDER BY seq", {})
                  : db_.Query("SELECT id FROM persons ORDER BY created_at, id", {});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(r.Text(0));
  return out;
}

Status LinkageRepository::AddDecision(const MatchDecisionRow& row) {
  auto r = db_.Execute(
      "INSERT INTO match_decisions (id, a_kind, a_id, b_kind, b_id, decision, reason, score, "
      "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Text(row.id), Text(row.a.kind), Text(row.a.id), Text(row.b.kind), Text(row.b.id),
       Text(row.decision), OptText(row.reason), Value(row.score), Text(row.decided_by),
       Text(row.decided_at)});
  if (!r) return r.error();
  return {};
}

namespace {

constexpr const char* kDecisionColumns =
    "SELECT id, a_kind, a_id, b_kind, b_id, decision, reason, score, decided_by, decided_at "
    "FROM match_decisions ";

}  // namespace

Result<std::vector<MatchDecisionRow>> LinkageRepository::DecisionsAbout(
    const LinkedRecordRef& record) {
  auto rows = db_.Query(
      std::string(kDecisionColumns) +
          "WHERE (a_kind = ? AND a_id = ?) OR (b_kind = ? AND b_id = ?) ORDER BY decided_at, rowid",
      {Text(record.kind), Text(record.id), Text(record.kind), Text(record.id)});
  if (!rows) return rows.error();
  std::vector<MatchDecisionRow> out;
  for (const Row& r : *rows) out.push_back(DecisionOf(r));
  return out;
}

Result<std::vector<MatchDecisionRow>> LinkageRepository::Decisions() {
  auto rows = db_.Query(std::string(kDecisionColumns) + "ORDER BY decided_at, rowid", {});
  if (!rows) return rows.error();
  std::vector<MatchDecisionRow> out;
  for (const Row& r : *rows) out.push_back(DecisionOf(r));
  return out;
}

}  // namespace schakel::store
