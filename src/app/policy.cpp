#include "app/policy.h"

#include <algorithm>

namespace schakel::app {

namespace {

constexpr std::pair<Role, const char*> kRoleNames[] = {
    {Role::kAdmin, "admin"},
    {Role::kPolicyOfficer, "policy_officer"},
    {Role::kSignaller, "signaller"},
    {Role::kCareCoordinator, "care_coordinator"},
    {Role::kChainDirector, "chain_director"},
    {Role::kPartner, "partner"},
    {Role::kMonitor, "monitor"},
    {Role::kAuditor, "auditor"},
};

bool SharesRegion(const Principal& who, const Resource& on) {
  return std::any_of(who.regions.begin(), who.regions.end(), [&](const std::string& r) {
    return std::find(on.regions.begin(), on.regions.end(), r) != on.regions.end() ||
           r == on.organisation;
  });
}

Decision Allow(const char* reason) {
  return {true, reason};
}
Decision Deny(const char* reason) {
  return {false, reason};
}

}  // namespace

const char* RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

bool ParseRole(std::string_view text, Role* out) {
  for (const auto& [r, name] : kRoleNames) {
    if (text == name) {
      *out = r;
      return true;
    }
  }
  return false;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> v;
    for (const auto& [r, name] : kRoleNames) v.push_back(r);
    return v;
  }();
  return kAll;
}

const char* ActionName(Action action) {
  switch (action) {
    case Action::kViewReferenceData:
      return "view_reference_data";
    case Action::kViewAssessment:
      return "view_assessment";
    case Action::kEditAssessment:
      return "edit_assessment";
    case Action::kSubmitAssessment:
      return "submit_assessment";
    case Action::kViewRegionRollup:
      return "view_region_rollup";
    case Action::kViewNationalRollup:
      return "view_national_rollup";
    case Action::kManageUsers:
      return "manage_users";
    case Action::kManageOrganisations:
      return "manage_organisations";
    case Action::kReadAudit:
      return "read_audit";
    case Action::kCreatePerson:
      return "create_person";
    case Action::kViewPerson:
      return "view_person";
    case Action::kEditPerson:
      return "edit_person";
    case Action::kFileSignal:
      return "file_signal";
    case Action::kViewSignal:
      return "view_signal";
    case Action::kViewSignalStatus:
      return "view_signal_status";
    case Action::kTriageSignal:
      return "triage_signal";
    case Action::kManageTraining:
      return "manage_training";
    case Action::kViewEnvironmentScan:
      return "view_environment_scan";
    case Action::kManageEnvironmentScan:
      return "manage_environment_scan";
    case Action::kViewPractice:
      return "view_practice";
    case Action::kEditPractice:
      return "edit_practice";
    case Action::kPublishPractice:
      return "publish_practice";
    // Record linkage.
    case Action::kViewMatches:
      return "view_matches";
    case Action::kDecideMatch:
      return "decide_match";
    case Action::kViewRegionInsight:
      return "view_region_insight";
    case Action::kViewNationalInsight:
      return "view_national_insight";
    case Action::kStoreEstimate:
      return "store_estimate";
    // Care coordination (case core).
    case Action::kOpenCase:
      return "open_case";
    case Action::kViewCase:
      return "view_case";
    case Action::kManageCase:
      return "manage_case";
    // Care coordination, part 2 (care-shelter).
    case Action::kViewShelters:
      return "view_shelters";
    case Action::kManageShelters:
      return "manage_shelters";
    case Action::kPlaceInShelter:
      return "place_in_shelter";
    case Action::kReferCase:
      return "refer_case";
    case Action::kReceiveReferral:
      return "receive_referral";
    case Action::kShareCase:
      return "share_case";
    case Action::kViewGrants:
      return "view_grants";
    case Action::kViewSharedCase:
      return "view_shared_case";
    case Action::kManageConference:
      return "manage_conference";
    case Action::kViewConference:
      return "view_conference";
    case Action::kReadConferenceMinutes:
      return "read_conference_minutes";
    // Retention.
    case Action::kManageRetention:
      return "manage_retention";
  }
  return "unknown";
}

