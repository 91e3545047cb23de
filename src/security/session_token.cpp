// Session ids, CSRF tokens and timeouts.
#include "security/session_token.h"

#include <sodium.h>

#include "security/encoding.h"

namespace schakel::security {

NewSession GenerateSession(const RandomFill& random) {
  Bytes raw = RandomBytes(random, 32);
  std::string id = Base64UrlEncode(raw);
  Wipe(raw);
  return {id, SessionIdHash(id)};
}

std::string SessionIdHash(std::string_view session_id) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, AsBytes(session_id).data(), session_id.size());
  return HexEncode(digest);
}

std::string CsrfToken(const SecretKey& csrf_key, std::string_view session_id) {
  EnsureSodium();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, csrf_key.data(), SecretKey::kSize);
  const std::string_view label = "csrf";
  crypto_auth_hmacsha256_update(&state, AsBytes(label).data(), label.size());
  crypto_auth_hmacsha256_update(&state, AsBytes(session_id).data(), session_id.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return Base64UrlEncode(mac);
}

bool VerifyCsrfToken(const SecretKey& csrf_key, std::string_view session_id,
                     std::string_view presented) {
  if (session_id.empty()) return false;
  return ConstantTimeEquals(CsrfToken(csrf_key, session_id), presented);
}

SessionState SessionStateAt(std::chrono::sys_seconds created, std::chrono::sys_seconds last_seen,
                            std::chrono::sys_seconds now, const SessionLimits& limits) {
  if (now >= created + limits.absolute) return SessionState::kAbsoluteExpired;
  if (now >= last_seen + limits.idle) return SessionState::kIdleExpired;
  return SessionState::kActive;
}

}  // namespace schakel::security
