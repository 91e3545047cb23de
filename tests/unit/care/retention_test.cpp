// Retention: when a closed record has passed its period, unknown record types refused, and what
// is kept of an expired case.
#include "care/retention.h"

#include <gtest/gtest.h>

#include "care/case_view.h"
#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;
using testing::ShippedCareData;

TEST(RetentionTest, ARecordExpiresOnTheDayItsPeriodEnds) {
  const RetentionPeriod period{"case", {"Casus", "Case"}, 60};
  EXPECT_EQ(FormatDate(RetentionEnds(D("2021-02-28"), period)), "2026-02-28");
  EXPECT_EQ(FormatDate(RetentionEnds(D("2024-02-29"), period)), "2029-02-28");
  const std::vector<ClosedRecord> records = {{"case-1", "case", D("2021-06-01")},
                                             {"case-2", "case", D("2021-06-02")},
                                             {"placement-9", "placement", D("2020-01-01")}};
  auto expired = ExpiredRecords(records, ShippedCareData(), D("2026-06-01"));
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, (std::vector<std::string>{"case-1", "placement-9"}));
}

TEST(RetentionTest, ARecordTypeWithoutAPeriodIsRefusedNamingIt) {
  auto expired = ExpiredRecords({{"x", "case", D("2020-01-01")}, {"y", "diary", D("2020-01-01")}},
                                ShippedCareData(), D("2026-06-01"));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().field, "records[1].record_type");
  EXPECT_NE(expired.error().message.find("'diary'"), std::string::npos);
}

TEST(RetentionTest, AnonymousFactsKeepOnlyFieldsOfNonIdentifyingGroups) {
  const CaseView view = {{"full_name", "A. Person"},     {"phone", "0612345678"},
                         {"nationality", "PL"},          {"forms", "labour"},
                         {"reflection_outcome", "none"}, {"notes", "met at the station"},
                         {"unlisted_field", "x"}};
  EXPECT_EQ(AnonymousFacts(view, ShippedCareData()),
            (CaseView{{"forms", "labour"}, {"nationality", "PL"}, {"reflection_outcome", "none"}}));
}

}  // namespace
}  // namespace schakel::care
