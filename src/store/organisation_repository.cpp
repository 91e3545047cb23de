#include "store/organisation_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kColumns = "code, kind, region_kind, name, valid_from, valid_to, successor";

Organisation FromRow(const Row& r) {
  return {r.Text(0), r.Text(1), r.OptText(2), r.Text(3), r.Text(4), r.OptText(5), r.OptText(6)};
}

}  // namespace

Status OrganisationRepository::Upsert(const Organisation& org) {
  auto r = db_.Execute(
      "INSERT INTO organisations (code, kind, region_kind, name, valid_from, valid_to, successor) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, "
      "region_kind = excluded.region_kind, name = excluded.name, valid_from = excluded.valid_from, "
      "valid_to = excluded.valid_to, successor = excluded.successor",
      {Text(org.code), Text(org.kind), OptText(org.region_kind), Text(org.name),
       Text(org.valid_from), OptText(org.valid_to), OptText(org.successor)});
  if (!r) return r.error();
  return {};
}

Result<std::optional<Organisation>> OrganisationRepository::Find(std::string_view code) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM organisations WHERE code = ?",
                        {Text(std::string(code))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Organisation>();
  return std::optional<Organisation>(FromRow(rows->front()));
}

Result<std::vector<Organisation>> OrganisationRepository::List(const OrganisationFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM organisations o WHERE 1 = 1";
  std::vector<Value> params;
  if (f.kind) {
    sql += " AND kind = ?";
    params.push_back(Text(*f.kind));
  }
  if (f.valid_on) {
    sql += " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)";
    params.push_back(Text(*f.valid_on));
    params.push_back(Text(*f.valid_on));
  }
  if (f.region) {
    sql +=
        " AND EXISTS (SELECT 1 FROM region_members m WHERE m.municipality = o.code "
        "AND m.region = ?";
    params.push_back(Text(*f.region));
    if (f.valid_on) {
      sql += " AND m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?)";
      params.push_back(Text(*f.valid_on));
      params.push_back(Text(*f.valid_on));
    }
    sql += ")";
  }
  sql += " ORDER BY code";
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<Organisation> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

Status OrganisationRepository::AddMember(std::string_view region, std::string_view municipality,
                                         std::string_view valid_from,
                                         const std::optional<std::string>& valid_to) {
  auto r = db_.Execute(
      "INSERT INTO region_members (region, municipality, valid_from, valid_to) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (region, municipality, valid_from) "
      "DO UPDATE SET valid_to = excluded.valid_to",
      {Text(std::string(region)), Text(std::string(municipality)), Text(std::string(valid_from)),
       OptText(valid_to)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<Organisation>> OrganisationRepository::RegionsOf(std::string_view municipality,
                                                                    std::string_view on) {
  auto rows = db_.Query(
      "SELECT o.code, o.kind, o.region_kind, o.name, o.valid_from, o.valid_to, o.successor "
      "FROM organisations o JOIN region_members m ON m.region = o.code "
      "WHERE m.municipality = ? AND m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?) "
      "ORDER BY o.region_kind, o.code",
      {Text(std::string(municipality)), Text(std::string(on)), Text(std::string(on))});
  if (!rows) return rows.error();
  std::vector<Organisation> out;
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

Status OrganisationRepository::End(std::string_view code, std::string_view date,
                                   std::string_view successor) {
  auto r =
      db_.Execute("UPDATE organisations SET valid_to = ?, successor = ? WHERE code = ?",
                  {Text(std::string(date)), Text(std::string(successor)), Text(std::string(code))});
  if (!r) return r.error();
  auto m = db_.Execute(
      "UPDATE region_members SET valid_to = ? WHERE municipality = ? AND valid_to IS NULL",
      {Text(std::string(date)), Text(std::string(code))});
  if (!m) return m.error();
  return {};
}

}  // namespace schakel::store
