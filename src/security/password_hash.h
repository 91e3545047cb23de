// Password hashing with Argon2id (libsodium crypto_pwhash_str). The stored form is libsodium's
// self-describing string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so limits can be raised
// later: NeedsRehash tells the login flow to re-hash with the current limits after a successful
// verification. Thread-safe; hashing takes ~0.1 s and 64 MiB with the interactive limits.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace schakel::security {

// Argon2id cost parameters. Production must use Interactive() or stronger.
struct Argon2Limits {
  unsigned long long ops = 0;  // passes (t)
  std::size_t mem = 0;         // bytes (m)

  static Argon2Limits Interactive();  // OWASP-compatible minimum for logins (t=2, 64 MiB)
  static Argon2Limits Moderate();     // t=3, 256 MiB, for admin accounts if the host can afford it
  static Argon2Limits MinimumForTests();  // libsodium's minimum; NEVER in production
};

// Hashes a password with a fresh random salt. Fails (kUnavailable) only when the host cannot
// allocate the memory the limits require.
Result<std::string> HashPassword(std::string_view password, const Argon2Limits& limits);

// True when `password` matches `stored_hash`. A malformed stored hash simply does not match.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// For logins: verifies against `stored_hash`, or - when the user does not exist (nullopt) -
// spends the same time on a dummy hash made with `limits` and returns false, so response time
// does not reveal which user names exist.
bool VerifyPasswordOrDummy(const std::optional<std::string>& stored_hash, std::string_view password,
                           const Argon2Limits& limits);

// True when `stored_hash` was made with other limits than `limits` (or is not Argon2id).
bool NeedsRehash(std::string_view stored_hash, const Argon2Limits& limits);

}  // namespace schakel::security
