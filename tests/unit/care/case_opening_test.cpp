// Opening a case: from signals triage sent to the care coordinator, or directly with a reason.
#include "care/case_opening.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace schakel::care {
namespace {

using signals::TriageState;

NewCase FromSignals() {
  return {"ZVH-AMS",
          {{"s1", TriageState::kAssessed, ""}, {"s2", TriageState::kForwarded, "care_coordinator"}},
          ""};
}

TEST(CaseOpeningTest, FromAssessedOrForwardedSignalsOrDirectlyWithAReason) {
  EXPECT_TRUE(CheckNewCase(FromSignals()));
  EXPECT_TRUE(CheckNewCase({"ZVH-AMS", {}, "CoMensha asks for a placement"}));
}

using InvalidRow = testing::InvalidCase<NewCase>;

class InvalidNewCaseTest : public ::testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidNewCaseTest, IsRefusedNamingTheField) {
  testing::ExpectRefusedNamingField(FromSignals(), GetParam(), CheckNewCase);
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, InvalidNewCaseTest,
    ::testing::Values(
        InvalidRow{"NoRegion", [](NewCase& c) { c.region = " "; }, "region"},
        InvalidRow{"SignalTwice", [](NewCase& c) { c.signals.push_back(c.signals[0]); },
                   "signals[2]"},
        InvalidRow{"NewSignal", [](NewCase& c) { c.signals[1].state = TriageState::kNew; },
                   "signals[1]"},
        InvalidRow{"ClosedSignal", [](NewCase& c) { c.signals[0].state = TriageState::kClosed; },
                   "signals[0]"},
        InvalidRow{"ForwardedToPolice", [](NewCase& c) { c.signals[1].forwarded_to = "police"; },
                   "signals[1]"},
        InvalidRow{"DirectWithoutReason", [](NewCase& c) { c.signals.clear(); },
                   "opened_directly_because"}),
    testing::ParamName());

}  // namespace
}  // namespace schakel::care
