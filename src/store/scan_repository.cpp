#include "store/scan_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kPlaceColumns =
    "SELECT id, organisation, name, sector, neighbourhood, indicators, sources, risk, reasoning, "
    "owner, review_due, created_at, created_by FROM scan_places ";
constexpr const char* kReviewColumns =
    "SELECT r.id, r.place, r.reviewed_on, r.reviewed_by, r.risk, r.reasoning, r.indicators, "
    "r.review_due FROM scan_reviews r ";

ScanPlaceRecord PlaceFromRow(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Text(2), r.Text(3),  r.Text(4),  r.Text(5), r.Text(6),
          r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12)};
}

Result<std::vector<ScanReviewRecord>> ReviewsFrom(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<ScanReviewRecord> out;
  for (const Row& r : *rows) {
    out.push_back(
        {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
  }
  return out;
}

}  // namespace

Result<int64_t> ScanRepository::AddPlace(const ScanPlaceRecord& p) {
  auto rows = db_.Query(
      "INSERT INTO scan_places (organisation, name, sector, neighbourhood, indicators, sources, "
      "risk, reasoning, owner, review_due, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?) RETURNING id",
      {Text(p.organisation), Text(p.name), Text(p.sector), Text(p.neighbourhood),
       Text(p.indicators), Text(p.sources), Text(p.risk), Text(p.reasoning), Text(p.owner),
       Text(p.review_due), Text(p.created_at), Text(p.created_by)});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Result<std::optional<ScanPlaceRecord>> ScanRepository::FindPlace(int64_t id) {
  auto rows = db_.Query(std::string(kPlaceColumns) + "WHERE id = ?", {Int(id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ScanPlaceRecord>();
  return std::optional<ScanPlaceRecord>(PlaceFromRow(rows->front()));
}

Result<std::vector<ScanPlaceRecord>> ScanRepository::Places(std::string_view organisation) {
  auto rows = db_.Query(std::string(kPlaceColumns) +
                            "WHERE organisation = ? ORDER BY neighbourhood, sector, name, id",
                        {Text(std::string(organisation))});
  if (!rows) return rows.error();
  std::vector<ScanPlaceRecord> out;
  for (const Row& r : *rows) out.push_back(PlaceFromRow(r));
  return out;
}

Result<int64_t> ScanRepository::AddReview(const ScanReviewRecord& r) {
  auto rows = db_.Query(
      "INSERT INTO scan_reviews (place, reviewed_on, reviewed_by, risk, reasoning, indicators, "
      "review_due) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Int(r.place), Text(r.reviewed_on), Text(r.reviewed_by), Text(r.risk), Text(r.reasoning),
       Text(r.indicators), Text(r.review_due)});
  if (!rows) return rows.error();
  auto updated = db_.Execute(
      "UPDATE scan_places SET risk = ?, reasoning = ?, indicators = ?, review_due = ? WHERE id = ?",
      {Text(r.risk), Text(r.reasoning), Text(r.indicators), Text(r.review_due), Int(r.place)});
  if (!updated) return updated.error();
  return rows->front().Int(0);
}

Result<std::vector<ScanReviewRecord>> ScanRepository::Reviews(int64_t place) {
  return ReviewsFrom(db_.Query(
      std::string(kReviewColumns) + "WHERE r.place = ? ORDER BY r.reviewed_on DESC, r.id DESC",
      {Int(place)}));
}

Result<std::vector<ScanReviewRecord>> ScanRepository::ReviewsOf(std::string_view organisation) {
  return ReviewsFrom(db_.Query(std::string(kReviewColumns) +
                                   "JOIN scan_places p ON p.id = r.place WHERE p.organisation = ? "
                                   "ORDER BY r.reviewed_on DESC, r.id DESC",
                               {Text(std::string(organisation))}));
}

}  // namespace schakel::store
