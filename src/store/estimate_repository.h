// Stored estimates of the hidden number of victims of a region (migration 11). An estimate holds
// only counts and model output: the capture-history table it was made from (people per
// combination of lists), the chosen model and the intervals; never a person.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct EstimateRecord {
  int64_t id = 0;
  std::string region;  // region code (VR17)
  std::string period;  // year, "2026"
  std::vector<std::string> lists;
  std::string model;   // "main effects + A:B"
  std::string method;  // main, stepwise, aic, bic
  int64_t observed = 0;
  double hidden = 0;  // estimated number on no list
  double total = 0;   // observed + hidden
  double ci_low = 0;  // 95% profile-likelihood interval of the total
  double ci_high = 0;
  std::vector<std::string> structural_zeros;  // "A:B"
  std::string input_table;                    // the capture-history CSV as uploaded (counts)
  std::string created_by;                     // user id
  std::string created_at;
};

class EstimateRepository {
 public:
  explicit EstimateRepository(Db& db) : db_(db) {}

  // The new id. Call inside the write transaction that audits it.
  Result<int64_t> Insert(const EstimateRecord& record);
  Result<std::optional<EstimateRecord>> Find(int64_t id);
  // Newest first; an empty list of regions means every region.
  Result<std::vector<EstimateRecord>> List(const std::vector<std::string>& regions);
  // Whether any estimate exists for one of these regions.
  Result<bool> AnyFor(const std::vector<std::string>& regions);

 private:
  Db& db_;
};

}  // namespace schakel::store
