#include "care/sharing.h"

#include <fmt/format.h>

namespace schakel::care {

Status ValidateGrant(const SharingGrant& g, const CareData& data) {
  if (IsBlank(g.partner_organisation)) {
    return Error::Invalid("partner_organisation", "name the partner the case is shared with");
  }
  if (IsBlank(g.purpose)) return Error::Invalid("purpose", "say what the partner needs it for");
  if (IsBlank(g.legal_basis)) {
    return Error::Invalid("legal_basis", "name the legal basis for sharing");
  }
  if (Status s = CheckFieldGroups(g.field_groups, data); !s) return s;
  if (!g.expires_on.ok() || DaysBetween(g.granted_on, g.expires_on) < 0) {
    return Error::Invalid("expires_on", "the grant must expire on or after the day it is given");
  }
  return CheckConsent(g.consent, "consent", "sharing the case");
}

Status CheckGrantInForce(const SharingGrant& g, Date today) {
  if (g.revoked_on && DaysBetween(*g.revoked_on, today) >= 0) {
    return Error::Forbidden(fmt::format("the grant was revoked on {}", FormatDate(*g.revoked_on)));
  }
  if (DaysBetween(g.granted_on, today) < 0) {
    return Error::Forbidden(fmt::format("the grant is in force from {}", FormatDate(g.granted_on)));
  }
  if (DaysBetween(today, g.expires_on) < 0) {
    return Error::Forbidden(fmt::format("the grant expired after {}", FormatDate(g.expires_on)));
  }
  return Status::Ok();
}

Result<SharingGrant> RevokeGrant(const SharingGrant& grant, Date on) {
  if (grant.revoked_on) {
    return Error::Conflict(
        fmt::format("the grant was already revoked on {}", FormatDate(*grant.revoked_on)));
  }
  if (DaysBetween(grant.granted_on, on) < 0) {
    return Error::Invalid("revoked_on", "a grant cannot be revoked before it was given");
  }
  SharingGrant out = grant;
  out.revoked_on = on;
  return out;
}

CaseView PartnerView(const CaseView& view, std::string_view case_id,
                     const std::vector<SharingGrant>& grants, std::string_view partner, Date today,
                     const CareData& data) {
  std::vector<std::string> granted;
  for (const SharingGrant& g : grants) {
    if (g.case_id != case_id || g.partner_organisation != partner) continue;
    if (!CheckGrantInForce(g, today)) continue;
    granted.insert(granted.end(), g.field_groups.begin(), g.field_groups.end());
  }
  return FilterCaseView(view, granted, data);
}

}  // namespace schakel::care
