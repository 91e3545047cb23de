// Token generation and checks on top of libsodium (randomness via RandomFill, SHA-256).
#include "security/api_token.h"

#include <sodium.h>

#include <algorithm>

#include "security/encoding.h"

namespace schakel::security {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kEncodedBytes = 43;  // base64url of 32 bytes without padding

}  // namespace

NewApiToken GenerateApiToken(const RandomFill& random) {
  Bytes raw = RandomBytes(random, kTokenBytes);
  std::string token = std::string(kApiTokenPrefix) + Base64UrlEncode(raw);
  Wipe(raw);
  return {token, ApiTokenHash(token)};
}

std::string ApiTokenHash(std::string_view token) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, AsBytes(token).data(), token.size());
  return HexEncode(digest);
}

bool LooksLikeApiToken(std::string_view token) {
  if (token.size() != kApiTokenPrefix.size() + kEncodedBytes) return false;
  if (token.substr(0, kApiTokenPrefix.size()) != kApiTokenPrefix) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(kApiTokenPrefix.size()),
                     token.end(), [](char c) {
                       return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                              (c >= '0' && c <= '9') || c == '-' || c == '_';
                     });
}

Status CheckApiToken(const ApiTokenRecord& record, std::string_view presented,
                     std::string_view required_scope, std::chrono::sys_seconds now) {
  if (!ConstantTimeEquals(ApiTokenHash(presented), record.token_hash)) {
    return Error::Forbidden("API token does not match");
  }
  if (record.revoked_at && *record.revoked_at <= now) {
    return Error::Forbidden("API token was revoked");
  }
  if (record.expires_at <= now) return Error::Forbidden("API token has expired");
  if (std::find(record.scopes.begin(), record.scopes.end(), required_scope) ==
      record.scopes.end()) {
    return Error::Forbidden("API token lacks scope '" + std::string(required_scope) + "'");
  }
  return Status::Ok();
}

}  // namespace schakel::security
