// Referrals and transfers of cases to another organisation or region, as stored (migration 12).
// The consent override and the reason of a rejection or revocation arrive encrypted by
// app/referral_service and are never decrypted in this layer.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct ReferralRecord {
  std::string id;  // UUID
  std::string case_id;
  std::string kind;  // referral | transfer
  std::string to_organisation;
  std::optional<std::string> to_region;   // a transfer's receiving region
  std::vector<std::string> field_groups;  // care-data ids: what the receiver may see
  bool consent_recorded = false;
  std::optional<std::string> consent_override;  // ciphertext
  std::string state;                            // care::ReferralStateName
  std::optional<std::string> reason;            // ciphertext: why rejected or revoked
  std::string created_by;                       // user id
  std::string created_at;                       // UTC instant
  std::string updated_by;
  std::string updated_at;
};

class ReferralRepository {
 public:
  explicit ReferralRepository(Db& db) : db_(db) {}

  Status Insert(const ReferralRecord& r);
  // Moves the referral from `from_state` to r.state with r.reason, r.updated_by and
  // r.updated_at; kConflict when it is no longer in `from_state` (or does not exist), so two
  // answers at once cannot both win.
  Status UpdateState(const ReferralRecord& r, std::string_view from_state);
  Result<std::optional<ReferralRecord>> Find(std::string_view id);
  // Of one case, newest first.
  Result<std::vector<ReferralRecord>> OfCase(std::string_view case_id);
  // Addressed to any of the organisations, newest first.
  Result<std::vector<ReferralRecord>> To(const std::vector<std::string>& organisations);

 private:
  Db& db_;
};

}  // namespace schakel::store
