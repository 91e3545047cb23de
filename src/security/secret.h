// Secret material and randomness as values that can be passed around: SecretKey (32 bytes, wiped
// with sodium_memzero when destroyed) and RandomFill (a source of random bytes, the system CSPRNG
// in production and a deterministic function in tests).
//
// Thread-safety: SecretKey is a value type (copying copies the key); RandomFill from SystemRandom()
// may be called from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::security {

// Initialises libsodium once; safe to call from any thread and any number of times. Every function
// in this library that uses libsodium calls it, so callers need not.
void EnsureSodium();

// Fills the span with random bytes.
using RandomFill = std::function<void(std::span<unsigned char>)>;

// The system CSPRNG (libsodium randombytes_buf).
RandomFill SystemRandom();

// Returns `n` bytes from `random`.
std::vector<unsigned char> RandomBytes(const RandomFill& random, std::size_t n);

// A random (version 4) UUID, lower-case "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx": the id of records
// whose fields are encrypted (the id must exist before encrypting; see field_cipher.h).
std::string NewUuid(const RandomFill& random);

// A 32-byte symmetric key. Wiped on destruction.
class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;

  // All zero: a placeholder to be overwritten, never a key to use.
  SecretKey() { bytes_.fill(0); }
  explicit SecretKey(std::span<const unsigned char, kSize> bytes);
  SecretKey(const SecretKey& other) = default;
  SecretKey& operator=(const SecretKey& other) = default;
  ~SecretKey();

  static SecretKey Generate(const RandomFill& random);

  const unsigned char* data() const { return bytes_.data(); }
  std::span<const unsigned char, kSize> bytes() const { return bytes_; }

  // Derives an independent sub-key for one purpose (libsodium crypto_kdf, BLAKE2b). `context` is
  // exactly 8 characters naming the purpose ("SchField", "SchBlind", "SchAudit", ...).
  // REQUIRES: context.size() == 8.
  SecretKey Derive(const std::string& context, std::uint64_t subkey_id) const;

  // Constant-time.
  bool operator==(const SecretKey& other) const;

 private:
  std::array<unsigned char, kSize> bytes_;
};

// Constant-time equality of two byte strings (false when the lengths differ; the length itself is
// not secret in our uses).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Overwrites the string's bytes before it is released.
void Wipe(std::string& s);
void Wipe(std::vector<unsigned char>& v);

}  // namespace schakel::security
