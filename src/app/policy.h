// The authorization policy: the one place that decides who may do what, consulted by every use
// case (not by the HTTP layer alone). Deny by default: an action is allowed only by an explicit
// rule below. Pure: a function of the principal, the action and the resource.
//
// Roles (../shared/design.md, "Organisations, roles, need-to-know"):
//   admin            users and settings of own organisation; never victim data
//   policy_officer   Kader assessments of own organisation; aggregates of own region
//   signaller        file signals; status of own signals only
//   care_coordinator signals and cases of own region, full content
//   chain_director   region overview, case conferences, pseudonymised case summaries
//   partner          cases explicitly shared with own organisation, granted field groups only
//   monitor          national aggregates after disclosure control; no row-level data
//   auditor          read and verify the audit log
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::app {

enum class Role {
  kAdmin,
  kPolicyOfficer,
  kSignaller,
  kCareCoordinator,
  kChainDirector,
  kPartner,
  kMonitor,
  kAuditor,
};
const char* RoleName(Role role);
bool ParseRole(std::string_view text, Role* out);
const std::vector<Role>& AllRoles();

enum class Action;

// Who is acting: a logged-in user (or API token) of one organisation.
struct Principal {
  std::string user;                  // user id ("token:<id>" for an API token); empty = nobody
  std::string organisation;          // organisation code
  std::string organisation_kind;     // municipality, region, partner, national
  std::vector<std::string> regions;  // regions the organisation belongs to (or is)
  std::set<Role> roles;
  // An API token may do only these actions (on top of what its roles allow); users: nullopt.
  std::optional<std::set<Action>> scopes;
  // The operator on the server's command line (holds the key file anyway): every action.
  bool system = false;
  bool Has(Role r) const { return roles.count(r) > 0; }
  bool authenticated() const { return system || !user.empty(); }

  static Principal System() {
    Principal p;
    p.user = "system";
    p.system = true;
    return p;
  }
};

enum class Action {
  kViewReferenceData,    // frameworks, organisation lists
  kViewAssessment,       // a municipality's Kader self-assessment
  kEditAssessment,       // create, answer
  kSubmitAssessment,     // freeze
  kViewRegionRollup,     // Kader roll-up of a region
  kViewNationalRollup,   // Kader roll-up of the country
  kManageUsers,          // users, roles, TOTP reset, API tokens of an organisation
  kManageOrganisations,  // create chain-partner organisations, change names
  kReadAudit,            // the audit log
  kCreatePerson,         // register a (possible) victim's identity
  kViewPerson,           // read identifying fields of a person
  kEditPerson,           // change identifying fields of a person
  kFileSignal,           // record a signal for an organisation (and keep one's own draft)
  kViewSignal,           // read a signal's full content
  kViewSignalStatus,     // see where a signal stands (not its content)
  kTriageSignal,         // assess, forward or close a signal
  // Kader in practice (docs/practice.md): no victim data in any of these.
  kManageTraining,         // the training and awareness registry of an organisation
  kViewEnvironmentScan,    // the environment scan (risk places and sectors) of a municipality
  kManageEnvironmentScan,  // add and review risk places
  kViewPractice,           // a good practice: drafts in the own organisation, published ones wider
  kEditPractice,           // write and change a municipality's good practices
  kPublishPractice,        // publish a practice to the region or nationally (a deliberate step)
  // Record linkage in Schakel (docs/linkage.md, "In Schakel"): on the record the user looks at.
  kViewMatches,  // "possibly the same person" suggestions of a record, with their explanation
  kDecideMatch,  // confirm or reject a suggested pair
  // Insight (docs/estimation.md, "In Schakel"): aggregates after disclosure control, estimates.
  kViewRegionInsight,    // the regional dashboard: protected aggregates and stored estimates
  kViewNationalInsight,  // the national monitor: protected aggregates, roll-up, estimates
  kStoreEstimate,        // compute and store an estimate of the hidden number for a region
  // Care coordination (docs/care.md, case core): the case's region's care coordinators only.
  // The case's policy Resource comes from app::CaseResource (case_service.h).
  kOpenCase,    // open a case in a region (from signals or directly)
  kViewCase,    // read a case: the person, plan, reflection period, history; the dashboard
  kManageCase,  // change a case: transitions, consent, plan, reflection period, registration
  // Care coordination, part 2 (docs/care.md; care-shelter): shelters, placements, referrals.
  kViewShelters,     // the shelter registry and occupancy of a region (no personal data)
  kManageShelters,   // add and change the shelters of a region
  kPlaceInShelter,   // place the person of a case in a shelter, end a placement
  kReferCase,        // refer or transfer a case to another organisation, revoke, complete
  kReceiveReferral,  // as the receiving organisation: read the granted groups, accept, reject
  // Care coordination: sharing with chain partners and case conferences (docs/care.md). A case's
  // Resource has the case's region and its coordinator as owner; `shared_with` holds the partner
  // organisations with a grant in force. A conference's Resource is its region with the
  // participating organisations in `shared_with`.
  kShareCase,              // grant or revoke sharing a case (the case's own care coordinator)
  kViewGrants,             // the grants of a case (the region's care coordinators)
  kViewSharedCase,         // a partner's view of a case shared with its organisation
  kManageConference,       // plan a case conference: date, participants, agenda, minutes
  kViewConference,         // a conference's date, participants and agenda
  kReadConferenceMinutes,  // a conference's minutes and decisions (need-to-know)
  // Retention (docs/care.md, "Retention"): no user role; only the operator on the command line.
  kManageRetention,  // run the erasure job (`schakel retention run`), set retention periods
};
const char* ActionName(Action action);
const std::vector<Action>& AllActions();

// What the action is on: the owning organisation and the regions it belongs to; for a region
// roll-up, the region. For records about persons also who created it and which organisations
// hold a sharing grant for it.
struct Resource {
  std::string organisation;
  std::vector<std::string> regions;
  std::string owner;                     // user id of the creator; "" when not applicable
  std::vector<std::string> shared_with;  // organisations with a valid grant
  // For a good practice: "" while a draft, else "region" or "national" (who may read it).
  std::string publication{};
};

// Roles that see personal data of victims or suspects: they must use a second factor, and may
// not be combined with admin on one account (separation of duties).
bool SeesPersonalData(Role role);

struct Decision {
  bool allowed = false;
  std::string reason;  // why, for the audit log and for a 403 message
};

Decision Decide(const Principal& who, Action action, const Resource& on);

}  // namespace schakel::app
