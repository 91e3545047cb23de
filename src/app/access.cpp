#include "app/access.h"

#include <fmt/format.h>

namespace schakel::app {

Status Authorize(store::Database& database, const AuditTrail& audit, const Actor& actor,
                 Action action, const Resource& on, std::string_view object_type,
                 std::string_view object_id) {
  const Decision d = Decide(actor.principal, action, on);
  if (d.allowed) return {};
  security::AuditEvent e = actor.Event(ActionName(action), std::string(object_type),
                                       std::string(object_id), security::AuditResult::kDeny);
  if (Status s = audit.Record(database, std::move(e)); !s.ok()) return s;
  if (!actor.principal.authenticated()) return Error{ErrorCode::kForbidden, "log in first", ""};
  return Error{ErrorCode::kForbidden, fmt::format("not allowed: {}", d.reason), ""};
}

Result<std::vector<std::string>> RegionsOfOrganisation(store::Db& db, std::string_view organisation,
                                                       std::string_view date) {
  auto rows = db.Query(
      "SELECT code FROM organisations WHERE code = ? AND kind = 'region' "
      "UNION SELECT region FROM region_members WHERE municipality = ? AND valid_from <= ? "
      "AND (valid_to IS NULL OR valid_to > ?) ORDER BY 1",
      {store::Text(std::string(organisation)), store::Text(std::string(organisation)),
       store::Text(std::string(date)), store::Text(std::string(date))});
  if (!rows) return rows.error();
  std::vector<std::string> regions;
  for (const auto& row : *rows) regions.push_back(row.Text(0));
  return regions;
}

Result<Resource> OrganisationResource(store::Db& db, std::string_view organisation,
                                      std::string_view date) {
  auto regions = RegionsOfOrganisation(db, organisation, date);
  if (!regions) return regions.error();
  Resource r;
  r.organisation = std::string(organisation);
  r.regions = std::move(regions).value();
  return r;
}

Status AuthorizeOnOrganisation(store::Database& database, const AuditTrail& audit,
                               const Actor& actor, Action action, std::string_view organisation,
                               std::string_view date, std::string_view object_type,
                               std::string_view object_id, std::string_view publication) {
  Resource resource;
  {
    auto db = database.Acquire();
    auto r = OrganisationResource(*db, organisation, date);
    if (!r) return r.error();
    resource = std::move(r).value();
  }
  resource.publication = std::string(publication);
  return Authorize(database, audit, actor, action, resource, object_type, object_id);
}

}  // namespace schakel::app
