#include "store/ciphertext_repository.h"

#include <fmt/format.h>

namespace schakel::store {

namespace {

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

Status CheckColumn(const CiphertextColumn& c) {
  if (IsPlainIdentifier(c.table) && IsPlainIdentifier(c.id_column) && IsPlainIdentifier(c.column)) {
    return {};
  }
  return Error::Invalid("column", fmt::format("'{}' is not a plain table.column name", c.Name()));
}

}  // namespace

Result<std::vector<StoredCiphertext>> CiphertextRepository::Batch(
    const CiphertextColumn& c, std::string_view after_id, int limit,
    const std::optional<std::string>& except_prefix) {
  if (Status s = CheckColumn(c); !s.ok()) return s.error();
  std::string sql = fmt::format("SELECT {0}, {1} FROM {2} WHERE {0} > ? AND {1} IS NOT NULL",
                                c.id_column, c.column, c.table);
  std::vector<Value> params = {Text(std::string(after_id))};
  if (except_prefix) {
    // substr rather than LIKE: no wildcard escaping, and the same in SQLite and PostgreSQL.
    sql += fmt::format(" AND substr({}, 1, ?) <> ?", c.column);
    params.push_back(Int(static_cast<int64_t>(except_prefix->size())));
    params.push_back(Text(*except_prefix));
  }
  sql += fmt::format(" ORDER BY {} LIMIT ?", c.id_column);
  params.push_back(Int(limit));
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<StoredCiphertext> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back({r.Text(0), r.Text(1)});
  return out;
}

Status CiphertextRepository::Replace(const CiphertextColumn& c, std::string_view record_id,
                                     std::string_view value) {
  if (Status s = CheckColumn(c); !s.ok()) return s;
  auto r =
      db_.Execute(fmt::format("UPDATE {} SET {} = ? WHERE {} = ?", c.table, c.column, c.id_column),
                  {Text(std::string(value)), Text(std::string(record_id))});
  if (!r) return r.error();
  if (*r == 0) return Error::NotFound(fmt::format("{}: no record {}", c.Name(), record_id));
  return {};
}

}  // namespace schakel::store
