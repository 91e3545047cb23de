// Routing rules as data (data/catalog/routing.json): given the facts of a signal, which partners
// it should go to and why, and which partners it may go to at all. The rules are ordered; every
// rule whose conditions hold recommends its target. The default rule (the regional care
// coordinator) applies unless a matching rule replaces it: labour below exploitation goes to the
// labour inspectorate and a minor living at home to Veilig Thuis instead, while acute danger adds
// the police (and the 112 guidance) in front of the care coordinator.
// Pure: the municipality → care-coordination region mapping comes in as a lookup function.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/json_fields.h"
#include "domain/result.h"
#include "signals/catalog.h"
#include "signals/three_elements.h"

namespace schakel::signals {

// A partner kind a triage decision may forward to. Regional targets (the care coordinator) are
// resolved to the region that serves the signal's municipality.
struct TargetKind {
  std::string partner_kind;  // PartnerKind id
  bool regional = false;
};

// Conditions of a rule; an empty list or an unset optional matches anything.
struct RuleConditions {
  std::vector<std::string> urgency;  // Urgency ids
  std::vector<AgeGroup> age;
  std::optional<bool> living_at_home;
  std::vector<std::string> forms;  // any of these Form ids
  std::vector<LabourPosition> labour_position;
};

struct RoutingRule {
  std::string id;
  RuleConditions when;
  std::string target;  // PartnerKind id, one of RoutingRules::targets
  LocalizedText reason;
  bool is_default = false;          // applies unless a matching rule replaces it
  bool replaces_default = false;    // when it matches, the default rule does not apply
  bool emergency_guidance = false;  // when it matches, show the 112 guidance at once
};

struct RoutingRules {
  std::string id;
  std::vector<TargetKind> targets;  // every possible forward target, in display order
  std::vector<RoutingRule> rules;   // in order of precedence
};

// What the routing needs to know about a signal.
struct RoutingFacts {
  std::string municipality;  // CBS code, "GM0363"
  std::string urgency;       // Urgency id
  AgeGroup age = AgeGroup::kUnknown;
  bool living_at_home = false;  // a minor living with parents or carers
  std::vector<std::string> forms;
  std::optional<LabourPosition> labour;
};

struct ForwardTarget {
  std::string partner_kind;
  std::string region;        // for a regional target: the region's code; empty when unknown
  bool recommended = false;  // a rule recommends it
  std::string rule;          // the recommending rule's id, or empty
  LocalizedText reason;      // the recommending rule's reason, or empty
};

struct RoutingAdvice {
  std::vector<ForwardTarget> targets;  // recommended first (in rule order), then the others
  bool emergency_guidance = false;     // show the 112 guidance now
  bool region_unknown = false;         // no care-coordination region is known for the municipality

  const ForwardTarget* Find(std::string_view partner_kind) const;
};

// The municipality → care-coordination region mapping; std::nullopt when the municipality is
// in no region (a configuration gap the caller should report, never a reason to stop routing).
using RegionLookup = std::function<std::optional<std::string>(std::string_view municipality)>;
// A lookup over a fixed map, for tests and for a mapping read once from the database.
RegionLookup LookupIn(std::map<std::string, std::string, std::less<>> regions);

RoutingAdvice Route(const RoutingRules& rules, const RoutingFacts& facts,
                    const RegionLookup& region_of);

// Validates rules against the catalogue: every target, urgency and form must exist there.
// Errors name the entry, e.g. "rules[2].when.urgency[0]".
Result<RoutingRules> ParseRouting(const nlohmann::json& doc, const Catalog& catalog);
Result<RoutingRules> LoadRoutingFile(const std::filesystem::path& path, const Catalog& catalog);

}  // namespace schakel::signals
