// Tests for password_hash.h and password_policy.h: Argon2id round trip, rehash detection, and every
// policy reason, including the shipped common-password list.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "security/password_hash.h"
#include "security/password_policy.h"

namespace schakel::security {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Argon2Limits kFast = Argon2Limits::MinimumForTests();

TEST(PasswordHash, VerifiesTheRightPasswordAndRejectsAWrongOne) {
  Result<std::string> hash = HashPassword("correct horse battery", kFast);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordHash, UsesAFreshSaltEachTime) {
  EXPECT_NE(*HashPassword("same password here", kFast), *HashPassword("same password here", kFast));
}

TEST(PasswordHash, MalformedStoredHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "x"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'a'), "x"));
}

TEST(PasswordHash, DummyVerificationForUnknownUsersAlwaysFails) {
  std::string hash = *HashPassword("a long enough password", kFast);
  EXPECT_TRUE(VerifyPasswordOrDummy(hash, "a long enough password", kFast));
  EXPECT_FALSE(VerifyPasswordOrDummy(hash, "another password!", kFast));
  EXPECT_FALSE(VerifyPasswordOrDummy(std::nullopt, "a long enough password", kFast));
  EXPECT_FALSE(VerifyPasswordOrDummy(std::nullopt, "schakel-dummy-password", kFast));
}

TEST(PasswordHash, NeedsRehashWhenLimitsChange) {
  std::string hash = *HashPassword("a long enough password", kFast);
  EXPECT_FALSE(NeedsRehash(hash, kFast));
  EXPECT_TRUE(NeedsRehash(hash, Argon2Limits::Interactive()));
  EXPECT_TRUE(NeedsRehash("$2y$10$bcrypthashfromelsewhere", kFast));
}

TEST(PasswordHash, ProductionLimitsAreInteractiveOrStronger) {
  // The one test with production parameters (~0.1-1 s under sanitizers).
  Argon2Limits production = Argon2Limits::Interactive();
  EXPECT_GE(production.mem, 64u * 1024 * 1024);
  EXPECT_GE(production.ops, 2u);
  std::string hash = *HashPassword("productie-wachtwoord-2026", production);
  EXPECT_THAT(hash, ::testing::HasSubstr("m=65536,t=2"));
  EXPECT_TRUE(VerifyPassword(hash, "productie-wachtwoord-2026"));
  EXPECT_FALSE(NeedsRehash(hash, production));
}

class PasswordPolicyTest : public ::testing::Test {
 protected:
  CommonPasswords common_{{"Wachtwoord2024!", "welkomwelkom12"}};
};

TEST_F(PasswordPolicyTest, AcceptsALongUncommonPassword) {
  EXPECT_THAT(CheckPassword("paard-batterij-niet-nietje", "jdevries", common_), IsEmpty());
  EXPECT_TRUE(PolicyStatus({}).ok());
}

TEST_F(PasswordPolicyTest, LengthBoundariesAreInclusive) {
  EXPECT_THAT(CheckPassword("abcdefghijk", "user", common_),
              ElementsAre(PasswordProblem::kTooShort));
  EXPECT_THAT(CheckPassword("abcdefghijkl", "user", common_), IsEmpty());
  EXPECT_THAT(CheckPassword(std::string(64, 'a') + std::string(64, 'b'), "user", common_),
              IsEmpty());
  EXPECT_THAT(CheckPassword(std::string(64, 'a') + std::string(65, 'b'), "user", common_),
              ElementsAre(PasswordProblem::kTooLong));
}

TEST_F(PasswordPolicyTest, CountsCodePointsNotBytes) {
  // 12 code points, 24 bytes: long enough. 11 code points of 2 bytes: too short.
  EXPECT_THAT(CheckPassword("ëëëëëëëëëëëa", "user", common_), IsEmpty());
  EXPECT_THAT(CheckPassword("ëëëëëëëëëëa", "user", common_),
              ElementsAre(PasswordProblem::kTooShort));
}

TEST_F(PasswordPolicyTest, RejectsOneRepeatedCharacter) {
  EXPECT_THAT(CheckPassword("aaaaaaaaaaaa", "user", common_),
              ElementsAre(PasswordProblem::kSingleCharacter));
  EXPECT_THAT(CheckPassword("éééééééééééé", "user", common_),
              ElementsAre(PasswordProblem::kSingleCharacter));
  EXPECT_THAT(CheckPassword("aaaaaaaaaaab", "user", common_), IsEmpty());
}

TEST_F(PasswordPolicyTest, RejectsCommonPasswordsIgnoringCase) {
  EXPECT_THAT(CheckPassword("WACHTWOORD2024!", "user", common_),
              ElementsAre(PasswordProblem::kCommon));
}

TEST_F(PasswordPolicyTest, RejectsPasswordContainingTheUserNameIgnoringCase) {
  EXPECT_THAT(CheckPassword("mijnJDeVries-geheim", "jdevries", common_),
              ElementsAre(PasswordProblem::kContainsUserName));
  // Very short user names are not checked.
  EXPECT_THAT(CheckPassword("lange zin met jo erin", "jo", common_), IsEmpty());
}

TEST_F(PasswordPolicyTest, ReportsEveryProblemAtOnce) {
  EXPECT_THAT(CheckPassword("aaaa", "aaa", common_),
              ElementsAre(PasswordProblem::kTooShort, PasswordProblem::kSingleCharacter,
                          PasswordProblem::kContainsUserName));
}

TEST_F(PasswordPolicyTest, RejectsInvalidUtf8) {
  EXPECT_THAT(CheckPassword("abcdefghijkl\xC3", "user", common_),
              ElementsAre(PasswordProblem::kInvalidUtf8));
  EXPECT_THAT(CheckPassword("abcdefghijkl\xED\xA0\x80", "user", common_),  // surrogate
              ElementsAre(PasswordProblem::kInvalidUtf8));
}

TEST_F(PasswordPolicyTest, PolicyStatusNamesTheCodesOnThePasswordField) {
  Status s = PolicyStatus({PasswordProblem::kTooShort, PasswordProblem::kCommon});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(s.error().field, "password");
  EXPECT_THAT(s.error().message, ::testing::HasSubstr("too_short, common"));
}

TEST(CommonPasswordList, ShippedListLoadsAndHasTheObviousOnes) {
  Result<CommonPasswords> list =
      CommonPasswords::Load(SCHAKEL_SOURCE_DIR "/data/security/common-passwords.txt");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_GT(list->size(), 2000u);
  for (const char* p : {"Wachtwoord2024", "welkom123456", "qwertyuiop123", "1qaz2wsx3edc",
                        "Feyenoord2025!", "zomer_2024", "123456789012"}) {
    EXPECT_TRUE(list->Contains(p)) << p;
  }
  EXPECT_FALSE(list->Contains("paard-batterij-niet-nietje"));
  EXPECT_FALSE(list->Contains("# Common passwords for the Schakel password policy, generated by"));
}

TEST(CommonPasswordList, MissingFileIsUnavailable) {
  Result<CommonPasswords> list = CommonPasswords::Load("/nonexistent/common-passwords.txt");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace schakel::security
