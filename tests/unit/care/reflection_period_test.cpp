// The B8 reflection period: the last day at month ends and in leap years, the warnings and the
// end as Amsterdam dates and UTC instants across clock changes, and recording the outcome.
#include "care/reflection_period.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "domain/clock.h"
#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;

struct LastDayRow {
  const char* start;
  const char* last_day;
};

class LastDayTest : public ::testing::TestWithParam<LastDayRow> {};

TEST_P(LastDayTest, IsTheDayBeforeTheSameDayThreeMonthsOnOrThatMonthsEnd) {
  EXPECT_EQ(FormatDate(LastDayOfReflection(D(GetParam().start))), GetParam().last_day);
}

INSTANTIATE_TEST_SUITE_P(
    MonthEndsAndLeapYears, LastDayTest,
    ::testing::Values(LastDayRow{"2026-01-15", "2026-04-14"},
                      LastDayRow{"2026-01-01", "2026-03-31"},
                      LastDayRow{"2026-01-30", "2026-04-29"},
                      LastDayRow{"2026-01-31", "2026-04-30"},  // no 31 April
                      LastDayRow{"2026-02-01", "2026-04-30"},
                      LastDayRow{"2026-03-31", "2026-06-30"},  // no 31 June
                      LastDayRow{"2026-05-31", "2026-08-30"},  // 31 August exists
                      LastDayRow{"2026-11-28", "2027-02-27"},
                      LastDayRow{"2026-11-29", "2027-02-28"},  // no 29 February 2027
                      LastDayRow{"2026-11-30", "2027-02-28"},
                      LastDayRow{"2027-11-29", "2028-02-28"},  // 29 February 2028 exists
                      LastDayRow{"2027-11-30", "2028-02-29"},
                      LastDayRow{"2027-11-30", "2028-02-29"},
                      LastDayRow{"2026-10-15", "2027-01-14"},  // over the year end
                      LastDayRow{"2027-12-01", "2028-02-29"}));

TEST(ReflectionPeriodTest, DeadlinesAreTwoWeeksAndOneWeekBeforeTheLastDayAndTheDayAfter) {
  auto period = StartReflectionPeriod(D("2026-01-15"));
  ASSERT_TRUE(period.ok());
  const auto deadlines = ReflectionDeadlines(*period);
  ASSERT_EQ(deadlines.size(), 3u);
  EXPECT_EQ(deadlines[0].kind, DeadlineKind::kWarnTwoWeeks);
  EXPECT_EQ(FormatDate(deadlines[0].date), "2026-03-31");
  EXPECT_EQ(FormatUtc(deadlines[0].starts_utc), "2026-03-30T22:00:00Z");  // CEST
  EXPECT_EQ(deadlines[1].kind, DeadlineKind::kWarnOneWeek);
  EXPECT_EQ(FormatDate(deadlines[1].date), "2026-04-07");
  EXPECT_EQ(deadlines[2].kind, DeadlineKind::kEnd);
  EXPECT_EQ(FormatDate(deadlines[2].date), "2026-04-15");
  EXPECT_EQ(FormatUtc(deadlines[2].starts_utc), "2026-04-14T22:00:00Z");
}

TEST(ReflectionPeriodTest, AWarningBeforeTheClockChangeIsInWinterTime) {
  // Last day 2026-04-11: the two-week warning falls on 28 March (CET), one day before summer time.
  auto period = StartReflectionPeriod(D("2026-01-12"));
  const auto deadlines = ReflectionDeadlines(*period);
  EXPECT_EQ(FormatDate(deadlines[0].date), "2026-03-28");
  EXPECT_EQ(FormatUtc(deadlines[0].starts_utc), "2026-03-27T23:00:00Z");
  EXPECT_EQ(FormatDate(deadlines[1].date), "2026-04-04");
  EXPECT_EQ(FormatUtc(deadlines[1].starts_utc), "2026-04-03T22:00:00Z");
}

