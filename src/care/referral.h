// Referral and transfer of a case to another organisation or region, as a state machine:
//
//   in_progress ─accept─▶ accepted ─complete─▶ done
//   in_progress ─reject(reason)─▶ rejected
//   in_progress, accepted ─revoke(reason)─▶ revoked
//
// A referral asks another organisation to provide part of the care; a transfer hands the whole
// case over (the case lifecycle's `transfer` needs an accepted transfer). Each needs the
// person's recorded consent or an override with its reason, and names the field groups the
// receiver may see; the receiver sees exactly those, and nothing once rejected or revoked.
// Pure; the use case audits every step.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/care_data.h"
#include "care/case_view.h"
#include "care/consent.h"
#include "domain/result.h"

namespace schakel::care {

enum class ReferralKind { kReferral, kTransfer };
const char* ReferralKindName(ReferralKind k);  // "referral", "transfer"

enum class ReferralState { kInProgress, kAccepted, kRejected, kDone, kRevoked };
// "in_progress", "accepted", "rejected", "done", "revoked"
const char* ReferralStateName(ReferralState s);
std::optional<ReferralState> ParseReferralState(std::string_view name);

enum class ReferralAction { kAccept, kReject, kComplete, kRevoke };
const char* ReferralActionName(ReferralAction a);  // "accept", "reject", "complete", "revoke"
std::optional<ReferralAction> ParseReferralAction(std::string_view name);

struct Referral {
  std::string id;
  ReferralKind kind = ReferralKind::kReferral;
  std::string case_id;
  std::string to_organisation;  // the receiving organisation
  std::string to_region;        // for a transfer to another region; may be empty otherwise
  std::vector<std::string> field_groups;  // what the receiver may see
  Consent consent;
  ReferralState state = ReferralState::kInProgress;
};

// A new referral or transfer is complete: receiver named ("to_organisation"), a transfer names
// the receiving region too ("to_region"), field groups known and not empty ("field_groups[i]"),
// consent or override ("consent"). kInvalid naming the field.
Status ValidateReferral(const Referral& referral, const CareData& data);

struct ReferralStep {
  ReferralAction action = ReferralAction::kAccept;
  std::string reason;  // reject, revoke: why (shown to the other side)
};

// The state after `step`, or why not: kConflict when the state does not allow the action,
// kInvalid (field "reason") for a reject or revoke without a reason.
Result<ReferralState> ApplyReferralStep(ReferralState from, const ReferralStep& step);

// What the receiver sees of the case: the granted field groups while the referral is in progress,
// accepted or done; nothing once it is rejected or revoked.
CaseView ReceiverView(const Referral& referral, const CaseView& view, const CareData& data);

}  // namespace schakel::care
