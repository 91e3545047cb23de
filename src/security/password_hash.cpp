// Argon2id via libsodium. crypto_pwhash_str* want NUL-terminated hash strings, so stored hashes are
// copied into a std::string before use.
#include "security/password_hash.h"

#include <sodium.h>

#include <map>
#include <mutex>
#include <utility>

#include "security/secret.h"

namespace schakel::security {

Argon2Limits Argon2Limits::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
Argon2Limits Argon2Limits::Moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}
Argon2Limits Argon2Limits::MinimumForTests() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, const Argon2Limits& limits) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Unavailable("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  EnsureSodium();
  if (stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool VerifyPasswordOrDummy(const std::optional<std::string>& stored_hash, std::string_view password,
                           const Argon2Limits& limits) {
  if (stored_hash) return VerifyPassword(*stored_hash, password);
  // One dummy hash per set of limits, made on first use (thread-safe).
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> dummies;
  std::string dummy;
  {
    std::lock_guard<std::mutex> lock(mutex);
    std::string& slot = dummies[{limits.ops, limits.mem}];
    if (slot.empty()) {
      Result<std::string> made = HashPassword("schakel-dummy-password", limits);
      if (made) slot = *made;
    }
    dummy = slot;
  }
  (void)VerifyPassword(dummy, password);
  return false;
}

bool NeedsRehash(std::string_view stored_hash, const Argon2Limits& limits) {
  EnsureSodium();
  if (stored_hash.rfind("$argon2id$", 0) != 0) return true;
  std::string hash(stored_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops, limits.mem) != 0;
}

}  // namespace schakel::security