const std::vector<Action>& AllActions() {
  static const std::vector<Action> kAll = {Action::kViewReferenceData,
                                           Action::kViewAssessment,
                                           Action::kEditAssessment,
                                           Action::kSubmitAssessment,
                                           Action::kViewRegionRollup,
                                           Action::kViewNationalRollup,
                                           Action::kManageUsers,
                                           Action::kManageOrganisations,
                                           Action::kReadAudit,
                                           Action::kCreatePerson,
                                           Action::kViewPerson,
                                           Action::kEditPerson,
                                           Action::kFileSignal,
                                           Action::kViewSignal,
                                           Action::kViewSignalStatus,
                                           Action::kTriageSignal,
                                           Action::kManageTraining,
                                           Action::kViewEnvironmentScan,
                                           Action::kManageEnvironmentScan,
                                           Action::kViewPractice,
                                           Action::kEditPractice,
                                           Action::kPublishPractice,
                                           Action::kViewMatches,
                                           Action::kDecideMatch,
                                           Action::kViewRegionInsight,
                                           Action::kViewNationalInsight,
                                           Action::kStoreEstimate,
                                           Action::kOpenCase,
                                           Action::kViewCase,
                                           Action::kManageCase,
                                           Action::kViewShelters,
                                           Action::kManageShelters,
                                           Action::kPlaceInShelter,
                                           Action::kReferCase,
                                           Action::kReceiveReferral,
                                           Action::kShareCase,
                                           Action::kViewGrants,
                                           Action::kViewSharedCase,
                                           Action::kManageConference,
                                           Action::kViewConference,
                                           Action::kReadConferenceMinutes,
                                           Action::kManageRetention};
  return kAll;
}

bool SeesPersonalData(Role role) {
  switch (role) {
    case Role::kSignaller:
    case Role::kCareCoordinator:
    case Role::kChainDirector:
    case Role::kPartner:
      return true;
    case Role::kAdmin:
    case Role::kPolicyOfficer:
    case Role::kMonitor:
    case Role::kAuditor:
      return false;
  }
  return true;
}

namespace {

Decision DecideForRoles(const Principal& who, Action action, const Resource& on);

// Sharing grants and case conferences (docs/care.md, "Who may share and confer").
Decision DecideCareSharing(const Principal& who, Action action, const Resource& on) {
  const bool in_region =
      (!on.organisation.empty() && who.organisation == on.organisation) || SharesRegion(who, on);
  const bool participates = std::find(on.shared_with.begin(), on.shared_with.end(),
                                      who.organisation) != on.shared_with.end();
  const bool coordinator = who.Has(Role::kCareCoordinator) && in_region;
  switch (action) {
    case Action::kShareCase:
      if (coordinator && !on.owner.empty() && on.owner == who.user) {
        return Allow("the case's own care coordinator");
      }
      return Deny("only the case's own care coordinator shares it with a chain partner");
    case Action::kViewGrants:
      if (coordinator) return Allow("care coordinator, own region");
      return Deny("a case's grants are visible to the region's care coordinators");
    case Action::kViewSharedCase:
      if (who.Has(Role::kPartner) && participates) return Allow("partner, shared by grant");
      return Deny("a partner sees a case only while a grant to its organisation is in force");
    case Action::kManageConference:
      if (coordinator || (who.Has(Role::kChainDirector) && in_region)) {
        return Allow("care coordinator or chain director, own region");
      }
      return Deny(
          "case conferences are planned by the region's care coordinators and chain "
          "director");
    case Action::kViewConference:
      if (coordinator || (who.Has(Role::kChainDirector) && (in_region || participates))) {
        return Allow(
            "care coordinator of the region, or chain director of the region or of a "
            "participant");
      }
      return Deny(
          "a case conference is visible to the region's care coordinators and the "
          "chain directors of the region and the participants");
    case Action::kReadConferenceMinutes:
      if (coordinator) return Allow("care coordinator, own region");
      if (who.Has(Role::kChainDirector) && participates) {
        return Allow("chain director of a participating organisation");
      }
      return Deny(
          "minutes are read by the region's care coordinators and the chain directors "
          "of the participating organisations");
    default:
      return Deny("no rule allows this");
  }
}

}  // namespace

Decision Decide(const Principal& who, Action action, const Resource& on) {
  if (!who.authenticated()) return Deny("not logged in");
  if (who.system) return Allow("operator on the server's command line");
  if (who.scopes && who.scopes->count(action) == 0) {
    return Deny("the API token is not scoped for this action");
  }
  return DecideForRoles(who, action, on);
}

