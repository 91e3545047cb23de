// The authorization policy as a full matrix: every role × every action × every ownership relation,
// against an explicit table of what is allowed. Anything not in the table must be denied.
#include "app/policy.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace schakel::app {
namespace {

enum class Ownership { kOwn, kSameRegion, kUnrelated };
const char* OwnershipName(Ownership o) {
  switch (o) {
    case Ownership::kOwn:
      return "own";
    case Ownership::kSameRegion:
      return "same_region";
    case Ownership::kUnrelated:
      return "unrelated";
  }
  return "?";
}

Principal As(Role role) {
  return {"user-1", "GM0014", {"VR01"}, {role}};
}

Resource On(Ownership o) {
  switch (o) {
    case Ownership::kOwn:
      return {"GM0014", {"VR01"}};
    case Ownership::kSameRegion:
      return {"GM0037", {"VR01"}};
    case Ownership::kUnrelated:
      return {"GM0363", {"VR13"}};
  }
  return {};
}

using Key = std::tuple<Role, Action, Ownership>;

// The allowed cells. Everything else is denied.
std::set<Key> Allowed() {
  std::set<Key> allowed;
  const Ownership all[] = {Ownership::kOwn, Ownership::kSameRegion, Ownership::kUnrelated};
  for (Role r : AllRoles()) {
    for (Ownership o : all) allowed.insert({r, Action::kViewReferenceData, o});
  }
  allowed.insert({Role::kPolicyOfficer, Action::kViewAssessment, Ownership::kOwn});
  allowed.insert({Role::kPolicyOfficer, Action::kEditAssessment, Ownership::kOwn});
  allowed.insert({Role::kPolicyOfficer, Action::kSubmitAssessment, Ownership::kOwn});
  allowed.insert({Role::kChainDirector, Action::kViewAssessment, Ownership::kOwn});
  allowed.insert({Role::kChainDirector, Action::kViewAssessment, Ownership::kSameRegion});
  for (Role r : {Role::kPolicyOfficer, Role::kChainDirector}) {
    allowed.insert({r, Action::kViewRegionRollup, Ownership::kOwn});
    allowed.insert({r, Action::kViewRegionRollup, Ownership::kSameRegion});
  }
  for (Ownership o : all) {
    allowed.insert({Role::kMonitor, Action::kViewRegionRollup, o});
    for (Role r : {Role::kMonitor, Role::kPolicyOfficer, Role::kChainDirector}) {
      allowed.insert({r, Action::kViewNationalRollup, o});
    }
    allowed.insert({Role::kAuditor, Action::kReadAudit, o});
  }
  allowed.insert({Role::kAdmin, Action::kManageUsers, Ownership::kOwn});
  return allowed;
}

TEST(PolicyTest, MatrixOfEveryRoleActionAndOwnership) {
  const std::set<Key> allowed = Allowed();
  int cells = 0;
  for (Role r : AllRoles()) {
    for (Action a : AllActions()) {
      for (Ownership o : {Ownership::kOwn, Ownership::kSameRegion, Ownership::kUnrelated}) {
        const Decision d = Decide(As(r), a, On(o));
        EXPECT_EQ(d.allowed, allowed.count({r, a, o}) > 0)
            << RoleName(r) << " " << ActionName(a) << " " << OwnershipName(o) << ": " << d.reason;
        EXPECT_FALSE(d.reason.empty());
        ++cells;
      }
    }
  }
  EXPECT_EQ(cells, 8 * 8 * 3);
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
