#include "domain/period.h"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(PeriodTest, ParsesYearsAndQuarters) {
  EXPECT_EQ(Period::Parse("2026").value().ToString(), "2026");
  EXPECT_EQ(Period::Parse("2026-Q4").value().ToString(), "2026-Q4");
  EXPECT_EQ(Period::Parse("2026-q1").value().ToString(), "2026-Q1");
}

TEST(PeriodTest, RejectsMalformedWithFieldName) {
  for (const char* bad :
       {"", "26", "2026-Q5", "2026-Q0", "2026Q4", "1999", "2026-H1", "２０２６"}) {
    auto p = Period::Parse(bad, "period");
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().field, "period");
  }
}

TEST(PeriodTest, OrdersChronologically) {
  EXPECT_LT(Period::Parse("2025-Q4").value(), Period::Parse("2026-Q1").value());
  EXPECT_LT(Period::Parse("2026-Q1").value(), Period::Parse("2026-Q2").value());
  EXPECT_EQ(Period::QuarterOf(2026, 11).ToString(), "2026-Q4");
  EXPECT_EQ(Period::QuarterOf(2026, 1).ToString(), "2026-Q1");
}

}  // namespace
}  // namespace schakel
