// Dates of birth: parsing what organisations write, and tolerance for common mistakes.
#include "linkage/birth_date.h"

#include <gtest/gtest.h>

namespace schakel::linkage {
namespace {

BirthDate Parse(const char* s) {
  Result<BirthDate> d = ParseBirthDate(s);
  EXPECT_TRUE(d.ok()) << s << ": " << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : BirthDate{};
}

TEST(ParseBirthDate, AcceptsIsoCompactAndPartialDates) {
  EXPECT_EQ(Parse("1990-03-07"), (BirthDate{1990, 3, 7}));
  EXPECT_EQ(Parse("19900307"), (BirthDate{1990, 3, 7}));
  EXPECT_EQ(Parse("1990-03"), (BirthDate{1990, 3, 0}));
  EXPECT_EQ(Parse("1990"), (BirthDate{1990, 0, 0}));
  EXPECT_EQ(Parse("1990-00-00"), (BirthDate{1990, 0, 0}));
  EXPECT_EQ(Parse(" 2000-02-29 "), (BirthDate{2000, 2, 29}));
  EXPECT_TRUE(Parse("").empty());
}

TEST(ParseBirthDate, RejectsImpossibleDatesWithAClearMessage) {
  for (const char* bad : {"1990-13-01", "1990-02-30", "1900-02-29", "07-03-1990", "1990/03/07",
                          "1870-01-01", "1990-00-05", "abcd", "1990-3-7"}) {
    Result<BirthDate> d = ParseBirthDate(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(d.error().field, "date_of_birth");
    EXPECT_NE(d.error().message.find(bad), std::string::npos) << d.error().message;
  }
}

TEST(CompareBirthDates, ToleratesSwappedDayMonthAndYearOffByOne) {
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1990-03-07")), DateAgreement::kExact);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1990-07-03")),
            DateAgreement::kDayMonthSwapped);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1991-03-07")),
            DateAgreement::kYearOffByOne);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1989-03-07")),
            DateAgreement::kYearOffByOne);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1990")), DateAgreement::kSameYear);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("1992-03-07")), DateAgreement::kDifferent);
  EXPECT_EQ(CompareBirthDates(Parse("1990-03-07"), Parse("")), DateAgreement::kUnknown);
}

}  // namespace
}  // namespace schakel::linkage
