// Browser sessions: a random 32-byte session id sent in the cookie and stored only as its SHA-256
// hash, a CSRF token derived per session (HMAC of the session id under the CSRF key) and checked in
// constant time, and the idle/absolute timeout rule as a pure function.
// Logout and password change must delete the session rows; nothing here can revoke a session.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "security/secret.h"

namespace schakel::security {

struct NewSession {
  std::string session_id;  // goes in the cookie only (HttpOnly, Secure, SameSite=Strict)
  std::string id_hash;     // goes in the database
};

NewSession GenerateSession(const RandomFill& random);

// Hex SHA-256 of a cookie's session id, to look the session up.
std::string SessionIdHash(std::string_view session_id);

// The CSRF token for a session: base64url(HMAC-SHA256(csrf_key, "csrf" || session_id)).
// Stateless: nothing to store; it changes when the session changes (login, privilege change).
// `csrf_key` is KeyRing::Derived(KeyPurpose::kCsrf).
std::string CsrfToken(const SecretKey& csrf_key, std::string_view session_id);

// Constant-time check of a submitted CSRF token.
bool VerifyCsrfToken(const SecretKey& csrf_key, std::string_view session_id,
                     std::string_view presented);

struct SessionLimits {
  std::chrono::seconds idle{std::chrono::minutes(15)};
  std::chrono::seconds absolute{std::chrono::hours(8)};
};

enum class SessionState { kActive, kIdleExpired, kAbsoluteExpired };

// A session is active while now < last_seen + idle and now < created + absolute; at exactly the
// limit it has expired. The absolute limit wins when both apply. A `now` before `created` (clock
// went back) counts as active but does not extend anything.
SessionState SessionStateAt(std::chrono::sys_seconds created, std::chrono::sys_seconds last_seen,
                            std::chrono::sys_seconds now, const SessionLimits& limits = {});

}  // namespace schakel::security
