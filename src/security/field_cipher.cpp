// XChaCha20-Poly1305 field encryption. The associated data is a length-prefixed encoding of
// (format version, key id, table, column, record id) so no two distinct locations serialise alike.
#include "security/field_cipher.h"

#include <sodium.h>

#include <cstdint>

#include "security/encoding.h"

namespace schakel::security {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

void AppendField(std::string& out, std::string_view value) {
  auto n = static_cast<std::uint32_t>(value.size());
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  out.append(value);
}

std::string AssociatedData(std::string_view key_id, const FieldLocation& where) {
  std::string ad = "schakel-field";
  AppendField(ad, kVersion);
  AppendField(ad, key_id);
  AppendField(ad, where.table);
  AppendField(ad, where.column);
  AppendField(ad, where.record_id);
  return ad;
}

SecretKey FieldKey(const SecretKey& ring_key) {
  return ring_key.Derive("SchField", 1);
}

struct Parsed {
  std::string key_id;
  Bytes blob;  // nonce || ciphertext || tag
};

Result<Parsed> Parse(std::string_view stored) {
  std::size_t first = stored.find(':');
  std::size_t second = first == std::string_view::npos ? first : stored.find(':', first + 1);
  if (second == std::string_view::npos || stored.substr(0, first) != kVersion) {
    return Error::Invalid("", "not an encrypted field (expected 'v1:<key id>:<data>')");
  }
  std::string key_id(stored.substr(first + 1, second - first - 1));
  if (!KeyRing::IsValidKeyId(key_id)) return Error::Invalid("", "encrypted field has a bad key id");
  Result<Bytes> blob = Base64UrlDecode(stored.substr(second + 1));
  if (!blob || blob->size() < kNonceBytes + kTagBytes) {
    return Error::Invalid("", "encrypted field data is malformed or truncated");
  }
  return Parsed{std::move(key_id), std::move(*blob)};
}

}  // namespace

std::string EncryptField(const KeyRing& ring, const FieldLocation& where,
                         std::string_view plaintext, const RandomFill& random) {
  EnsureSodium();
  const std::string& key_id = ring.current_id();
  SecretKey key = FieldKey(ring.current());
  std::string ad = AssociatedData(key_id, where);
  Bytes blob(kNonceBytes + plaintext.size() + kTagBytes);
  random(std::span<unsigned char>(blob.data(), kNonceBytes));
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      blob.data() + kNonceBytes, &written, AsBytes(plaintext).data(), plaintext.size(),
      AsBytes(ad).data(), ad.size(), nullptr, blob.data(), key.data());
  return std::string(kVersion) + ":" + key_id + ":" + Base64UrlEncode(blob);
}

Result<std::string> DecryptField(const KeyRing& ring, const FieldLocation& where,
                                 std::string_view stored) {
  EnsureSodium();
  Result<Parsed> parsed = Parse(stored);
  if (!parsed) return parsed.error();
  const SecretKey* ring_key = ring.Find(parsed->key_id);
  if (ring_key == nullptr) {
    return Error::NotFound("encrypted field uses key '" + parsed->key_id +
                           "', which is not in the key file");
  }
  SecretKey key = FieldKey(*ring_key);
  std::string ad = AssociatedData(parsed->key_id, where);
  const Bytes& blob = parsed->blob;
  std::string plaintext(blob.size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()),
                                                 &written, nullptr, blob.data() + kNonceBytes,
                                                 blob.size() - kNonceBytes, AsBytes(ad).data(),
                                                 ad.size(), blob.data(), key.data()) != 0) {
    return Error::Forbidden(
        "encrypted field failed authentication (wrong key, wrong record or "
        "tampered)");
  }
  plaintext.resize(written);
  return plaintext;
}

Result<std::string> FieldKeyId(std::string_view stored) {
  Result<Parsed> parsed = Parse(stored);
  if (!parsed) return parsed.error();
  return parsed->key_id;
}

Result<std::string> ReencryptField(const KeyRing& ring, const FieldLocation& where,
                                   std::string_view stored, const RandomFill& random) {
  Result<std::string> plaintext = DecryptField(ring, where, stored);
  if (!plaintext) return plaintext.error();
  std::string key_id = *FieldKeyId(stored);
  if (key_id == ring.current_id()) {
    Wipe(*plaintext);
    return std::string(stored);
  }
  std::string fresh = EncryptField(ring, where, *plaintext, random);
  Wipe(*plaintext);
  return fresh;
}

}  // namespace schakel::security
