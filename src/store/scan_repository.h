// The environment scan (omgevingsscan) of a municipality: risk places and sectors at
// neighbourhood level with indicators, sources, a risk rating with reasoning, an owner and a
// review date, and the history of every review (the first is the registration itself).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct ScanReviewRecord {
  int64_t id = 0;
  int64_t place = 0;
  std::string reviewed_on;  // ISO date
  std::string reviewed_by;
  std::string risk;  // low | medium | high
  std::string reasoning;
  std::string indicators;
  std::string review_due;
};

struct ScanPlaceRecord {
  int64_t id = 0;
  std::string organisation;
  std::string name;
  std::string sector;
  std::string neighbourhood;
  std::string indicators;
  std::string sources;
  std::string risk;
  std::string reasoning;
  std::string owner;
  std::string review_due;
  std::string created_at;
  std::string created_by;
};

class ScanRepository {
 public:
  explicit ScanRepository(Db& db) : db_(db) {}
  Result<int64_t> AddPlace(const ScanPlaceRecord& p);
  Result<std::optional<ScanPlaceRecord>> FindPlace(int64_t id);
  // Places of the organisation by neighbourhood, sector and name.
  Result<std::vector<ScanPlaceRecord>> Places(std::string_view organisation);
  // Appends the review and makes its rating, reasoning, indicators and due date current.
  Result<int64_t> AddReview(const ScanReviewRecord& r);
  // Reviews of one place, or of every place of an organisation; newest first.
  Result<std::vector<ScanReviewRecord>> Reviews(int64_t place);
  Result<std::vector<ScanReviewRecord>> ReviewsOf(std::string_view organisation);

 private:
  Db& db_;
};

}  // namespace schakel::store
