// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits, 30-second
// steps, accepting the previous, current and next step. Replay protection: the caller stores the
// step of the last accepted code per user and passes it back; a code for that step or an earlier
// one is refused, so each code works once. Pure functions; the time is a parameter.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "security/secret.h"

namespace schakel::security {

using UnixSeconds = std::chrono::sys_seconds;

struct TotpParams {
  int digits = 6;
  std::int64_t step_seconds = 30;
  std::int64_t window = 1;  // steps accepted either side of the current one
};

// A new secret: 20 random bytes (160 bits, RFC 4226 §4) as Base32 without padding (32 chars).
std::string GenerateTotpSecret(const RandomFill& random);

// RFC 4226 HOTP value for `counter`, as a zero-padded decimal string of `digits` digits.
// REQUIRES: 1 <= digits <= 9.
std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits = 6);

// The time step that contains `now` (floor(unix / step)).
std::int64_t TotpStep(UnixSeconds now, const TotpParams& params = {});

// The code for `now`. Fails when the Base32 secret is malformed.
Result<std::string> TotpCode(std::string_view secret_base32, UnixSeconds now,
                             const TotpParams& params = {});

// Checks `code` against the steps around `now`. On success returns the accepted step, which the
// caller MUST store as the new `last_accepted_step`. Fails with kForbidden for a wrong, expired or
// replayed code and kInvalid for a malformed code (not exactly `digits` ASCII digits).
Result<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                UnixSeconds now, std::optional<std::int64_t> last_accepted_step,
                                const TotpParams& params = {});

// The Key URI for authenticator apps:
//   otpauth://totp/Schakel:<org>%3A<user>?secret=<base32>&issuer=Schakel&algorithm=SHA1&digits=6&period=30
// The label is the issuer, ':', then the account "<organisation>:<user>" percent-encoded as a whole
// (so the inner ':' becomes %3A and cannot be confused with the issuer separator).
std::string OtpauthUri(std::string_view organisation, std::string_view user,
                       std::string_view secret_base32, const TotpParams& params = {});

}  // namespace schakel::security