TEST(ReflectionPeriodTest, AnEndOnTheDayClocksGoBackBeginsInSummerTime) {
  // Last day 2026-10-24; the period is over at the start of 25 October, still CEST at midnight.
  auto period = StartReflectionPeriod(D("2026-07-25"));
  const auto deadlines = ReflectionDeadlines(*period);
  EXPECT_EQ(FormatDate(deadlines[2].date), "2026-10-25");
  EXPECT_EQ(FormatUtc(deadlines[2].starts_utc), "2026-10-24T22:00:00Z");
}

TEST(ReflectionPeriodTest, AnInvalidStartIsRefusedNamingTheField) {
  auto period = StartReflectionPeriod(
      Date{std::chrono::year{2027}, std::chrono::February, std::chrono::day{29}});
  ASSERT_FALSE(period.ok());
  EXPECT_EQ(period.error().field, "reflection_start");
}

TEST(ReflectionPeriodTest, RecordingTheOutcomeEndsTheWarnings) {
  auto period = StartReflectionPeriod(D("2026-01-15"));
  auto done = RecordReflectionOutcome(*period, ReflectionOutcome::kReportedCrime, D("2026-02-20"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->outcome, ReflectionOutcome::kReportedCrime);
  EXPECT_TRUE(ReflectionDeadlines(*done).empty());
  auto again = RecordReflectionOutcome(*done, ReflectionOutcome::kNone, D("2026-02-21"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(ReflectionPeriodTest, AnOutcomeBeforeTheStartIsRefused) {
  auto period = StartReflectionPeriod(D("2026-01-15"));
  auto early = RecordReflectionOutcome(*period, ReflectionOutcome::kCooperates, D("2026-01-14"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "reflection_outcome_on");
}

TEST(ReflectionPeriodTest, DaysLeftCountTheLastDay) {
  auto period = StartReflectionPeriod(D("2026-01-15"));
  EXPECT_EQ(ReflectionDaysLeft(*period, D("2026-04-14")), 1);
  EXPECT_EQ(ReflectionDaysLeft(*period, D("2026-04-15")), 0);
  EXPECT_EQ(ReflectionDaysLeft(*period, D("2026-01-15")), 90);
}

TEST(ReflectionPeriodTest, OutcomeNamesRoundTrip) {
  for (auto o : {ReflectionOutcome::kReportedCrime, ReflectionOutcome::kCooperates,
                 ReflectionOutcome::kCannotCooperate, ReflectionOutcome::kNone}) {
    EXPECT_EQ(ParseReflectionOutcome(ReflectionOutcomeName(o)), o);
  }
  EXPECT_FALSE(ParseReflectionOutcome("maybe").has_value());
}

// "Ten hoogste drie maanden": the period never reaches the same day three months on, is never
// shorter than 89 days, and a later start never ends earlier.
RC_GTEST_PROP(ReflectionPeriodProperty, AtMostThreeMonthsAndMonotone, ()) {
  const Date start =
      AddDays(Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}},
              *rc::gen::inRange(0, 365 * 30));
  const Date last = LastDayOfReflection(start);
  const Date three_months_on = AddMonthsClamped(start, 3);
  RC_ASSERT(DaysBetween(last, three_months_on) >= 0);
  RC_ASSERT(DaysBetween(start, last) + 1 >= 89);
  RC_ASSERT(DaysBetween(last, LastDayOfReflection(AddDays(start, 1))) >= 0);
}

// Every deadline's instant is the first second of its Amsterdam date, in summer and winter alike.
RC_GTEST_PROP(ReflectionPeriodProperty, DeadlineInstantsStartTheirLocalDate, ()) {
  const Date start =
      AddDays(Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}},
              *rc::gen::inRange(0, 365 * 30));
  for (const ReflectionDeadline& d : ReflectionDeadlines(*StartReflectionPeriod(start))) {
    RC_ASSERT(AmsterdamDate(d.starts_utc) == d.date);
    RC_ASSERT(AmsterdamDate(d.starts_utc - std::chrono::seconds{1}) == AddDays(d.date, -1));
  }
}

}  // namespace
}  // namespace schakel::care
