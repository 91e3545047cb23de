// Routing rules: the shipped rules send each kind of signal where domain.md says it goes, every
// forward target is offered, regions come from the lookup, and broken rule files are refused
// naming the entry.
#include "signals/routing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fixtures.h"

namespace schakel::signals {
namespace {

using nlohmann::json;
using testing::ShippedCatalog;
using testing::ShippedJson;
using testing::ShippedRouting;

const RegionLookup kRegions = LookupIn({{"GM0363", "ZVH-AMS"}, {"GM0599", "ZVH-RR"}});

struct RouteRow {
  const char* name;
  const char* urgency;
  AgeGroup age;
  bool at_home;
  std::vector<std::string> forms;
  std::optional<LabourPosition> labour;
  std::vector<std::string> recommended;
  bool emergency;
};

class RouteTest : public ::testing::TestWithParam<RouteRow> {};

TEST_P(RouteTest, RecommendsTheTargetsOfTheMatchingRules) {
  const RouteRow& row = GetParam();
  const RoutingFacts facts{"GM0363", row.urgency, row.age, row.at_home, row.forms, row.labour};
  const RoutingAdvice advice = Route(ShippedRouting(), facts, kRegions);
  std::vector<std::string> recommended;
  for (const ForwardTarget& t : advice.targets) {
    if (t.recommended) recommended.push_back(t.partner_kind);
  }
  EXPECT_EQ(recommended, row.recommended);
  EXPECT_EQ(advice.emergency_guidance, row.emergency);
}

constexpr auto kAdult = AgeGroup::kAdult;
constexpr auto kMinor = AgeGroup::kMinor;
constexpr auto kUnknownAge = AgeGroup::kUnknown;
const std::vector<std::string> kSexual = {"sexual"};
const std::vector<std::string> kLabour = {"labour"};

INSTANTIATE_TEST_SUITE_P(Shipped, RouteTest,
                         ::testing::Values(RouteRow{"DefaultGoesToCareCoordinator",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kSexual,
                                                    {},
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"AcuteDangerAddsPoliceFirst",
                                                    "acute",
                                                    kAdult,
                                                    false,
                                                    kSexual,
                                                    {},
                                                    {"police", "care_coordinator"},
                                                    true},
                                           RouteRow{"MinorAtHomeGoesToVeiligThuis",
                                                    "normal",
                                                    kMinor,
                                                    true,
                                                    kSexual,
                                                    {},
                                                    {"veilig_thuis"},
                                                    false},
                                           RouteRow{"MinorNotAtHomeGoesToCareCoordinator",
                                                    "urgent",
                                                    kMinor,
                                                    false,
                                                    kSexual,
                                                    {},
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"UnknownAgeAtHomeIsNotTreatedAsMinor",
                                                    "normal",
                                                    kUnknownAge,
                                                    true,
                                                    kSexual,
                                                    {},
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"AcuteMinorAtHome",
                                                    "acute",
                                                    kMinor,
                                                    true,
                                                    kSexual,
                                                    {},
                                                    {"police", "veilig_thuis"},
                                                    true},
                                           RouteRow{"BadEmploymentPracticeGoesToLabourInspectorate",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kLabour,
                                                    LabourPosition::kBadEmploymentPractice,
                                                    {"labour_inspectorate"},
                                                    false},
                                           RouteRow{"SeriousDisadvantageGoesToLabourInspectorate",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kLabour,
                                                    LabourPosition::kSeriousDisadvantage,
                                                    {"labour_inspectorate"},
                                                    false},
                                           RouteRow{"LabourExploitationGoesToCareCoordinator",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kLabour,
                                                    LabourPosition::kExploitation,
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"LabourWithoutPositionGoesToCareCoordinator",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kLabour,
                                                    {},
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"LabourPositionWithoutLabourFormIsIgnored",
                                                    "normal",
                                                    kAdult,
                                                    false,
                                                    kSexual,
                                                    LabourPosition::kBadEmploymentPractice,
                                                    {"care_coordinator"},
                                                    false},
                                           RouteRow{"AcuteBadEmploymentPractice",
                                                    "acute",
                                                    kAdult,
                                                    false,
                                                    kLabour,
                                                    LabourPosition::kBadEmploymentPractice,
                                                    {"police", "labour_inspectorate"},
                                                    true}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(RoutingTest, EveryForwardTargetIsOfferedRecommendedFirst) {
  const RoutingFacts facts{"GM0363", "acute", kAdult, false, kSexual, {}};
  const RoutingAdvice advice = Route(ShippedRouting(), facts, kRegions);
  std::vector<std::string> kinds;
  for (const ForwardTarget& t : advice.targets) kinds.push_back(t.partner_kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"police", "care_coordinator", "veilig_thuis",
                                             "labour_inspectorate", "comensha"}));
  EXPECT_EQ(advice.targets[0].rule, "acute_danger");
  EXPECT_FALSE(advice.targets[0].reason.nl.empty());
  EXPECT_TRUE(advice.targets[2].rule.empty());
}

TEST(RoutingTest, CareCoordinatorIsTheMunicipalitysRegion) {
  const RoutingFacts facts{"GM0599", "normal", kAdult, false, kSexual, {}};
  const RoutingAdvice advice = Route(ShippedRouting(), facts, kRegions);
  EXPECT_EQ(advice.Find("care_coordinator")->region, "ZVH-RR");
  EXPECT_EQ(advice.Find("police")->region, "");
  EXPECT_FALSE(advice.region_unknown);
}

TEST(RoutingTest, MunicipalityWithoutRegionStillRoutesAndSaysSo) {
  const RoutingFacts facts{"GM9999", "acute", kAdult, false, kSexual, {}};
  const RoutingAdvice advice = Route(ShippedRouting(), facts, kRegions);
  EXPECT_TRUE(advice.region_unknown);
  EXPECT_TRUE(advice.emergency_guidance);
  EXPECT_EQ(advice.Find("care_coordinator")->region, "");
}

using testing::BrokenCase;

class BrokenRoutingTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenRoutingTest, IsRefusedNamingTheEntry) {
  testing::ExpectRefusedNamingEntry(
      "routing.json", GetParam(), [](const json& d) { return ParseRouting(d, ShippedCatalog()); });
}

// rules: [0] acute_danger, [1] minor_at_home, [2] labour_below_exploitation, [3] default.
INSTANTIATE_TEST_SUITE_P(
    Loader, BrokenRoutingTest,
    ::testing::Values(
        BrokenCase{"UnknownPartnerKind", [](json& d) { d["targets"][1]["partner_kind"] = "fbi"; },
                   "targets[1].partner_kind", "unknown partner kind 'fbi'"},
        BrokenCase{"DuplicateTarget", [](json& d) { d["targets"][2]["partner_kind"] = "police"; },
                   "targets[2].partner_kind", "duplicate target 'police'"},
        BrokenCase{"RuleTargetNotForwardable", [](json& d) { d["rules"][0]["target"] = "kmar"; },
                   "rules[0].target", "'kmar', which is not a forward target"},
        BrokenCase{"UnknownUrgency", [](json& d) { d["rules"][0]["when"]["urgency"][0] = "asap"; },
                   "rules[0].when.urgency[0]", "unknown urgency 'asap'"},
        BrokenCase{"UnknownForm", [](json& d) { d["rules"][2]["when"]["forms"][0] = "slavery"; },
                   "rules[2].when.forms[0]", "unknown form 'slavery'"},
        BrokenCase{"UnknownAge", [](json& d) { d["rules"][1]["when"]["age"][0] = "teen"; },
                   "rules[1].when.age[0]", "not a known value: teen"},
        BrokenCase{"UnknownLabourPosition",
                   [](json& d) { d["rules"][2]["when"]["labour_position"][1] = "bad"; },
                   "rules[2].when.labour_position[1]", "not a known value: bad"},
        BrokenCase{"UnknownCondition", [](json& d) { d["rules"][1]["when"]["gender"] = "x"; },
                   "rules[1].when.gender", "unknown condition 'gender'"},
        BrokenCase{"LivingAtHomeNotABool",
                   [](json& d) { d["rules"][1]["when"]["living_at_home"] = "yes"; },
                   "rules[1].when.living_at_home", "must be true or false"},
        BrokenCase{"RuleWithoutReason", [](json& d) { d["rules"][2].erase("reason"); },
                   "rules[2].reason", "must be an object with 'nl' and 'en' text"},
        BrokenCase{"DuplicateRuleId", [](json& d) { d["rules"][1]["id"] = "acute_danger"; },
                   "rules[1].id", "duplicate rule id 'acute_danger'"},
        BrokenCase{"TwoDefaults",
                   [](json& d) {
                     d["rules"][0].erase("when");
                     d["rules"][0]["default"] = true;
                   },
                   "rules[3].default", "'acute_danger' and 'care_coordination' are both"},
        BrokenCase{"NoDefault", [](json& d) { d["rules"][3].erase("default"); }, "rules",
                   "no rule is the default"},
        BrokenCase{"DefaultWithConditions",
                   [](json& d) {
                     d["rules"][3]["when"] = {{"urgency", {"normal"}}};
                   },
                   "rules[3].when", "default rule 'care_coordination' must have no conditions"},
        BrokenCase{"NoTargets", [](json& d) { d["targets"] = json::array(); }, "targets",
                   "non-empty list"}),
    testing::BrokenCaseName);

TEST(RoutingTest, FileErrorsNameTheFile) {
  auto r = LoadRoutingFile("/nonexistent/routing.json", ShippedCatalog());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace schakel::signals
