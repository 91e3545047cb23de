// The authorization policy as a full matrix: every role × every action × every ownership relation,
// against an explicit table of what is allowed. Anything not in the table must be denied.
#include "app/policy.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace schakel::app {
namespace {

// The caller's relation to the object: a record the caller made, one of the caller's organisation
// made by a colleague, one of another municipality in the caller's region, one of an unrelated
// organisation shared with the caller's organisation by a grant, and one that is unrelated.
enum class Ownership { kOwn, kSameOrganisation, kSameRegion, kSharedByGrant, kUnrelated };
constexpr Ownership kAllOwnerships[] = {Ownership::kOwn, Ownership::kSameOrganisation,
                                        Ownership::kSameRegion, Ownership::kSharedByGrant,
                                        Ownership::kUnrelated};
const char* OwnershipName(Ownership o) {
  switch (o) {
    case Ownership::kOwn:
      return "own";
    case Ownership::kSameOrganisation:
      return "same_organisation";
    case Ownership::kSameRegion:
      return "same_region";
    case Ownership::kSharedByGrant:
      return "shared_by_grant";
    case Ownership::kUnrelated:
      return "unrelated";
  }
  return "?";
}

Principal As(Role role) {
  Principal p;
  p.user = "user-1";
  p.organisation = "GM0014";
  p.organisation_kind = "municipality";
  p.regions = {"VR01"};
  p.roles = {role};
  return p;
}

Resource On(Ownership o) {
  switch (o) {
    case Ownership::kOwn:
      return {"GM0014", {"VR01"}, "user-1", {}};
    case Ownership::kSameOrganisation:
      return {"GM0014", {"VR01"}, "user-2", {}};
    case Ownership::kSameRegion:
      return {"GM0037", {"VR01"}, "user-3", {}};
    case Ownership::kSharedByGrant:
      return {"GM0363", {"VR13"}, "user-4", {"GM0014"}};
    case Ownership::kUnrelated:
      return {"GM0363", {"VR13"}, "user-5", {}};
  }
  return {};
}

using Key = std::tuple<Role, Action, Ownership>;

// The allowed cells, written from the design's role table. Everything else is denied.
std::set<Key> Allowed() {
  using O = Ownership;
  std::set<Key> allowed;
  auto allow = [&](Role r, Action a, std::initializer_list<Ownership> os) {
    for (Ownership o : os) allowed.insert({r, a, o});
  };
  const auto all = {O::kOwn, O::kSameOrganisation, O::kSameRegion, O::kSharedByGrant,
                    O::kUnrelated};
  const auto organisation = {O::kOwn, O::kSameOrganisation};
  const auto region = {O::kOwn, O::kSameOrganisation, O::kSameRegion};
  for (Role r : AllRoles()) allow(r, Action::kViewReferenceData, all);
  for (Action a : {Action::kViewAssessment, Action::kEditAssessment, Action::kSubmitAssessment}) {
    allow(Role::kPolicyOfficer, a, organisation);
  }
  allow(Role::kChainDirector, Action::kViewAssessment, region);
  allow(Role::kPolicyOfficer, Action::kViewRegionRollup, region);
  allow(Role::kChainDirector, Action::kViewRegionRollup, region);
  allow(Role::kMonitor, Action::kViewRegionRollup, all);
  for (Role r : {Role::kMonitor, Role::kPolicyOfficer, Role::kChainDirector}) {
    allow(r, Action::kViewNationalRollup, all);
  }
  allow(Role::kAuditor, Action::kReadAudit, all);
  allow(Role::kAdmin, Action::kManageUsers, organisation);
  // Persons: care coordinators of the region; signallers register for their organisation and
  // keep seeing what they registered themselves; partners see what was shared with them.
  allow(Role::kCareCoordinator, Action::kCreatePerson, region);
  allow(Role::kCareCoordinator, Action::kViewPerson, region);
  allow(Role::kCareCoordinator, Action::kEditPerson, region);
  allow(Role::kSignaller, Action::kCreatePerson, organisation);
  allow(Role::kSignaller, Action::kViewPerson, {O::kOwn});
  allow(Role::kSignaller, Action::kEditPerson, {O::kOwn});
  allow(Role::kPartner, Action::kViewPerson, {O::kSharedByGrant});
  // Signals: filed by signallers for their organisation and care coordinators of the region;
  // content and triage only for the region's care coordinators; signallers follow the status
  // of their own signals.
  allow(Role::kSignaller, Action::kFileSignal, organisation);
  allow(Role::kCareCoordinator, Action::kFileSignal, region);
  allow(Role::kCareCoordinator, Action::kViewSignal, region);
  allow(Role::kCareCoordinator, Action::kTriageSignal, region);
  allow(Role::kCareCoordinator, Action::kViewSignalStatus, region);
  allow(Role::kSignaller, Action::kViewSignalStatus, {O::kOwn});
  // Kader in practice: the municipality's policy officers keep its registers and write and
  // publish its practices; the region's chain director reads the environment scan. Unpublished
  // practices (the resources here) stay with the policy officers.
  for (Action a :
       {Action::kManageTraining, Action::kManageEnvironmentScan, Action::kViewEnvironmentScan,
        Action::kViewPractice, Action::kEditPractice, Action::kPublishPractice}) {
    allow(Role::kPolicyOfficer, a, organisation);
  }
  allow(Role::kChainDirector, Action::kViewEnvironmentScan, region);
  // Record linkage: suggestions and decisions follow the signal's readers, the region's care
  // coordinators; signallers, partners and everyone outside the region see no suggestions.
  allow(Role::kCareCoordinator, Action::kViewMatches, region);
  allow(Role::kCareCoordinator, Action::kDecideMatch, region);
  // Insight: the region's policy officers and chain director see its protected aggregates and
  // store its estimates; the national monitor is the monitor's. Monitors do not see regional
  // dashboards (with the national figures they would undo the suppression by differencing).
  for (Role r : {Role::kPolicyOfficer, Role::kChainDirector}) {
    allow(r, Action::kViewRegionInsight, region);
    allow(r, Action::kStoreEstimate, region);
  }
  allow(Role::kMonitor, Action::kViewNationalInsight, all);
  // Care cases (case core): only the care coordinators serving the case's region open, read and
  // change cases; partners, signallers and policy officers see none (sharing adds partners).
  for (Action a : {Action::kOpenCase, Action::kViewCase, Action::kManageCase}) {
    allow(Role::kCareCoordinator, a, region);
  }
  // Care coordination, part 2 (care-shelter): a region's shelters are kept by its care
  // coordinators and read by them and the chain director; placing, referring and transferring
  // are the case region's care coordinators'; a referral is received by the partners and care
  // coordinators of the organisation it is addressed to (a grant-like relation).
  allow(Role::kCareCoordinator, Action::kViewShelters, region);
  allow(Role::kChainDirector, Action::kViewShelters, region);
  allow(Role::kCareCoordinator, Action::kManageShelters, region);
  allow(Role::kCareCoordinator, Action::kPlaceInShelter, region);
  allow(Role::kCareCoordinator, Action::kReferCase, region);
  allow(Role::kPartner, Action::kReceiveReferral, {O::kSharedByGrant});
  allow(Role::kCareCoordinator, Action::kReceiveReferral, {O::kSharedByGrant});
  // Care coordination, sharing and case conferences. A case's owner is its coordinator: only
  // that coordinator shares it; the region's coordinators see its grants; a partner sees a case
  // only through a grant. For a conference, "shared by grant" stands for a participating
  // organisation: its chain director sees the conference and reads the minutes, a chain
  // director of the region sees the agenda but not the minutes of a meeting their organisation
  // did not take part in.
  allow(Role::kCareCoordinator, Action::kShareCase, {O::kOwn});
  allow(Role::kCareCoordinator, Action::kViewGrants, region);
  allow(Role::kPartner, Action::kViewSharedCase, {O::kSharedByGrant});
  allow(Role::kCareCoordinator, Action::kManageConference, region);
  allow(Role::kChainDirector, Action::kManageConference, region);
  allow(Role::kCareCoordinator, Action::kViewConference, region);
  allow(Role::kChainDirector, Action::kViewConference,
        {O::kOwn, O::kSameOrganisation, O::kSameRegion, O::kSharedByGrant});
  allow(Role::kCareCoordinator, Action::kReadConferenceMinutes, region);
  allow(Role::kChainDirector, Action::kReadConferenceMinutes, {O::kSharedByGrant});
  return allowed;
}

TEST(PolicyTest, MatrixOfEveryRoleActionAndOwnership) {
  const std::set<Key> allowed = Allowed();
  int cells = 0;
  for (Role r : AllRoles()) {
    for (Action a : AllActions()) {
      for (Ownership o : kAllOwnerships) {
        const Decision d = Decide(As(r), a, On(o));
        EXPECT_EQ(d.allowed, allowed.count({r, a, o}) > 0)
            << RoleName(r) << " " << ActionName(a) << " " << OwnershipName(o) << ": " << d.reason;
        EXPECT_FALSE(d.reason.empty());
        ++cells;
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(8 * AllActions().size() * 5));
}

TEST(PolicyTest, TheInstallationsAdministratorManagesEveryOrganisation) {
  Principal national = As(Role::kAdmin);
  national.organisation = "SCHAKEL";
  national.organisation_kind = "national";
  national.regions.clear();
  for (Ownership o : kAllOwnerships) {
    EXPECT_TRUE(Decide(national, Action::kManageUsers, On(o)).allowed) << OwnershipName(o);
    EXPECT_TRUE(Decide(national, Action::kManageOrganisations, On(o)).allowed);
    EXPECT_FALSE(Decide(national, Action::kViewPerson, On(o)).allowed);  // never victim data
  }
}

TEST(PolicyTest, ATokenIsLimitedToItsScopes) {
  Principal token = As(Role::kCareCoordinator);
  token.user = "token:1";
  token.scopes = std::set<Action>{Action::kViewPerson};
  EXPECT_TRUE(Decide(token, Action::kViewPerson, On(Ownership::kOwn)).allowed);
  EXPECT_FALSE(Decide(token, Action::kEditPerson, On(Ownership::kOwn)).allowed);
}

TEST(PolicyTest, TheCommandLineOperatorMayDoEverything) {
  for (Action a : AllActions()) {
    EXPECT_TRUE(Decide(Principal::System(), a, On(Ownership::kUnrelated)).allowed);
  }
}

// Retention: no role erases or sets periods, not even the installation's administrator; only
// the operator on the command line (TheCommandLineOperatorMayDoEverything covers that side).
TEST(PolicyTest, OnlyTheOperatorManagesRetention) {
  Principal national = As(Role::kAdmin);
  national.organisation_kind = "national";
  for (Role r : AllRoles()) {
    for (Ownership o : kAllOwnerships) {
      EXPECT_FALSE(Decide(As(r), Action::kManageRetention, On(o)).allowed) << RoleName(r);
    }
  }
  EXPECT_FALSE(Decide(national, Action::kManageRetention, On(Ownership::kOwn)).allowed);
  EXPECT_TRUE(Decide(Principal::System(), Action::kManageRetention, On(Ownership::kOwn)).allowed);
}

TEST(PolicyTest, NobodyLoggedInIsDeniedEverything) {
  Principal anonymous;
  for (Action a : AllActions()) {
    EXPECT_FALSE(Decide(anonymous, a, On(Ownership::kOwn)).allowed) << ActionName(a);
  }
}

TEST(PolicyTest, AdminNeverSeesAssessmentsThroughAdminRole) {
  EXPECT_FALSE(Decide(As(Role::kAdmin), Action::kViewAssessment, On(Ownership::kOwn)).allowed);
}

TEST(PolicyTest, APublishedPracticeIsReadByItsRegionOrTheWholeCountry) {
  for (Role r : AllRoles()) {
    for (Ownership o : kAllOwnerships) {
      Resource regional = On(o);
      regional.publication = "region";
      Resource national = On(o);
      national.publication = "national";
      const bool in_region = o != Ownership::kSharedByGrant && o != Ownership::kUnrelated;
      EXPECT_EQ(Decide(As(r), Action::kViewPractice, regional).allowed, in_region)
          << RoleName(r) << " " << OwnershipName(o);
      EXPECT_TRUE(Decide(As(r), Action::kViewPractice, national).allowed) << RoleName(r);
      // Reading is all publication gives: changing stays with the own policy officers.
      EXPECT_EQ(Decide(As(r), Action::kEditPractice, national).allowed,
                r == Role::kPolicyOfficer && in_region && o != Ownership::kSameRegion);
    }
  }
}

TEST(PolicyTest, TheInstallationsAdministratorKeepsEveryShelterRegistryButNoCase) {
  Principal national = As(Role::kAdmin);
  national.organisation = "NL-BEHEER";
  national.organisation_kind = "national";
  national.regions = {};
  for (Ownership o : kAllOwnerships) {
    EXPECT_TRUE(Decide(national, Action::kViewShelters, On(o)).allowed) << OwnershipName(o);
    EXPECT_TRUE(Decide(national, Action::kManageShelters, On(o)).allowed) << OwnershipName(o);
    // Shelters hold no personal data; placements and referrals do.
    EXPECT_FALSE(Decide(national, Action::kPlaceInShelter, On(o)).allowed);
    EXPECT_FALSE(Decide(national, Action::kReferCase, On(o)).allowed);
    EXPECT_FALSE(Decide(national, Action::kReceiveReferral, On(o)).allowed);
  }
}

// Referrals (docs/care.md "Referrals and transfers"): a transfer to another region is addressed
// to the region, and care coordinators serve a region from their municipality; so the
// coordinators serving the receiving region receive it, but not a partner or chain director of a
// municipality there, and not the sending region's coordinators. Without the receiver in
// shared_with (a rejected or revoked referral) nobody receives.
TEST(PolicyTest, AReferralToARegionReachesTheCoordinatorsServingIt) {
  const Resource to_vr01{"GM0363", {"VR13"}, "user-4", {"VR01"}};
  EXPECT_TRUE(Decide(As(Role::kCareCoordinator), Action::kReceiveReferral, to_vr01).allowed);
  EXPECT_FALSE(Decide(As(Role::kPartner), Action::kReceiveReferral, to_vr01).allowed);
  EXPECT_FALSE(Decide(As(Role::kChainDirector), Action::kReceiveReferral, to_vr01).allowed);
  Principal sender = As(Role::kCareCoordinator);
  sender.organisation = "GM0363";
  sender.regions = {"VR13"};
  EXPECT_FALSE(Decide(sender, Action::kReceiveReferral, to_vr01).allowed);
  EXPECT_TRUE(Decide(sender, Action::kReferCase, to_vr01).allowed);
  Resource ended = to_vr01;
  ended.shared_with.clear();
  EXPECT_FALSE(Decide(As(Role::kCareCoordinator), Action::kReceiveReferral, ended).allowed);
}

TEST(PolicyTest, RolesRoundTripByName) {
  for (Role r : AllRoles()) {
    Role parsed{};
    ASSERT_TRUE(ParseRole(RoleName(r), &parsed));
    EXPECT_EQ(parsed, r);
  }
  Role unused{};
  EXPECT_FALSE(ParseRole("root", &unused));
}

}  // namespace
}  // namespace schakel::app