namespace {

Decision DecideForRoles(const Principal& who, Action action, const Resource& on) {
  const bool own_org = !on.organisation.empty() && who.organisation == on.organisation;
  const bool national_admin = who.Has(Role::kAdmin) && who.organisation_kind == "national";
  switch (action) {
    case Action::kViewReferenceData:
      return Allow("reference data is visible to every user");
    case Action::kViewAssessment:
      if (who.Has(Role::kPolicyOfficer) && own_org)
        return Allow("policy officer, own organisation");
      if (who.Has(Role::kChainDirector) && SharesRegion(who, on)) {
        return Allow("chain director, municipality in own region");
      }
      return Deny(
          "assessments are visible to the municipality's policy officers and the "
          "region's chain director");
    case Action::kEditAssessment:
    case Action::kSubmitAssessment:
      if (who.Has(Role::kPolicyOfficer) && own_org)
        return Allow("policy officer, own organisation");
      return Deny("only the municipality's own policy officers change its self-assessment");
    case Action::kViewRegionRollup:
      if (who.Has(Role::kMonitor)) return Allow("monitor: aggregates of any region");
      if ((who.Has(Role::kPolicyOfficer) || who.Has(Role::kChainDirector)) &&
          SharesRegion(who, on)) {
        return Allow("aggregates of own region");
      }
      return Deny(
          "region aggregates are for that region's policy officers and chain director, "
          "and monitors");
    case Action::kViewNationalRollup:
      if (who.Has(Role::kMonitor) || who.Has(Role::kPolicyOfficer) ||
          who.Has(Role::kChainDirector)) {
        return Allow("national aggregates");
      }
      return Deny("national aggregates are for policy officers, chain directors and monitors");
    case Action::kManageUsers:
      if (who.Has(Role::kAdmin) && own_org) return Allow("admin, own organisation");
      if (national_admin) return Allow("administrator of the installation");
      return Deny("only an admin of the organisation manages its users");
    case Action::kManageOrganisations:
      if (national_admin) return Allow("administrator of the installation");
      return Deny("only the installation's administrators manage organisations");
    case Action::kReadAudit:
      if (who.Has(Role::kAuditor)) return Allow("auditor");
      return Deny("only auditors read the audit log");
    case Action::kCreatePerson:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      if (who.Has(Role::kSignaller) && own_org) return Allow("signaller, own organisation");
      return Deny("persons are registered by signallers and care coordinators");
    case Action::kViewPerson:
    case Action::kEditPerson:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      if (who.Has(Role::kSignaller) && !on.owner.empty() && on.owner == who.user) {
        return Allow("signaller, own record");
      }
      if (action == Action::kViewPerson && who.Has(Role::kPartner) &&
          std::find(on.shared_with.begin(), on.shared_with.end(), who.organisation) !=
              on.shared_with.end()) {
        return Allow("partner, shared by grant");
      }
      return Deny(
          "a person's identity is visible to the region's care coordinators, the signaller who "
          "recorded it and partners it was shared with");
    case Action::kFileSignal:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      if (who.Has(Role::kSignaller) && own_org) return Allow("signaller, own organisation");
      return Deny("signals are recorded by signallers and care coordinators");
    case Action::kViewSignal:
    case Action::kTriageSignal:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      return Deny("signals are read and triaged by the region's care coordinators");
    case Action::kViewSignalStatus:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      if (who.Has(Role::kSignaller) && !on.owner.empty() && on.owner == who.user) {
        return Allow("signaller, own signal");
      }
      return Deny(
          "a signal's status is visible to the signaller who filed it and the region's "
          "care coordinators");
    case Action::kManageTraining:
    case Action::kManageEnvironmentScan:
    case Action::kEditPractice:
    case Action::kPublishPractice:
      if (who.Has(Role::kPolicyOfficer) && own_org)
        return Allow("policy officer, own organisation");
      return Deny("only the organisation's own policy officers change its Kader practice");
    case Action::kViewEnvironmentScan:
      if (who.Has(Role::kPolicyOfficer) && own_org)
        return Allow("policy officer, own organisation");
      if (who.Has(Role::kChainDirector) && SharesRegion(who, on)) {
        return Allow("chain director, municipality in own region");
      }
      return Deny(
          "an environment scan is visible to the municipality's policy officers and the "
          "region's chain director");
    case Action::kViewPractice:
      if (who.Has(Role::kPolicyOfficer) && own_org)
        return Allow("policy officer, own organisation");
      if (on.publication == "national") return Allow("published nationally");
      if (on.publication == "region" && (own_org || SharesRegion(who, on))) {
        return Allow("published to own region");
      }
      return Deny(
          "a practice is visible to its municipality's policy officers until it is published, "
          "then to its region or the whole country");
    // Record linkage: suggestions are about the person in a signal or a case, so they follow the
    // record's region (a case's person is asked about with the case's resource, CaseResource).
    case Action::kViewMatches:
    case Action::kDecideMatch:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      return Deny(
          "possible matches are seen and decided by the care coordinators of the record's "
          "region");
    // Insight: aggregates after disclosure control only, never rows.
    case Action::kViewRegionInsight:
    case Action::kStoreEstimate:
      if ((who.Has(Role::kPolicyOfficer) || who.Has(Role::kChainDirector)) &&
          SharesRegion(who, on)) {
        return Allow("policy officer or chain director of the region");
      }
      return Deny(
          "a region's insight pages and estimates are for its policy officers and chain "
          "director");
    case Action::kViewNationalInsight:
      if (who.Has(Role::kMonitor)) return Allow("monitor: national aggregates");
      return Deny("the national monitor is for monitors");
    // Care coordination (case core): a case belongs to a care-coordination region; only the
    // care coordinators serving that region open, read and change it. Partners (shared_with)
    // get their own actions with the sharing grants.
    case Action::kOpenCase:
    case Action::kViewCase:
    case Action::kManageCase:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      return Deny("cases are opened, read and changed by the region's care coordinators");
    // Care coordination, part 2 (care-shelter). A shelter's resource is its region; a case's
    // is the case's region (organisation and regions); a referral's receiver is in shared_with.
    case Action::kViewShelters:
      if ((who.Has(Role::kCareCoordinator) || who.Has(Role::kChainDirector)) &&
          SharesRegion(who, on)) {
        return Allow("shelters of own region");
      }
      if (national_admin) return Allow("administrator of the installation");
      return Deny("a region's shelters are for its care coordinators and chain director");
    case Action::kManageShelters:
      if (who.Has(Role::kCareCoordinator) && SharesRegion(who, on)) {
        return Allow("care coordinator, own region");
      }
      if (national_admin) return Allow("administrator of the installation");
      return Deny("a region's shelter registry is kept by its care coordinators");
    case Action::kPlaceInShelter:
    case Action::kReferCase:
      if (who.Has(Role::kCareCoordinator) && (own_org || SharesRegion(who, on))) {
        return Allow("care coordinator, own region");
      }
      return Deny("only the care coordinators of the case's region place, refer and transfer");
    // Referrals (docs/care.md "Referrals and transfers"): the receiver is in shared_with while
    // the referral is live. A care coordinator serves a region from a municipality, so a
    // referral or transfer addressed to a region reaches the coordinators serving that region.
    case Action::kReceiveReferral: {
      const auto addressed = [&](const std::string& code) {
        return std::find(on.shared_with.begin(), on.shared_with.end(), code) !=
               on.shared_with.end();
      };
      if ((who.Has(Role::kPartner) || who.Has(Role::kCareCoordinator)) &&
          addressed(who.organisation)) {
        return Allow("receiving organisation of the referral");
      }
      if (who.Has(Role::kCareCoordinator) &&
          std::any_of(who.regions.begin(), who.regions.end(), addressed)) {
        return Allow("care coordinator of the receiving region");
      }
      return Deny(
          "a referral is received by the partners and care coordinators it is addressed to");
    }
    // Care coordination: sharing with chain partners and case conferences.
    case Action::kShareCase:
    case Action::kViewGrants:
    case Action::kViewSharedCase:
    case Action::kManageConference:
    case Action::kViewConference:
    case Action::kReadConferenceMinutes:
      return DecideCareSharing(who, action, on);
    // Retention: erasing is the operator's job on the server (Decide allows the system
    // principal before it gets here); no role of a logged-in user erases or sets periods.
    case Action::kManageRetention:
      return Deny("only the operator on the server's command line runs the retention job");
  }
  return Deny("no rule allows this");
}

}  // namespace

}  // namespace schakel::app
