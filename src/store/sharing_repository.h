// Sharing grants and case conferences as stored (migration 9). The override and revoke reasons,
// the minutes and the decision texts arrive here already encrypted by the app layer
// (app/sharing_service, app/conference_service) and are never decrypted in this layer.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct GrantRecord {
  std::string id;  // UUID
  std::string case_id;
  std::string partner_organisation;
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> field_groups;
  std::string granted_on;  // YYYY-MM-DD
  std::string expires_on;  // the last day in force
  bool consent_recorded = false;
  std::optional<std::string> override_reason;  // ciphertext
  std::string granted_by;                      // user id
  std::string granted_at;                      // UTC instant
  std::optional<std::string> revoked_on;       // not in force from this day on
  std::optional<std::string> revoked_by;
  std::optional<std::string> revoked_at;
  std::optional<std::string> revoke_reason;  // ciphertext
};

class SharingRepository {
 public:
  explicit SharingRepository(Db& db) : db_(db) {}

  Status Insert(const GrantRecord& grant);
  Result<std::optional<GrantRecord>> Find(std::string_view id);
  // Every grant of the case, newest first (in force, expired and revoked alike).
  Result<std::vector<GrantRecord>> ForCase(std::string_view case_id);
  // Every grant to the partner organisation, newest first.
  Result<std::vector<GrantRecord>> ForPartner(std::string_view organisation);
  // Records the revocation; kConflict when the grant was already revoked (or does not exist).
  Status Revoke(std::string_view id, std::string_view revoked_on, std::string_view revoked_by,
                std::string_view revoked_at, const std::optional<std::string>& reason);

 private:
  Db& db_;
};

struct ConferenceDecisionRecord {
  std::string id;
  std::string conference;
  std::string case_id;
  std::string text;  // ciphertext
  std::string domain;
  std::string responsible_organisation;
  std::optional<std::string> due_on;
  std::string care_plan_item;  // id of the care-plan item the decision became
  std::string decided_by;
  std::string decided_at;
};

struct ConferenceRecord {
  std::string id;  // UUID
  std::string region;
  std::string held_on;  // YYYY-MM-DD
  std::string title;
  std::optional<std::string> minutes;     // ciphertext
  std::vector<std::string> participants;  // organisation codes
  std::vector<std::string> agenda;        // case ids, in order
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

class ConferenceRepository {
 public:
  explicit ConferenceRepository(Db& db) : db_(db) {}

  // The conference with its participants and agenda.
  Status Insert(const ConferenceRecord& conference);
  Result<std::optional<ConferenceRecord>> Find(std::string_view id);
  // Conferences of any of the regions, or with any of the organisations participating; newest
  // first.
  Result<std::vector<ConferenceRecord>> List(const std::vector<std::string>& regions,
                                             const std::vector<std::string>& participants);
  Status SetMinutes(std::string_view id, const std::optional<std::string>& minutes,
                    std::string_view updated_at);
  Status AddDecision(const ConferenceDecisionRecord& decision);
  Result<std::vector<ConferenceDecisionRecord>> Decisions(std::string_view conference);

 private:
  Result<ConferenceRecord> WithMembers(ConferenceRecord c);
  Db& db_;
};

}  // namespace schakel::store
