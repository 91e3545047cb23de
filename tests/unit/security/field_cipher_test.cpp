// Tests for field_cipher.h: round trips (also as a property over arbitrary UTF-8), the stored
// format, failures for a wrong key, a moved ciphertext, tampering, and idempotent re-encryption.
#include "security/field_cipher.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "security/encoding.h"

namespace schakel::security {
namespace {

const FieldLocation kHere{"person", "last_name", "0b6c3c1e-1111-4d6e-9a43-000000000001"};

TEST(FieldCipher, RoundTripsAndUsesTheVersionedFormat) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  std::string stored = EncryptField(ring, kHere, "de Vries", SystemRandom());
  EXPECT_TRUE(stored.starts_with("v1:k1:"));
  EXPECT_EQ(stored.find("de Vries"), std::string::npos);
  // 24-byte nonce + 8 bytes + 16-byte tag = 48 bytes = 64 base64url characters.
  EXPECT_EQ(stored.size(), 6u + 64u);
  EXPECT_EQ(*DecryptField(ring, kHere, stored), "de Vries");
  EXPECT_EQ(*FieldKeyId(stored), "k1");
}

TEST(FieldCipher, SamePlaintextEncryptsDifferentlyEachTime) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  EXPECT_NE(EncryptField(ring, kHere, "Jan", SystemRandom()),
            EncryptField(ring, kHere, "Jan", SystemRandom()));
}

TEST(FieldCipher, WrongKeyFailsAuthentication) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  KeyRing other = KeyRing::Generate(SystemRandom());
  Result<std::string> r =
      DecryptField(other, kHere, EncryptField(ring, kHere, "x", SystemRandom()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
}

TEST(FieldCipher, CiphertextMovedToAnotherRecordColumnOrTableFails) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  std::string stored = EncryptField(ring, kHere, "1990-04-01", SystemRandom());
  FieldLocation other_record = kHere;
  other_record.record_id = "0b6c3c1e-1111-4d6e-9a43-000000000002";
  FieldLocation other_column = kHere;
  other_column.column = "first_name";
  FieldLocation other_table{"suspect", kHere.column, kHere.record_id};
  for (const FieldLocation& where : {other_record, other_column, other_table}) {
    Result<std::string> moved = DecryptField(ring, where, stored);
    ASSERT_FALSE(moved.ok()) << where.table << "." << where.column << " " << where.record_id;
    EXPECT_EQ(moved.error().code, ErrorCode::kForbidden);
  }
  // Boundaries between the location parts are unambiguous.
  FieldLocation shifted{"person", "last_name0b6c", kHere.record_id.substr(4)};
  EXPECT_FALSE(DecryptField(ring, shifted, stored).ok());
}

TEST(FieldCipher, AnyFlippedByteIsDetected) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  std::string stored = EncryptField(ring, kHere, "Keizersgracht 1", SystemRandom());
  Bytes blob = *Base64UrlDecode(stored.substr(6));
  for (std::size_t i = 0; i < blob.size(); ++i) {
    Bytes tampered = blob;
    tampered[i] ^= 0x01;
    EXPECT_FALSE(DecryptField(ring, kHere, "v1:k1:" + Base64UrlEncode(tampered)).ok()) << i;
  }
}

TEST(FieldCipher, EditedKeyIdInTheHeaderFails) {
  KeyRing ring = KeyRing::Generate(SystemRandom()).WithNewCurrentKey(SystemRandom());
  std::string stored = EncryptField(ring, kHere, "x", SystemRandom());
  ASSERT_TRUE(stored.starts_with("v1:k2:"));
  std::string relabelled = "v1:k1:" + stored.substr(6);
  EXPECT_EQ(DecryptField(ring, kHere, relabelled).error().code, ErrorCode::kForbidden);
}

TEST(FieldCipher, MalformedValuesAndUnknownKeysAreReported) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  EXPECT_EQ(DecryptField(ring, kHere, "de Vries").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(DecryptField(ring, kHere, "v2:k1:AAAA").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(DecryptField(ring, kHere, "v1:k1:AAAA").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(DecryptField(ring, kHere, "v1:K!:AAAA").error().code, ErrorCode::kInvalid);
  KeyRing other = KeyRing::Generate(SystemRandom()).WithNewCurrentKey(SystemRandom());
  std::string stored = EncryptField(other, kHere, "x", SystemRandom());
  EXPECT_EQ(DecryptField(ring, kHere, stored).error().code, ErrorCode::kNotFound);
}

TEST(FieldCipher, ReencryptMovesToTheCurrentKeyAndIsIdempotent) {
  KeyRing old_ring = KeyRing::Generate(SystemRandom());
  std::string stored = EncryptField(old_ring, kHere, "geheim adres", SystemRandom());
  KeyRing ring = old_ring.WithNewCurrentKey(SystemRandom());
  std::string rotated = *ReencryptField(ring, kHere, stored, SystemRandom());
  EXPECT_TRUE(rotated.starts_with("v1:k2:"));
  EXPECT_EQ(*DecryptField(ring, kHere, rotated), "geheim adres");
  EXPECT_EQ(*ReencryptField(ring, kHere, rotated, SystemRandom()), rotated);
  // Once rotated, the old key can be dropped.
  std::vector<KeyRing::Entry> only_new;
  only_new.push_back({"k2", ring.current()});
  EXPECT_EQ(*DecryptField(KeyRing(only_new, "k2"), kHere, rotated), "geheim adres");
}

TEST(FieldCipher, ReencryptRefusesATamperedValue) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  std::string stored = EncryptField(ring, kHere, "x", SystemRandom());
  stored.back() = stored.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ReencryptField(ring, kHere, stored, SystemRandom()).ok());
}

RC_GTEST_PROP(FieldCipher, RoundTripsArbitraryUtf8AndLocations, (const std::string& ascii_record)) {
  static const KeyRing ring = KeyRing::Generate(SystemRandom());
  // Arbitrary Unicode code points, UTF-8 encoded by rapidcheck's std::u32string -> we encode.
  std::u32string points = *rc::gen::container<std::u32string>(rc::gen::oneOf(
      rc::gen::inRange<char32_t>(0x20, 0x7F), rc::gen::inRange<char32_t>(0xA0, 0xD800),
      rc::gen::inRange<char32_t>(0xE000, 0x110000)));
  std::string text;
  for (char32_t c : points) {
    auto u = static_cast<std::uint32_t>(c);
    if (u < 0x80) {
      text.push_back(static_cast<char>(u));
    } else if (u < 0x800) {
      text.push_back(static_cast<char>(0xC0 | (u >> 6)));
      text.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
      text.push_back(static_cast<char>(0xE0 | (u >> 12)));
      text.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else {
      text.push_back(static_cast<char>(0xF0 | (u >> 18)));
      text.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    }
  }
  FieldLocation where{"person", "notes", ascii_record};
  std::string stored = EncryptField(ring, where, text, SystemRandom());
  Result<std::string> back = DecryptField(ring, where, stored);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == text);
  FieldLocation elsewhere{"person", "notes", ascii_record + "x"};
  RC_ASSERT(!DecryptField(ring, elsewhere, stored).ok());
}

}  // namespace
}  // namespace schakel::security
