#include "store/audit_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "sequence, timestamp, actor, organisation, action, object_type, object_id, result, origin, "
    "origin_address, correlation_id, hash";

AuditRow FromRow(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Text(2), r.Text(3), r.Text(4),  r.Text(5),
          r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11)};
}

Result<std::vector<AuditRow>> ToAuditRows(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<AuditRow> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Result<std::optional<AuditRow>> AuditRepository::Last() {
  auto rows = db_.Query(
      std::string("SELECT ") + kColumns + " FROM audit_events ORDER BY sequence DESC LIMIT 1", {});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<AuditRow>();
  return std::optional<AuditRow>(FromRow(rows->front()));
}

Status AuditRepository::Append(const AuditRow& a) {
  auto r =
      db_.Execute(std::string("INSERT INTO audit_events (") + kColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {Int(a.sequence), Text(a.timestamp), Text(a.actor), Text(a.organisation),
                   Text(a.action), Text(a.object_type), Text(a.object_id), Text(a.result),
                   Text(a.origin), Text(a.origin_address), Text(a.correlation_id), Text(a.hash)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<AuditRow>> AuditRepository::All() {
  return ToAuditRows(
      db_.Query(std::string("SELECT ") + kColumns + " FROM audit_events ORDER BY rowid", {}));
}

Result<std::vector<AuditRow>> AuditRepository::Find(const AuditQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_events WHERE sequence > ?";
  std::vector<Value> params = {Int(q.after_sequence)};
  if (q.actor) {
    sql += " AND actor = ?";
    params.push_back(Text(*q.actor));
  }
  if (q.object_id) {
    sql += " AND object_id = ?";
    params.push_back(Text(*q.object_id));
  }
  if (q.from) {
    sql += " AND timestamp >= ?";
    params.push_back(Text(*q.from));
  }
  if (q.to) {
    sql += " AND timestamp < ?";
    params.push_back(Text(*q.to));
  }
  if (q.result) {
    sql += " AND result = ?";
    params.push_back(Text(*q.result));
  }
  if (!q.actions.empty()) {
    sql += " AND action IN (";
    for (size_t i = 0; i < q.actions.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      params.push_back(Text(q.actions[i]));
    }
    sql += ")";
  }
  sql += q.newest_first ? " ORDER BY sequence DESC LIMIT ?" : " ORDER BY sequence LIMIT ?";
  params.push_back(Int(q.limit));
  return ToAuditRows(db_.Query(sql, params));
}

}  // namespace schakel::store
