// Tests for login_throttle.h: free attempts, doubling delays with the 15-minute cap, the exact
// moment an attempt is allowed again, forgetting old failures, and combining account and address.
#include "security/login_throttle.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::security {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

const sys_seconds kT0{seconds(1'780'000'000)};
const ThrottlePolicy kAccount = ThrottlePolicy::PerAccount();

FailureHistory Failures(int n, sys_seconds at) {
  FailureHistory h;
  for (int i = 0; i < n; ++i) h = RecordFailure(h, at, kAccount);
  return h;
}

TEST(LoginThrottle, FourFailuresStillAllowImmediateRetry) {
  EXPECT_TRUE(LoginThrottleDecision(Failures(4, kT0), kT0, kAccount).allowed);
}

TEST(LoginThrottle, FifthFailureImposesThirtySeconds) {
  ThrottleDecision d = LoginThrottleDecision(Failures(5, kT0), kT0, kAccount);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, seconds(30));
}

TEST(LoginThrottle, AllowedAgainAtExactlyTheEndOfTheDelay) {
  FailureHistory h = Failures(5, kT0);
  EXPECT_FALSE(LoginThrottleDecision(h, kT0 + seconds(29), kAccount).allowed);
  EXPECT_EQ(LoginThrottleDecision(h, kT0 + seconds(29), kAccount).retry_after, seconds(1));
  EXPECT_TRUE(LoginThrottleDecision(h, kT0 + seconds(30), kAccount).allowed);
}

TEST(LoginThrottle, DelayDoublesAndIsCappedAtFifteenMinutes) {
  EXPECT_EQ(ThrottleDelay(4, kAccount), seconds(0));
  EXPECT_EQ(ThrottleDelay(5, kAccount), seconds(30));
  EXPECT_EQ(ThrottleDelay(6, kAccount), seconds(60));
  EXPECT_EQ(ThrottleDelay(7, kAccount), minutes(2));
  EXPECT_EQ(ThrottleDelay(9, kAccount), minutes(8));
  EXPECT_EQ(ThrottleDelay(10, kAccount), minutes(15));
  EXPECT_EQ(ThrottleDelay(1000000, kAccount), minutes(15));
}

TEST(LoginThrottle, SuccessResetsTheHistory) {
  EXPECT_EQ(RecordSuccess(), FailureHistory{});
  EXPECT_TRUE(LoginThrottleDecision(RecordSuccess(), kT0, kAccount).allowed);
}

TEST(LoginThrottle, FailuresAreForgottenAfterADay) {
  FailureHistory h = Failures(9, kT0);
  FailureHistory later = RecordFailure(h, kT0 + hours(24), kAccount);
  EXPECT_EQ(later.consecutive_failures, 1);
  FailureHistory sooner = RecordFailure(h, kT0 + hours(24) - seconds(1), kAccount);
  EXPECT_EQ(sooner.consecutive_failures, 10);
}

TEST(LoginThrottle, AddressGetsMoreRoomThanAccount) {
  ThrottlePolicy address = ThrottlePolicy::PerAddress();
  FailureHistory h;
  for (int i = 0; i < 19; ++i) h = RecordFailure(h, kT0, address);
  EXPECT_TRUE(LoginThrottleDecision(h, kT0, address).allowed);
  h = RecordFailure(h, kT0, address);
  EXPECT_FALSE(LoginThrottleDecision(h, kT0, address).allowed);
}

TEST(LoginThrottle, StricterOfAccountAndAddressWins) {
  ThrottleDecision open{}, wait{false, seconds(60)}, longer{false, seconds(120)};
  EXPECT_TRUE(Stricter(open, open).allowed);
  EXPECT_FALSE(Stricter(open, wait).allowed);
  EXPECT_EQ(Stricter(wait, longer).retry_after, seconds(120));
}

TEST(ThrottleAddressKey, GroupsIpv6ByPrefixAndKeepsIpv4) {
  EXPECT_EQ(ThrottleAddressKey("192.0.2.10"), "192.0.2.10");
  EXPECT_EQ(ThrottleAddressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ThrottleAddressKey("2001:db8:1:2::1"), ThrottleAddressKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(ThrottleAddressKey("2001:db8:1:2::1"), ThrottleAddressKey("2001:db8:1:3::1"));
  EXPECT_EQ(ThrottleAddressKey("::ffff:192.0.2.10"), "192.0.2.10");
  EXPECT_EQ(ThrottleAddressKey("cli"), "cli");
}

RC_GTEST_PROP(LoginThrottle, DelayNeverDecreasesAndNeverExceedsTheCap, (unsigned char n)) {
  int failures = n;
  RC_ASSERT(ThrottleDelay(failures, kAccount) <= ThrottleDelay(failures + 1, kAccount));
  RC_ASSERT(ThrottleDelay(failures, kAccount) <= minutes(15));
}

}  // namespace
}  // namespace schakel::security
