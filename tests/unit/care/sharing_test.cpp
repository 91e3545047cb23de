// Sharing grants: the checks on a new grant, when it is in force, revoking, and the partner's
// view showing exactly the groups of the grants in force.
#include "care/sharing.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;
using testing::ShippedCareData;

SharingGrant Grant() {
  SharingGrant g;
  g.id = "g1";
  g.case_id = "c1";
  g.partner_organisation = "police-ams";
  g.purpose = "protect the person during the investigation";
  g.legal_basis = "AVG art. 6(1)(e); Politiewet";
  g.field_groups = {"contact"};
  g.granted_on = D("2026-03-01");
  g.expires_on = D("2026-05-31");
  g.consent.recorded = true;
  return g;
}

using InvalidRow = testing::InvalidCase<SharingGrant>;

class InvalidGrantTest : public ::testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidGrantTest, IsRefusedNamingTheField) {
  testing::ExpectRefusedNamingField(Grant(), GetParam(), [](const SharingGrant& g) {
    return ValidateGrant(g, ShippedCareData());
  });
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, InvalidGrantTest,
    ::testing::Values(
        InvalidRow{"NoPartner", [](SharingGrant& g) { g.partner_organisation = ""; },
                   "partner_organisation"},
        InvalidRow{"NoPurpose", [](SharingGrant& g) { g.purpose = " "; }, "purpose"},
        InvalidRow{"NoLegalBasis", [](SharingGrant& g) { g.legal_basis = ""; }, "legal_basis"},
        InvalidRow{"NoGroups", [](SharingGrant& g) { g.field_groups = {}; }, "field_groups"},
        InvalidRow{"UnknownGroup", [](SharingGrant& g) { g.field_groups = {"x"}; },
                   "field_groups[0]"},
        InvalidRow{"ExpiresBeforeGranted", [](SharingGrant& g) { g.expires_on = D("2026-02-28"); },
                   "expires_on"},
        InvalidRow{"NoConsent", [](SharingGrant& g) { g.consent = {}; }, "consent"}),
    testing::ParamName());

TEST(SharingTest, AGrantIsInForceFromGrantingThroughItsExpiryDay) {
  const SharingGrant g = Grant();
  EXPECT_TRUE(ValidateGrant(g, ShippedCareData()));
  EXPECT_FALSE(CheckGrantInForce(g, D("2026-02-28")));
  EXPECT_TRUE(CheckGrantInForce(g, D("2026-03-01")));
  EXPECT_TRUE(CheckGrantInForce(g, D("2026-05-31")));
  Status expired = CheckGrantInForce(g, D("2026-06-01"));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kForbidden);
  EXPECT_NE(expired.error().message.find("expired after 2026-05-31"), std::string::npos);
}

TEST(SharingTest, ARevokedGrantIsNotInForceFromTheDayOfRevoking) {
  auto revoked = RevokeGrant(Grant(), D("2026-04-01"));
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(CheckGrantInForce(*revoked, D("2026-03-31")));
  EXPECT_EQ(CheckGrantInForce(*revoked, D("2026-04-01")).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(RevokeGrant(*revoked, D("2026-04-02")).error().code, ErrorCode::kConflict);
  EXPECT_EQ(RevokeGrant(Grant(), D("2026-02-01")).error().field, "revoked_on");
}

TEST(SharingTest, ThePartnerSeesExactlyTheGroupsOfItsGrantsInForce) {
  const CaseView view = {{"full_name", "A. Person"},
                         {"phone", "0612345678"},
                         {"address", "Damstraat 1"},
                         {"reflection_outcome", "cooperates"},
                         {"notes", "private"}};
  SharingGrant reflection = Grant();
  reflection.id = "g2";
  reflection.field_groups = {"reflection_period"};
  reflection.expires_on = D("2026-03-31");
  SharingGrant other_partner = Grant();
  other_partner.partner_organisation = "kmar";
  other_partner.field_groups = {"identity"};
  SharingGrant other_case = Grant();
  other_case.case_id = "c2";
  other_case.field_groups = {"identity"};
  const std::vector<SharingGrant> grants = {Grant(), reflection, other_partner, other_case};
  const CareData& data = ShippedCareData();
  EXPECT_EQ(PartnerView(view, "c1", grants, "police-ams", D("2026-03-15"), data),
            (CaseView{{"address", "Damstraat 1"},
                      {"phone", "0612345678"},
                      {"reflection_outcome", "cooperates"}}));
  EXPECT_EQ(PartnerView(view, "c1", grants, "police-ams", D("2026-04-01"), data),
            (CaseView{{"address", "Damstraat 1"}, {"phone", "0612345678"}}));
  EXPECT_TRUE(PartnerView(view, "c1", grants, "police-ams", D("2026-06-01"), data).empty());
  EXPECT_TRUE(PartnerView(view, "c1", grants, "nla", D("2026-03-15"), data).empty());
}

}  // namespace
}  // namespace schakel::care
