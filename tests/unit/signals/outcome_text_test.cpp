// The test's result in words: the catalogue's texts filled in both languages, and the labour
// route taken from the routing rules.
#include "signals/outcome_text.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace schakel::signals {
namespace {

using testing::ShippedCatalog;
using testing::ShippedRouting;

std::vector<LocalizedText> Describe(const ThreeElementInput& in) {
  return DescribeResult(ShippedCatalog(), ShippedRouting(), EvaluateThreeElements(in));
}

ThreeElementInput Input(ElementState act, ElementState means, ElementState purpose, AgeGroup age) {
  return testing::MakeInput(act, means, purpose, age, {"labour"});
}

constexpr auto P = ElementState::kPresent;
constexpr auto A = ElementState::kAbsent;
constexpr auto U = ElementState::kUnknown;

TEST(OutcomeTextTest, IncompleteNamesTheMissingElementsInBothLanguages) {
  const auto lines = Describe(Input(P, A, U, AgeGroup::kAdult));
  EXPECT_EQ(lines[0].nl, "Onvolledig: ontbreekt middel (afwezig), doel (uitbuiting) (onbekend).");
  EXPECT_EQ(lines[0].en, "Incomplete: missing means (absent), purpose (exploitation) (unknown).");
  EXPECT_EQ(lines.back().en, ShippedCatalog().Text("note.not_a_finding").en);
}

TEST(OutcomeTextTest, MinorWithoutMeansIsCompleteAndSaysWhy) {
  const auto lines = Describe(Input(P, A, P, AgeGroup::kMinor));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].en, "All elements present.");
  EXPECT_EQ(lines[1].en, ShippedCatalog().Text("note.minor_no_means").en);
}

TEST(OutcomeTextTest, SmugglingSaysSoAndWarnsItCanChange) {
  ThreeElementInput in = Input(P, P, A, AgeGroup::kAdult);
  in.smuggling = {true, true};
  const auto lines = Describe(in);
  EXPECT_EQ(lines[0].nl, ShippedCatalog().Text("outcome.smuggling").nl);
  EXPECT_EQ(lines[1].nl, ShippedCatalog().Text("note.smuggled_can_become_victim").nl);
}

TEST(OutcomeTextTest, BadEmploymentPracticeRoutesToTheLabourInspectorate) {
  ThreeElementInput in = Input(P, U, U, AgeGroup::kAdult);
  in.labour = LabourFacts{true, false, false, false};
  const auto lines = Describe(in);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[lines.size() - 2].en, "Labour: bad employment practice.");
  EXPECT_EQ(lines.back().nl, "Route: Nederlandse Arbeidsinspectie (NLA).");
}

TEST(OutcomeTextTest, LabourRouteIsWhatTheRoutingRulesDecide) {
  const RoutingRules& rules = ShippedRouting();
  EXPECT_EQ(LabourRoute(rules, LabourPosition::kNoIndication), "");
  EXPECT_EQ(LabourRoute(rules, LabourPosition::kBadEmploymentPractice), "labour_inspectorate");
  EXPECT_EQ(LabourRoute(rules, LabourPosition::kSeriousDisadvantage), "labour_inspectorate");
  EXPECT_EQ(LabourRoute(rules, LabourPosition::kExploitation), "care_coordinator");
}

TEST(OutcomeTextTest, NoIndicationHasNoRouteLine) {
  ThreeElementInput in = Input(P, P, P, AgeGroup::kAdult);
  in.labour = LabourFacts{};
  const auto lines = Describe(in);
  EXPECT_EQ(lines.back().en, "Labour: these facts show no position on the continuum.");
}

// Never a probability or a score: no description of any combination holds a percentage or a
// number other than the article of law and the age limit.
TEST(OutcomeTextTest, NoCombinationIsDescribedWithANumberOrPercentage) {
  for (ElementState act : {P, A, U}) {
    for (ElementState means : {P, A, U}) {
      for (ElementState purpose : {P, A, U}) {
        for (AgeGroup age : {AgeGroup::kAdult, AgeGroup::kMinor, AgeGroup::kUnknown}) {
          for (const LocalizedText& line : Describe(Input(act, means, purpose, age))) {
            for (const std::string& text : {line.nl, line.en}) {
              std::string rest = text;
              for (const char* allowed : {"273f", "18"}) {
                if (auto at = rest.find(allowed); at != std::string::npos) {
                  rest.erase(at, std::string(allowed).size());
                }
              }
              EXPECT_EQ(rest.find_first_of("0123456789%"), std::string::npos) << text;
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace schakel::signals
