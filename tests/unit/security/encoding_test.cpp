// Tests for encoding.h: RFC 4648 vectors, round trips and rejection of malformed input.
#include "security/encoding.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::security {
namespace {

std::string Text(const Bytes& b) {
  return {b.begin(), b.end()};
}

TEST(Base32, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base32Encode(AsBytes("")), "");
  EXPECT_EQ(Base32Encode(AsBytes("f")), "MY");
  EXPECT_EQ(Base32Encode(AsBytes("fo")), "MZXQ");
  EXPECT_EQ(Base32Encode(AsBytes("foo")), "MZXW6");
  EXPECT_EQ(Base32Encode(AsBytes("foob")), "MZXW6YQ");
  EXPECT_EQ(Base32Encode(AsBytes("fooba")), "MZXW6YTB");
  EXPECT_EQ(Base32Encode(AsBytes("foobar")), "MZXW6YTBOI");
}

TEST(Base32, DecodesLowerCasePaddedAndSpacedInput) {
  EXPECT_EQ(Text(*Base32Decode("mzxw6ytboi")), "foobar");
  EXPECT_EQ(Text(*Base32Decode("MZXW6YQ=")), "foob");
  EXPECT_EQ(Text(*Base32Decode("MZXW 6YTB")), "fooba");
}

TEST(Base32, RejectsInvalidCharactersAndTruncation) {
  EXPECT_FALSE(Base32Decode("MZXW1").ok());  // '1' is not in the alphabet
  EXPECT_FALSE(Base32Decode("M").ok());      // 5 bits cannot be a byte
  EXPECT_FALSE(Base32Decode("MZ").ok());     // non-zero padding bits
}

RC_GTEST_PROP(Base32, RoundTripsArbitraryBytes, (const std::vector<unsigned char>& data)) {
  Result<Bytes> back = Base32Decode(Base32Encode(data));
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == data);
}

RC_GTEST_PROP(Base64Url, RoundTripsArbitraryBytes, (const std::vector<unsigned char>& data)) {
  std::string encoded = Base64UrlEncode(data);
  RC_ASSERT(encoded.find_first_of("+/=") == std::string::npos);
  Result<Bytes> back = Base64UrlDecode(encoded);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == data);
}

TEST(Base64, RejectsGarbageAndTrailingCharacters) {
  EXPECT_FALSE(Base64UrlDecode("ab$c").ok());
  EXPECT_FALSE(Base64Decode("Zm9v!").ok());
  EXPECT_EQ(Text(*Base64Decode("Zm9vYmFy")), "foobar");
}

TEST(Hex, RoundTripsAndRejectsOddLength) {
  EXPECT_EQ(HexEncode(AsBytes("\x01\xab")), "01ab");
  EXPECT_EQ(*HexDecode("01ab"), (Bytes{0x01, 0xab}));
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

TEST(PercentEncode, KeepsUnreservedAndEncodesEverythingElseAsUtf8) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("a b:c/d?e&f=g"), "a%20b%3Ac%2Fd%3Fe%26f%3Dg");
  EXPECT_EQ(PercentEncode("Zoë"), "Zo%C3%AB");
}

}  // namespace
}  // namespace schakel::security
