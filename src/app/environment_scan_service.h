// Environment scan (omgevingsscan) use cases: register risk places and sectors of a municipality
// at neighbourhood level, review them (each review kept as history), and an overview by
// neighbourhood and sector without a map. No persons: places, sectors and indicators only.
// Reading asks the policy for kViewEnvironmentScan, changing for kManageEnvironmentScan; every
// change is audited in its transaction. Thread-safe as far as the Database is.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "domain/clock.h"
#include "store/db.h"
#include "store/scan_repository.h"

namespace schakel::app {

struct ScanPlaceInput {
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
};

struct ScanReviewInput {
  std::string risk;
  std::string reasoning;
  std::string indicators;
  std::string review_due;
};

// One cell of the overview: a neighbourhood × sector with its places and highest risk.
struct ScanCell {
  std::string neighbourhood;
  std::string sector;
  int places = 0;
  std::string highest_risk;
};

struct ScanOverview {
  std::string organisation;
  std::string today;
  std::vector<store::ScanPlaceRecord> places;  // by neighbourhood, sector, name
  std::vector<ScanCell> cells;                 // by neighbourhood, sector
  std::vector<store::ScanPlaceRecord> review_overdue;
  std::string last_review;  // ISO date of the latest review, "" without any
};

struct ScanPlaceView {
  store::ScanPlaceRecord place;
  std::vector<store::ScanReviewRecord> reviews;  // newest first; the last is the registration
};

class EnvironmentScanService {
 public:
  EnvironmentScanService(store::Database& database, const Clock& clock, const AuditTrail& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  Result<ScanOverview> Overview(std::string_view organisation, const Actor& actor);
  Result<ScanPlaceView> Place(int64_t id, const Actor& actor);
  // Registers the place; the registration is its first review. The organisation must be a
  // municipality; every field is checked first (errors name it).
  Result<ScanPlaceView> AddPlace(const ScanPlaceInput& input, const Actor& actor);
  // A new review of the place: its rating, reasoning, indicators and next review date.
  Result<ScanPlaceView> Review(int64_t id, const ScanReviewInput& input, const Actor& actor);

 private:
  std::string Today() const;
  Result<ScanPlaceView> Load(store::Db& db, int64_t id);
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace schakel::app
