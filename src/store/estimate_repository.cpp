#include "store/estimate_repository.h"

#include <nlohmann/json.hpp>

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "SELECT id, region, period, lists, model, method, observed, hidden, total, ci_low, ci_high, "
    "structural_zeros, input_table, created_by, created_at FROM estimates ";

std::string JsonList(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> ParseList(const std::string& text) {
  return nlohmann::json::parse(text).get<std::vector<std::string>>();
}

EstimateRecord FromRow(const Row& r) {
  EstimateRecord e;
  e.id = r.Int(0);
  e.region = r.Text(1);
  e.period = r.Text(2);
  e.lists = ParseList(r.Text(3));
  e.model = r.Text(4);
  e.method = r.Text(5);
  e.observed = r.Int(6);
  e.hidden = r.Real(7);
  e.total = r.Real(8);
  e.ci_low = r.Real(9);
  e.ci_high = r.Real(10);
  e.structural_zeros = ParseList(r.Text(11));
  e.input_table = r.Text(12);
  e.created_by = r.Text(13);
  e.created_at = r.Text(14);
  return e;
}

// "?, ?, ?" for n regions.
std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Result<int64_t> EstimateRepository::Insert(const EstimateRecord& e) {
  auto rows = db_.Query(
      "INSERT INTO estimates (region, period, lists, model, method, observed, hidden, total, "
      "ci_low, ci_high, structural_zeros, input_table, created_by, created_at) VALUES (?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Text(e.region), Text(e.period), Text(JsonList(e.lists)), Text(e.model), Text(e.method),
       Int(e.observed), Value(e.hidden), Value(e.total), Value(e.ci_low), Value(e.ci_high),
       Text(JsonList(e.structural_zeros)), Text(e.input_table), Text(e.created_by),
       Text(e.created_at)});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Result<std::optional<EstimateRecord>> EstimateRepository::Find(int64_t id) {
  auto rows = db_.Query(std::string(kColumns) + "WHERE id = ?", {Int(id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<EstimateRecord>();
  return std::optional<EstimateRecord>(FromRow(rows->front()));
}

Result<std::vector<EstimateRecord>> EstimateRepository::List(
    const std::vector<std::string>& regions) {
  std::vector<Value> params;
  std::string sql = kColumns;
  if (!regions.empty()) {
    sql += "WHERE region IN (" + Placeholders(regions.size()) + ") ";
    for (const auto& r : regions) params.push_back(Text(r));
  }
  sql += "ORDER BY created_at DESC, id DESC";
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<EstimateRecord> out;
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<bool> EstimateRepository::AnyFor(const std::vector<std::string>& regions) {
  if (regions.empty()) return false;
  std::vector<Value> params;
  for (const auto& r : regions) params.push_back(Text(r));
  auto rows = db_.Query(
      "SELECT COUNT(*) FROM estimates WHERE region IN (" + Placeholders(regions.size()) + ")",
      params);
  if (!rows) return rows.error();
  return rows->front().Int(0) > 0;
}

}  // namespace schakel::store
