// Sharing grants to chain partners (issue #6, docs/care.md "Sharing grants"): the case's own care
// coordinator shares a case with a partner organisation for a purpose, on a legal basis, for named
// field groups, until an expiry date, with the person's consent or a recorded override; the grant
// can be revoked. The partner's users then see exactly the field groups of the grants in force,
// nothing else and nothing once the grant expired or was revoked.
//
// The rules are care/sharing.h (ValidateGrant, CheckGrantInForce, RevokeGrant, PartnerView) and
// care/case_view.h; this file stores, authorizes (policy.h: kShareCase, kViewGrants,
// kViewSharedCase) and audits: "grant.create", "grant.revoke", "grant.list",
// "shared_case.list", and every partner read as "case.read" on the case plus one "case.read"
// per field group shown (object type "case.field_group.<group>"), so the trail says which groups
// a partner opened. Denials are audited by Authorize. The override and revoke reasons are
// encrypted ('sharing_grants', column, grant id).
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "care/care_data.h"
#include "care/case_view.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/sharing_repository.h"

namespace schakel::app {

struct GrantInput {
  std::string partner_organisation;  // organisation code of a chain partner
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> field_groups;  // care-data ids
  std::string expires_on;                 // YYYY-MM-DD, the last day in force
  bool consent_recorded = false;
  std::string override_reason;  // without consent: why it is shared anyway
};

// A grant as the coordinator sees it (reasons decrypted).
struct GrantView {
  store::GrantRecord record;  // ciphertext members cleared
  std::string partner_name;
  std::string override_reason;
  std::string revoke_reason;
  bool in_force = false;
  std::string not_in_force;  // why not, when not in force (care::CheckGrantInForce)
};

// A case shared with the actor's organisation, as listed for a partner user.
struct SharedCaseSummary {
  std::string case_id;
  std::string reference;                  // "Z000123"
  std::vector<std::string> field_groups;  // union of the grants in force
  std::string expires_on;                 // the latest last day in force
};

// What a partner user sees of one case: exactly the granted field groups.
struct SharedCaseView {
  std::string case_id;
  std::string reference;
  std::vector<std::string> field_groups;  // in care-data order
  care::CaseView fields;                  // only fields of those groups
  std::vector<GrantView> grants;          // the grants in force (purpose, basis, expiry)
};

class SharingService {
 public:
  // REQUIRES: every argument outlives the service.
  SharingService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                 const security::KeyRing& keys, const care::CareData& data,
                 security::RandomFill random = security::SystemRandom());

  const care::CareData& data() const { return data_; }

  // The case's own care coordinator shares it. kInvalid naming the field (partner_organisation
  // for an unknown organisation or one that is not a chain partner; purpose; legal_basis;
  // field_groups[i]; expires_on; consent).
  Result<GrantView> Grant(const Actor& actor, std::string_view case_id, const GrantInput& input);
  // Revokes from today; kConflict when already revoked; `reason` is required.
  Result<GrantView> Revoke(const Actor& actor, std::string_view grant_id, std::string_view reason);
  // Every grant of the case (for the region's care coordinators).
  Result<std::vector<GrantView>> ForCase(const Actor& actor, std::string_view case_id);
  // Whether the actor may share this case (the case page shows the form only then); not audited.
  bool MayShare(const Actor& actor, std::string_view case_id);

  // The cases shared with the actor's organisation by a grant in force today.
  Result<std::vector<SharedCaseSummary>> SharedWithMe(const Actor& actor);
  // One such case, exactly the granted field groups. Audited.
  Result<SharedCaseView> SharedCase(const Actor& actor, std::string_view case_id);

  // The partner organisations holding a grant in force for the case on `today` (YYYY-MM-DD):
  // what the policy Resource of a case carries in `shared_with`.
  static Result<std::vector<std::string>> PartnersInForce(store::Db& db, std::string_view case_id,
                                                          std::string_view today);

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const care::CareData& data_;
  security::RandomFill random_;
};

}  // namespace schakel::app
