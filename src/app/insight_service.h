// Insight use cases: the regional dashboard and the national monitor (aggregates of signals after
// disclosure control, with the stored estimates), and estimates of the hidden number of victims
// of a region: computed from an uploaded capture-history table and, when asked, stored.
//
// Need-to-know (policy.h): the region's policy officers and chain director see its dashboard and
// store its estimates (kViewRegionInsight, kStoreEstimate); monitors see the national monitor
// (kViewNationalInsight). Nobody sees a row: only tables after ProtectTable leave this service.
// Every view is audited as "insight.read" (object: the region, or "national"), every stored
// estimate as "estimate.store" in the transaction that stores it. Thread-safe as far as the
// Database is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/insight_tables.h"
#include "domain/clock.h"
#include "store/db.h"
#include "store/estimate_repository.h"

namespace schakel::app {

struct InsightOptions {
  int year = 0;           // 0: the current year
  int rounding_base = 0;  // 0: exact; else published values rounded to this base (e.g. 5)
  std::int64_t threshold = 10;
};

struct InsightView {
  std::string scope;  // region code, or "national"
  int year = 0;
  stats::DisclosureOptions disclosure;
  std::vector<ProtectedTable> tables;
  std::vector<store::EstimateRecord> estimates;  // newest first
};

struct EstimateInput {
  std::string region;
  std::string period;  // YYYY
  std::string csv;     // one 0/1 column per list and `count` (as `schakel estimate`)
  std::string method = "stepwise";
};

class InsightService {
 public:
  InsightService(store::Database& database, const Clock& clock, const AuditTrail& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  // The regional dashboard. kNotFound for an unknown region, kInvalid (field "regio") for an
  // organisation that is not a safety region.
  Result<InsightView> Region(std::string_view region, const InsightOptions& options,
                             const Actor& actor);
  Result<InsightView> National(const InsightOptions& options, const Actor& actor);
  // Whether the actor may make and store estimates for the region (a denial is audited).
  Status MayStore(std::string_view region, const Actor& actor);
  // The safety regions the actor may see a dashboard of (in code order).
  Result<std::vector<std::string>> RegionsFor(const Actor& actor);

  // Computes without storing (the record has id 0). Errors name the field: "regio", "periode",
  // "tabel", "methode". (The figures only, so that callers need not see the model's matrices.)
  Result<store::EstimateRecord> Compute(const EstimateInput& input, const Actor& actor);
  // Computes and stores, audited. Same errors.
  Result<store::EstimateRecord> Store(const EstimateInput& input, const Actor& actor);

 private:
  std::string Today() const;
  Status CheckRegion(store::Db& db, std::string_view region);
  Result<store::EstimateRecord> Validate(const EstimateInput& input, const Actor& actor);
  stats::DisclosureOptions Disclosure(const InsightOptions& options) const;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace schakel::app
