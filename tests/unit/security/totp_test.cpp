// Tests for totp.h: RFC 4226 and RFC 6238 (SHA-1) vectors, the ±1 step window at its exact edges,
// replay refusal, secret generation and the otpauth URI.
#include "security/totp.h"

#include <gtest/gtest.h>

#include "security/encoding.h"
#include "test_random.h"

namespace schakel::security {
namespace {

// "12345678901234567890", the RFC test secret, in Base32.
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

UnixSeconds At(std::int64_t unix) {
  return UnixSeconds(std::chrono::seconds(unix));
}

// The accepted step, or -1 when refused (so a refusal fails the comparison instead of aborting).
std::int64_t Accepted(const Result<std::int64_t>& r) {
  return r.ok() ? *r : -1;
}

TEST(Hotp, MatchesRfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(AsBytes("12345678901234567890"), counter), expected[counter]) << counter;
  }
}

TEST(Totp, MatchesRfc6238Sha1Vectors) {
  struct Vector {
    std::int64_t time;
    const char* code;
  };
  const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                            {1111111111, "14050471"}, {1234567890, "89005924"},
                            {2000000000, "69279037"}, {20000000000, "65353130"}};
  TotpParams eight{.digits = 8};
  for (const Vector& v : vectors) {
    EXPECT_EQ(*TotpCode(kRfcSecret, At(v.time), eight), v.code) << v.time;
  }
}

TEST(Totp, SixDigitCodeIsTheLastSixOfTheRfcValue) {
  EXPECT_EQ(*TotpCode(kRfcSecret, At(59)), "287082");
}

TEST(Totp, AcceptsPreviousCurrentAndNextStepOnly) {
  const std::int64_t now = 1111111111;  // step 37037037, 1 s into the step
  const std::string code = *TotpCode(kRfcSecret, At(now));
  EXPECT_EQ(Accepted(VerifyTotp(kRfcSecret, code, At(now), std::nullopt)), TotpStep(At(now)));
  // The step starts at 1111111110; the code stays valid through the next step (until ...170).
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, At(1111111110 + 59), std::nullopt).ok());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, At(1111111110 + 60), std::nullopt).ok());
  // ... and from the start of the previous step.
  EXPECT_TRUE(VerifyTotp(kRfcSecret, code, At(1111111110 - 30), std::nullopt).ok());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, At(1111111110 - 31), std::nullopt).ok());
}

TEST(Totp, RefusesAReplayedCodeAndOlderSteps) {
  const UnixSeconds now = At(1234567890);
  const std::string code = *TotpCode(kRfcSecret, now);
  Result<std::int64_t> first = VerifyTotp(kRfcSecret, code, now, std::nullopt);
  ASSERT_TRUE(first.ok());
  Result<std::int64_t> again = VerifyTotp(kRfcSecret, code, now, *first);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kForbidden);
  EXPECT_NE(again.error().message.find("already been used"), std::string::npos);
  // The previous step's code is refused after the current step was used.
  const std::string previous = *TotpCode(kRfcSecret, now - std::chrono::seconds(30));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, previous, now, *first).ok());
  // The next step's code still works once.
  const std::string next = *TotpCode(kRfcSecret, now + std::chrono::seconds(30));
  EXPECT_EQ(Accepted(VerifyTotp(kRfcSecret, next, now, *first)), *first + 1);
}

TEST(Totp, RejectsWrongAndMalformedCodes) {
  const UnixSeconds now = At(1234567890);
  std::string code = *TotpCode(kRfcSecret, now);
  code[0] = code[0] == '9' ? '0' : static_cast<char>(code[0] + 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code, now, std::nullopt).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(VerifyTotp(kRfcSecret, "12345", now, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(VerifyTotp(kRfcSecret, "12345a", now, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(VerifyTotp(kRfcSecret, "1234567", now, std::nullopt).error().code, ErrorCode::kInvalid);
}

TEST(Totp, GeneratedSecretIs20RandomBytesInBase32) {
  std::string secret = GenerateTotpSecret(testing::CountingRandom(0));
  EXPECT_EQ(secret.size(), 32u);
  Bytes raw = *Base32Decode(secret);
  ASSERT_EQ(raw.size(), 20u);
  for (std::size_t i = 0; i < raw.size(); ++i) EXPECT_EQ(raw[i], i);
  EXPECT_NE(GenerateTotpSecret(SystemRandom()), GenerateTotpSecret(SystemRandom()));
}

TEST(OtpauthUri, HasIssuerLabelAndParametersPercentEncoded) {
  EXPECT_EQ(OtpauthUri("Gemeente Den Haag", "j.de vries@denhaag.nl", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Schakel:Gemeente%20Den%20Haag%3Aj.de%20vries%40denhaag.nl"
            "?secret=JBSWY3DPEHPK3PXP&issuer=Schakel&algorithm=SHA1&digits=6&period=30");
}

TEST(OtpauthUri, EncodesAmpersandAndQuestionMarkSoTheyCannotInjectParameters) {
  std::string uri = OtpauthUri("org", "x&secret=AAAA?", "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(uri.find("&secret=AAAA"), std::string::npos);
  EXPECT_NE(uri.find("x%26secret%3DAAAA%3F"), std::string::npos);
}

}  // namespace
}  // namespace schakel::security
