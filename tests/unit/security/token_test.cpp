// Tests for api_token.h and session_token.h: token shape and storage form, scope/expiry/revocation
// checks, CSRF tokens bound to their session, and session timeouts at their exact boundaries.
#include <gtest/gtest.h>

#include "security/api_token.h"
#include "security/session_token.h"
#include "test_random.h"

namespace schakel::security {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

const sys_seconds kNoon{seconds(1'780'000'000)};

TEST(ApiToken, HasPrefixAnd32RandomBytesAndStoresOnlyTheHash) {
  NewApiToken t = GenerateApiToken(SystemRandom());
  EXPECT_TRUE(t.token.starts_with("skl_"));
  EXPECT_EQ(t.token.size(), 4u + 43u);
  EXPECT_TRUE(LooksLikeApiToken(t.token));
  EXPECT_EQ(t.token_hash.size(), 64u);
  EXPECT_EQ(t.token_hash, ApiTokenHash(t.token));
  EXPECT_EQ(t.token_hash.find(t.token.substr(4)), std::string::npos);
  EXPECT_NE(GenerateApiToken(SystemRandom()).token, t.token);
}

TEST(ApiToken, HashOfKnownInputIsSha256) {
  EXPECT_EQ(ApiTokenHash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ApiToken, LooksLikeRejectsOtherShapes) {
  EXPECT_FALSE(LooksLikeApiToken("skl_short"));
  EXPECT_FALSE(LooksLikeApiToken("xyz_" + std::string(43, 'A')));
  EXPECT_FALSE(LooksLikeApiToken("skl_" + std::string(42, 'A') + "+"));
}

class ApiTokenCheckTest : public ::testing::Test {
 protected:
  NewApiToken token_ = GenerateApiToken(testing::CountingRandom());
  ApiTokenRecord record_{token_.token_hash, "org-1", {"signal.create"}, kNoon + hours(1), {}};
};

TEST_F(ApiTokenCheckTest, AcceptsTheRightTokenAndScopeBeforeExpiry) {
  EXPECT_TRUE(CheckApiToken(record_, token_.token, "signal.create", kNoon).ok());
  EXPECT_TRUE(
      CheckApiToken(record_, token_.token, "signal.create", kNoon + hours(1) - seconds(1)).ok());
}

TEST_F(ApiTokenCheckTest, RefusesAtTheExactExpiryInstant) {
  Status s = CheckApiToken(record_, token_.token, "signal.create", kNoon + hours(1));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kForbidden);
  EXPECT_NE(s.error().message.find("expired"), std::string::npos);
}

TEST_F(ApiTokenCheckTest, RefusesWrongTokenMissingScopeAndRevoked) {
  std::string wrong = token_.token;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  EXPECT_NE(CheckApiToken(record_, wrong, "signal.create", kNoon).error().message.find("match"),
            std::string::npos);
  EXPECT_NE(CheckApiToken(record_, token_.token, "case.read", kNoon).error().message.find("scope"),
            std::string::npos);
  record_.revoked_at = kNoon - minutes(1);
  EXPECT_NE(
      CheckApiToken(record_, token_.token, "signal.create", kNoon).error().message.find("revoked"),
      std::string::npos);
}

TEST(Session, IdIs32RandomBytesStoredAsItsHash) {
  NewSession s = GenerateSession(SystemRandom());
  EXPECT_EQ(s.session_id.size(), 43u);
  EXPECT_EQ(s.id_hash, SessionIdHash(s.session_id));
  EXPECT_EQ(s.id_hash.size(), 64u);
  EXPECT_NE(GenerateSession(SystemRandom()).session_id, s.session_id);
}

SecretKey Key(unsigned char fill) {
  std::array<unsigned char, SecretKey::kSize> bytes{};
  bytes.fill(fill);
  return SecretKey(bytes);
}

TEST(Csrf, TokenVerifiesForItsOwnSessionOnly) {
  const SecretKey key = Key(5);
  NewSession a = GenerateSession(SystemRandom());
  NewSession b = GenerateSession(SystemRandom());
  std::string token = CsrfToken(key, a.session_id);
  EXPECT_EQ(token, CsrfToken(key, a.session_id));
  EXPECT_TRUE(VerifyCsrfToken(key, a.session_id, token));
  EXPECT_FALSE(VerifyCsrfToken(key, b.session_id, token));
  EXPECT_FALSE(VerifyCsrfToken(Key(6), a.session_id, token));
  EXPECT_FALSE(VerifyCsrfToken(key, a.session_id, ""));
  EXPECT_FALSE(VerifyCsrfToken(key, a.session_id, token.substr(1)));
  EXPECT_FALSE(VerifyCsrfToken(key, "", CsrfToken(key, "")));
}

TEST(SessionTimeout, IdleExpiresAtExactlyTheIdleLimit) {
  SessionLimits limits{.idle = minutes(15), .absolute = hours(8)};
  sys_seconds created = kNoon, seen = kNoon + minutes(30);
  EXPECT_EQ(SessionStateAt(created, seen, seen + minutes(15) - seconds(1), limits),
            SessionState::kActive);
  EXPECT_EQ(SessionStateAt(created, seen, seen + minutes(15), limits), SessionState::kIdleExpired);
}

TEST(SessionTimeout, AbsoluteExpiresAtExactlyTheLimitEvenWhenActive) {
  SessionLimits limits{.idle = minutes(15), .absolute = hours(8)};
  sys_seconds created = kNoon;
  sys_seconds seen = kNoon + hours(8) - seconds(10);
  EXPECT_EQ(SessionStateAt(created, seen, kNoon + hours(8) - seconds(1), limits),
            SessionState::kActive);
  EXPECT_EQ(SessionStateAt(created, seen, kNoon + hours(8), limits),
            SessionState::kAbsoluteExpired);
}

TEST(SessionTimeout, AbsoluteWinsWhenBothHaveExpired) {
  EXPECT_EQ(SessionStateAt(kNoon, kNoon, kNoon + hours(9)), SessionState::kAbsoluteExpired);
}

TEST(SessionTimeout, DefaultsAreFifteenMinutesIdleAndEightHoursAbsolute) {
  SessionLimits d;
  EXPECT_EQ(d.idle, minutes(15));
  EXPECT_EQ(d.absolute, hours(8));
}

}  // namespace
}  // namespace schakel::security
