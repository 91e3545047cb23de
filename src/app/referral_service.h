// Referrals and transfers with consent (issue #6, docs/care.md "Referrals and transfers"): the
// care coordinator of a case's region refers the case to another organisation for part of the
// care, or transfers it to another organisation and region, with the person's recorded consent
// or an override with its reason, naming the field groups the receiver may see. The receiver
// accepts, rejects (with a reason) and completes; the sender revokes (with a reason).
//
// Rules: care::ValidateReferral, care::ApplyReferralStep, care::ReceiverView (care/referral.h).
// Who (policy.h): kReferCase on the case — create, revoke, the case's list; kReceiveReferral —
// accept, reject, complete, the receiver's list and view. A referral's policy Resource is its
// case's (CaseResource) with the receiving organisation in `shared_with` while the referral is
// in progress, accepted or done: once rejected or revoked the receiver has no access at all.
// Every denial is audited by Authorize; every change is written with its audit event in one
// transaction ("referral.create", "referral.consent_override", "referral.accept", …); the
// receiver's view as "referral.read" (plus "person.read" when the identity group is granted);
// lists as "referral.list". The consent override and the reasons are encrypted per field
// ('referrals', column, referral id).
//
// For the case lifecycle, TransferAccepted answers CaseFactQueries::transfer_accepted.
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/case_service.h"
#include "care/care_data.h"
#include "care/case_view.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/referral_repository.h"

namespace schakel::app {

struct ReferralInput {
  std::string kind;  // referral | transfer
  std::string to_organisation;
  std::string to_region;  // a transfer: the receiving region
  std::vector<std::string> field_groups;
  bool consent_recorded = false;
  std::string override_reason;  // without consent: why it goes ahead anyway
};

// A referral as its sender sees it (texts decrypted; the receiver gets it without the override).
struct ReferralView {
  store::ReferralRecord record;  // ciphertext members cleared
  std::string case_reference;    // "Z000123"
  std::string to_name;           // the receiving organisation's name
  std::string to_region_name;
  std::string consent_override;
  std::string reason;  // why rejected or revoked
};

// What the receiving organisation sees: the referral and exactly the granted field groups.
struct ReceivedReferral {
  ReferralView referral;                  // consent_override cleared
  std::vector<std::string> field_groups;  // granted, in care-data order
  care::CaseView fields;                  // only fields of those groups that hold a value
};

class ReferralService {
 public:
  // REQUIRES: every argument outlives the service.
  ReferralService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                  const security::KeyRing& keys, const care::CareData& data, CaseService& cases,
                  security::RandomFill random = security::SystemRandom());

  const care::CareData& data() const { return data_; }

  // kInvalid naming "kind", "to_organisation", "to_region", "field_groups[i]" or "consent";
  // kConflict (field "case") when the case is closed or transferred, or already has a transfer
  // in progress or accepted.
  Result<ReferralView> Create(const Actor& actor, std::string_view case_id,
                              const ReferralInput& input);
  // "accept" | "reject" | "complete" (the receiver) or "revoke" (the sender); reject and revoke
  // need a reason (field "reason"); kConflict when the state does not allow the step.
  Result<ReferralView> Step(const Actor& actor, std::string_view referral_id,
                            std::string_view action, std::string_view reason);
  // The case's referrals and transfers, newest first (the case region's coordinators).
  Result<std::vector<ReferralView>> OfCase(const Actor& actor, std::string_view case_id);
  // Whether the actor may refer this case (the case page shows the section only then); not
  // audited.
  bool MayRefer(const Actor& actor, std::string_view case_id);
  // The live referrals (in progress, accepted, done) addressed to the actor's organisation, or
  // to a region the actor serves as care coordinator; newest first.
  Result<std::vector<ReferralView>> Received(const Actor& actor);
  // The receiver's view of the case: exactly the granted field groups. Audited.
  Result<ReceivedReferral> Open(const Actor& actor, std::string_view referral_id);

  // Whether the case has a transfer that the receiver accepted (or completed): the fact the
  // case lifecycle's "transfer" needs. Answers inside the caller's transaction.
  static Result<bool> TransferAccepted(store::Db& db, std::string_view case_id);

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const care::CareData& data_;
  CaseService& cases_;
  security::RandomFill random_;
};

}  // namespace schakel::app
