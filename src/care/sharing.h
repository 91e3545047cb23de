// Sharing grants: a care coordinator shares a case with a chain partner for a purpose, on a legal
// basis, for named field groups, until an expiry date, with the person's consent or a recorded
// override; the grant can be revoked. The partner's view shows exactly the field groups of the
// grants in force for that partner (design.md, "Organisations, roles, need-to-know"). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/amsterdam_time.h"
#include "care/care_data.h"
#include "care/case_view.h"
#include "care/consent.h"
#include "domain/result.h"

namespace schakel::care {

struct SharingGrant {
  std::string id;
  std::string case_id;
  std::string partner_organisation;
  std::string purpose;      // what the partner needs the data for
  std::string legal_basis;  // the ground for sharing (AVG art. 6/9, Wmo 2015, Jeugdwet, …)
  std::vector<std::string> field_groups;
  Date granted_on;
  Date expires_on;                 // the last day the grant is in force
  std::optional<Date> revoked_on;  // not in force from this day on
  Consent consent;
};

// A new grant is complete: partner, purpose and legal basis not blank, field groups known and not
// empty, expiry on or after the day of granting, consent or override. kInvalid naming the field
// ("partner_organisation", "purpose", "legal_basis", "field_groups[i]", "expires_on", "consent").
Status ValidateGrant(const SharingGrant& grant, const CareData& data);

// OK while the grant is in force on `today`: from granted_on through expires_on, and before any
// revocation. Otherwise kForbidden saying since when and why not.
Status CheckGrantInForce(const SharingGrant& grant, Date today);

// The grant revoked from `on`; kConflict when it was already revoked, kInvalid ("revoked_on") for
// a day before it was granted.
Result<SharingGrant> RevokeGrant(const SharingGrant& grant, Date on);

// What `partner` sees of the case on `today`: the union of the field groups of its grants in
// force for this case; nothing without one.
CaseView PartnerView(const CaseView& view, std::string_view case_id,
                     const std::vector<SharingGrant>& grants, std::string_view partner, Date today,
                     const CareData& data);

}  // namespace schakel::care
