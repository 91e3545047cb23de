// The three-element test, table-driven: every combination of present / absent / unknown for an
// adult, a minor and a person of unknown age; the smuggling rule; the labour continuum.
#include "signals/three_elements.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "fixtures.h"

namespace schakel::signals {
namespace {

constexpr auto P = ElementState::kPresent;
constexpr auto A = ElementState::kAbsent;
constexpr auto U = ElementState::kUnknown;

// "Ma Pu": means absent, purpose unknown — the missing elements in a line a reader can check.
std::string MissingCode(const std::vector<MissingElement>& missing) {
  std::string out;
  for (const MissingElement& m : missing) {
    if (!out.empty()) out += ' ';
    out += m.element == Element::kAct ? 'A' : m.element == Element::kMeans ? 'M' : 'P';
    out += m.state == ElementState::kAbsent ? 'a' : 'u';
  }
  return out;
}

bool HasNote(const ThreeElementResult& r, TestNote n) {
  return std::find(r.notes.begin(), r.notes.end(), n) != r.notes.end();
}

ThreeElementInput Input(ElementState act, ElementState means, ElementState purpose, AgeGroup age) {
  return testing::MakeInput(act, means, purpose, age, {"sexual"});
}

struct ElementRow {
  ElementState act, means, purpose;
  const char* missing_adult;  // also for unknown age
  const char* missing_minor;  // the means is never needed
};

// All 27 combinations. An empty code means "all elements present".
const ElementRow kRows[] = {
    {P, P, P, "", ""},        {P, P, A, "Pa", "Pa"},          {P, P, U, "Pu", "Pu"},
    {P, A, P, "Ma", ""},      {P, A, A, "Ma Pa", "Pa"},       {P, A, U, "Ma Pu", "Pu"},
    {P, U, P, "Mu", ""},      {P, U, A, "Mu Pa", "Pa"},       {P, U, U, "Mu Pu", "Pu"},
    {A, P, P, "Aa", "Aa"},    {A, P, A, "Aa Pa", "Aa Pa"},    {A, P, U, "Aa Pu", "Aa Pu"},
    {A, A, P, "Aa Ma", "Aa"}, {A, A, A, "Aa Ma Pa", "Aa Pa"}, {A, A, U, "Aa Ma Pu", "Aa Pu"},
    {A, U, P, "Aa Mu", "Aa"}, {A, U, A, "Aa Mu Pa", "Aa Pa"}, {A, U, U, "Aa Mu Pu", "Aa Pu"},
    {U, P, P, "Au", "Au"},    {U, P, A, "Au Pa", "Au Pa"},    {U, P, U, "Au Pu", "Au Pu"},
    {U, A, P, "Au Ma", "Au"}, {U, A, A, "Au Ma Pa", "Au Pa"}, {U, A, U, "Au Ma Pu", "Au Pu"},
    {U, U, P, "Au Mu", "Au"}, {U, U, A, "Au Mu Pa", "Au Pa"}, {U, U, U, "Au Mu Pu", "Au Pu"},
};

class ElementCombinationTest : public ::testing::TestWithParam<std::tuple<ElementRow, AgeGroup>> {};

TEST_P(ElementCombinationTest, MissingElementsAndOutcomeFollowTheLaw) {
  const auto& [row, age] = GetParam();
  const ThreeElementResult r = EvaluateThreeElements(Input(row.act, row.means, row.purpose, age));
  const std::string expected = age == AgeGroup::kMinor ? row.missing_minor : row.missing_adult;
  EXPECT_EQ(MissingCode(r.missing), expected);
  EXPECT_EQ(r.outcome,
            expected.empty() ? TestOutcome::kAllElementsPresent : TestOutcome::kIncomplete);
  EXPECT_EQ(HasNote(r, TestNote::kMinorNeedsNoMeans), age == AgeGroup::kMinor);
  EXPECT_EQ(HasNote(r, TestNote::kAgeUnknown), age == AgeGroup::kUnknown && row.means != P);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes.back(), TestNote::kNotAFinding);
  EXPECT_FALSE(r.labour.has_value());
}

INSTANTIATE_TEST_SUITE_P(
    EveryCombination, ElementCombinationTest,
    ::testing::Combine(::testing::ValuesIn(kRows),
                       ::testing::Values(AgeGroup::kAdult, AgeGroup::kMinor, AgeGroup::kUnknown)),
    [](const auto& p) {
      const ElementRow& row = std::get<0>(p.param);
      return fmt::format("{}_{}_{}_{}", ElementStateName(row.act), ElementStateName(row.means),
                         ElementStateName(row.purpose), AgeGroupName(std::get<1>(p.param)));
    });

TEST(ThreeElementTest, MinorNeedsNoMeansElement) {
  const auto r = EvaluateThreeElements(Input(P, A, P, AgeGroup::kMinor));
  EXPECT_EQ(r.outcome, TestOutcome::kAllElementsPresent);
  EXPECT_TRUE(HasNote(r, TestNote::kMinorNeedsNoMeans));
}

TEST(ThreeElementTest, NotesCarryTheProfessionalsNotesUntouched) {
  ThreeElementInput in = Input(P, P, U, AgeGroup::kAdult);
  in.purpose.note = "Werkt 70 uur per week; loon onduidelijk.";
  const auto r = EvaluateThreeElements(in);
  EXPECT_EQ(MissingCode(r.missing), "Pu");
  EXPECT_EQ(in.purpose.note, "Werkt 70 uur per week; loon onduidelijk.");
}

struct SmugglingRow {
  const char* name;
  bool crossed_with_help, own_choice;
  ElementState purpose;
  TestOutcome outcome;
  bool border_note;     // kBorderHelpWithExploitation
  bool smuggling_note;  // kSmuggledPersonCanBecomeVictim
};

class SmugglingTest : public ::testing::TestWithParam<SmugglingRow> {};

TEST_P(SmugglingTest, SmugglingNeedsHelpOwnChoiceAndNoExploitationPurpose) {
  const SmugglingRow& row = GetParam();
  ThreeElementInput in = Input(P, P, row.purpose, AgeGroup::kAdult);
  in.smuggling = {row.crossed_with_help, row.own_choice};
  const auto r = EvaluateThreeElements(in);
  EXPECT_EQ(r.outcome, row.outcome);
  EXPECT_EQ(HasNote(r, TestNote::kBorderHelpWithExploitation), row.border_note);
  EXPECT_EQ(HasNote(r, TestNote::kSmuggledPersonCanBecomeVictim), row.smuggling_note);
  if (row.outcome == TestOutcome::kIndicatesSmuggling) {
    EXPECT_TRUE(r.missing.empty());
  }
  EXPECT_EQ(r.notes.back(), TestNote::kNotAFinding);
}

constexpr auto kAll = TestOutcome::kAllElementsPresent;
constexpr auto kInc = TestOutcome::kIncomplete;
constexpr auto kSmu = TestOutcome::kIndicatesSmuggling;

INSTANTIATE_TEST_SUITE_P(
    Rules, SmugglingTest,
    ::testing::Values(
        SmugglingRow{"HelpOwnChoiceNoPurpose", true, true, A, kSmu, false, true},
        SmugglingRow{"HelpOwnChoicePurposeUnknown", true, true, U, kInc, true, false},
        SmugglingRow{"HelpOwnChoicePurposePresent", true, true, P, kAll, true, false},
        SmugglingRow{"HelpNotOwnChoiceNoPurpose", true, false, A, kInc, true, false},
        SmugglingRow{"HelpNotOwnChoicePurposeUnknown", true, false, U, kInc, true, false},
        SmugglingRow{"HelpNotOwnChoicePurposePresent", true, false, P, kAll, true, false},
        SmugglingRow{"NoHelpOwnChoiceNoPurpose", false, true, A, kInc, false, false},
        SmugglingRow{"NoHelpOwnChoicePurposeUnknown", false, true, U, kInc, false, false},
        SmugglingRow{"NoHelpOwnChoicePurposePresent", false, true, P, kAll, false, false},
        SmugglingRow{"NoHelpNoChoiceNoPurpose", false, false, A, kInc, false, false},
        SmugglingRow{"NoHelpNoChoicePurposeUnknown", false, false, U, kInc, false, false},
        SmugglingRow{"NoHelpNoChoicePurposePresent", false, false, P, kAll, false, false}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(ThreeElementTest, SmuggledMinorIsStillSmugglingWithoutExploitationPurpose) {
  ThreeElementInput in = Input(P, A, A, AgeGroup::kMinor);
  in.smuggling = {true, true};
  EXPECT_EQ(EvaluateThreeElements(in).outcome, TestOutcome::kIndicatesSmuggling);
}

struct LabourRow {
  bool violations, dependency, poor, restricted;
  LabourPosition expected;
};

class LabourContinuumTest : public ::testing::TestWithParam<LabourRow> {};

TEST_P(LabourContinuumTest, FactsPlaceTheSignalOnTheContinuum) {
  const LabourRow& row = GetParam();
  EXPECT_EQ(AssessLabour({row.violations, row.dependency, row.poor, row.restricted}), row.expected);
}

constexpr auto kNone = LabourPosition::kNoIndication;
constexpr auto kBad = LabourPosition::kBadEmploymentPractice;
constexpr auto kSer = LabourPosition::kSeriousDisadvantage;
constexpr auto kExp = LabourPosition::kExploitation;

// All 16 combinations: violations, dependency, very poor circumstances, restricted freedoms.
INSTANTIATE_TEST_SUITE_P(
    EveryCombination, LabourContinuumTest,
    ::testing::Values(
        LabourRow{false, false, false, false, kNone}, LabourRow{false, true, false, false, kNone},
        LabourRow{true, false, false, false, kBad}, LabourRow{false, false, true, false, kBad},
        LabourRow{true, true, false, false, kSer}, LabourRow{true, false, true, false, kSer},
        LabourRow{false, true, true, false, kSer}, LabourRow{true, true, true, false, kSer},
        LabourRow{false, false, false, true, kExp}, LabourRow{true, false, false, true, kExp},
        LabourRow{false, true, false, true, kExp}, LabourRow{false, false, true, true, kExp},
        LabourRow{true, true, false, true, kExp}, LabourRow{true, false, true, true, kExp},
        LabourRow{false, true, true, true, kExp}, LabourRow{true, true, true, true, kExp}),
    [](const auto& p) {
      const LabourRow& r = p.param;
      return fmt::format("V{}D{}P{}F{}", int{r.violations}, int{r.dependency}, int{r.poor},
                         int{r.restricted});
    });

TEST(ThreeElementTest, LabourPositionOnlyForTheLabourForm) {
  ThreeElementInput in = Input(P, P, P, AgeGroup::kAdult);
  in.labour = LabourFacts{true, false, false, false};
  EXPECT_FALSE(EvaluateThreeElements(in).labour.has_value());
  in.forms = {"sexual", "labour"};
  EXPECT_EQ(EvaluateThreeElements(in).labour, LabourPosition::kBadEmploymentPractice);
}

TEST(ThreeElementTest, LabourFormWithoutFactsHasNoPosition) {
  ThreeElementInput in = Input(P, P, P, AgeGroup::kAdult);
  in.forms = {"labour"};
  EXPECT_FALSE(EvaluateThreeElements(in).labour.has_value());
}

TEST(ThreeElementTest, NamesAreTheWireNames) {
  EXPECT_STREQ(TestOutcomeName(TestOutcome::kIndicatesSmuggling), "indicates_smuggling");
  EXPECT_STREQ(LabourPositionName(LabourPosition::kSeriousDisadvantage), "serious_disadvantage");
  EXPECT_STREQ(ElementName(Element::kMeans), "means");
  EXPECT_STREQ(AgeGroupName(AgeGroup::kUnknown), "unknown");
}

}  // namespace
}  // namespace schakel::signals
