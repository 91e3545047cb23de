#include "store/shelter_repository.h"

#include <fmt/format.h>

namespace schakel::store {

namespace {

constexpr const char* kShelterColumns =
    "SELECT id, name, type, region, capacity, created_at, created_by, updated_at FROM shelters ";
constexpr const char* kPlacementColumns =
    "SELECT p.id, p.case_id, p.shelter, p.from_date, p.until_date, p.over_capacity_reason, "
    "p.created_at, p.created_by FROM placements p ";

Result<std::vector<ShelterRecord>> Shelters(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<ShelterRecord> out;
  for (const Row& r : *rows) {
    out.push_back(
        {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5), r.Text(6), r.Text(7)});
  }
  return out;
}

Result<std::vector<PlacementRecord>> Placements(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<PlacementRecord> out;
  for (const Row& r : *rows) {
    out.push_back(
        {r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.OptText(4), r.Text(5), r.Text(6), r.Text(7)});
  }
  return out;
}

}  // namespace

Result<int64_t> ShelterRepository::Add(const ShelterRecord& s) {
  auto rows = db_.Query(
      "INSERT INTO shelters (name, type, region, capacity, created_at, created_by, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Text(s.name), Text(s.type), Text(s.region), Int(s.capacity), Text(s.created_at),
       Text(s.created_by), Text(s.updated_at)});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Status ShelterRepository::Update(const ShelterRecord& s) {
  auto n = db_.Execute(
      "UPDATE shelters SET name = ?, type = ?, region = ?, capacity = ?, updated_at = ? "
      "WHERE id = ?",
      {Text(s.name), Text(s.type), Text(s.region), Int(s.capacity), Text(s.updated_at), Int(s.id)});
  if (!n) return n.error();
  if (*n == 0) return Error::NotFound(fmt::format("no shelter {}", s.id));
  return {};
}

Result<std::optional<ShelterRecord>> ShelterRepository::Find(int64_t id) {
  auto list = Shelters(db_.Query(std::string(kShelterColumns) + "WHERE id = ?", {Int(id)}));
  if (!list) return list.error();
  if (list->empty()) return std::optional<ShelterRecord>();
  return std::optional<ShelterRecord>(std::move(list->front()));
}

Result<std::vector<ShelterRecord>> ShelterRepository::List(std::string_view region) {
  if (region.empty())
    return Shelters(db_.Query(std::string(kShelterColumns) + "ORDER BY name, id"));
  return Shelters(db_.Query(std::string(kShelterColumns) + "WHERE region = ? ORDER BY name, id",
                            {Text(std::string(region))}));
}

Status ShelterRepository::AddPlacement(const PlacementRecord& p) {
  auto r = db_.Execute(
      "INSERT INTO placements (id, case_id, shelter, from_date, until_date, over_capacity_reason, "
      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {Text(p.id), Text(p.case_id), Int(p.shelter), Text(p.from), OptText(p.until),
       p.over_capacity_reason.empty() ? Null() : Text(p.over_capacity_reason), Text(p.created_at),
       Text(p.created_by)});
  if (!r) return r.error();
  return {};
}

Status ShelterRepository::EndPlacement(std::string_view id, std::string_view until) {
  auto n = db_.Execute("UPDATE placements SET until_date = ? WHERE id = ?",
                       {Text(std::string(until)), Text(std::string(id))});
  if (!n) return n.error();
  if (*n == 0) return Error::NotFound(fmt::format("no placement {}", id));
  return {};
}

Result<std::optional<PlacementRecord>> ShelterRepository::FindPlacement(std::string_view id) {
  auto list = Placements(
      db_.Query(std::string(kPlacementColumns) + "WHERE p.id = ?", {Text(std::string(id))}));
  if (!list) return list.error();
  if (list->empty()) return std::optional<PlacementRecord>();
  return std::optional<PlacementRecord>(std::move(list->front()));
}

Result<std::vector<PlacementRecord>> ShelterRepository::PlacementsInRegion(
    std::string_view region) {
  if (region.empty()) {
    return Placements(db_.Query(std::string(kPlacementColumns) + "ORDER BY p.from_date, p.id"));
  }
  return Placements(db_.Query(std::string(kPlacementColumns) +
                                  "JOIN shelters s ON s.id = p.shelter WHERE s.region = ? "
                                  "ORDER BY p.from_date, p.id",
                              {Text(std::string(region))}));
}

Result<std::vector<PlacementRecord>> ShelterRepository::PlacementsOfCase(std::string_view case_id) {
  return Placements(
      db_.Query(std::string(kPlacementColumns) + "WHERE p.case_id = ? ORDER BY p.from_date, p.id",
                {Text(std::string(case_id))}));
}

}  // namespace schakel::store
