// The flood guard of the external reporting form: a sliding window per client address.
#include "http/pages/request_limit.h"

#include <gtest/gtest.h>

namespace schakel::http::pages {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
const RequestLimit::Clock::time_point kStart{};

TEST(RequestLimitTest, AllowsUpToTheMaximumWithinTheWindow) {
  RequestLimit limit(5, minutes(10));
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limit.Allow("10.0.0.1", kStart + seconds(i)));
  EXPECT_FALSE(limit.Allow("10.0.0.1", kStart + seconds(10)));
}

TEST(RequestLimitTest, CountsEachAddressApart) {
  RequestLimit limit(1, minutes(10));
  EXPECT_TRUE(limit.Allow("10.0.0.1", kStart));
  EXPECT_TRUE(limit.Allow("10.0.0.2", kStart));
  EXPECT_FALSE(limit.Allow("10.0.0.1", kStart));
}

TEST(RequestLimitTest, TheWindowSlides) {
  RequestLimit limit(2, minutes(10));
  EXPECT_TRUE(limit.Allow("a", kStart));
  EXPECT_TRUE(limit.Allow("a", kStart + minutes(5)));
  EXPECT_FALSE(limit.Allow("a", kStart + minutes(9)));
  // The first request leaves the window; the second still counts.
  EXPECT_TRUE(limit.Allow("a", kStart + minutes(10)));
  EXPECT_FALSE(limit.Allow("a", kStart + minutes(11)));
  EXPECT_TRUE(limit.Allow("a", kStart + minutes(15)));
}

TEST(RequestLimitTest, ARefusedRequestDoesNotCount) {
  RequestLimit limit(1, minutes(10));
  EXPECT_TRUE(limit.Allow("a", kStart));
  for (int i = 1; i < 9; ++i) EXPECT_FALSE(limit.Allow("a", kStart + minutes(i)));
  EXPECT_TRUE(limit.Allow("a", kStart + minutes(10)));
}

TEST(RequestLimitTest, WhenFullNewAddressesAreRefusedUntilOldOnesExpire) {
  RequestLimit limit(5, minutes(10), 2);
  EXPECT_TRUE(limit.Allow("a", kStart));
  EXPECT_TRUE(limit.Allow("b", kStart));
  EXPECT_FALSE(limit.Allow("c", kStart + minutes(1)));
  EXPECT_TRUE(limit.Allow("a", kStart + minutes(1)));   // known addresses go on
  EXPECT_TRUE(limit.Allow("c", kStart + minutes(10)));  // "b" expired and was forgotten
}

}  // namespace
}  // namespace schakel::http::pages
