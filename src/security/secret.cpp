// SecretKey, randomness and constant-time comparison on top of libsodium.
#include "security/secret.h"

#include <sodium.h>

#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace schakel::security {

void EnsureSodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

RandomFill SystemRandom() {
  return [](std::span<unsigned char> out) {
    EnsureSodium();
    randombytes_buf(out.data(), out.size());
  };
}

std::vector<unsigned char> RandomBytes(const RandomFill& random, std::size_t n) {
  std::vector<unsigned char> out(n);
  random(out);
  return out;
}

std::string NewUuid(const RandomFill& random) {
  std::vector<unsigned char> b = RandomBytes(random, 16);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

SecretKey::SecretKey(std::span<const unsigned char, kSize> bytes) {
  std::copy(bytes.begin(), bytes.end(), bytes_.begin());
}

SecretKey::~SecretKey() {
  sodium_memzero(bytes_.data(), bytes_.size());
}

SecretKey SecretKey::Generate(const RandomFill& random) {
  SecretKey key;
  random(key.bytes_);
  return key;
}

SecretKey SecretKey::Derive(const std::string& context, std::uint64_t subkey_id) const {
  static_assert(crypto_kdf_KEYBYTES == kSize);
  assert(context.size() == crypto_kdf_CONTEXTBYTES);
  EnsureSodium();
  SecretKey sub;
  crypto_kdf_derive_from_key(sub.bytes_.data(), sub.bytes_.size(), subkey_id, context.c_str(),
                             bytes_.data());
  return sub;
}

bool SecretKey::operator==(const SecretKey& other) const {
  return sodium_memcmp(bytes_.data(), other.bytes_.data(), kSize) == 0;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void Wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

void Wipe(std::vector<unsigned char>& v) {
  if (!v.empty()) sodium_memzero(v.data(), v.size());
  v.clear();
}

}  // namespace schakel::security
