// API tokens for partner systems. A token is "skl_" + base64url(32 random bytes); it is shown once
// at creation and only its SHA-256 (hex) is stored, so a database leak does not leak usable tokens.
// 256 random bits make a salt or slow hash unnecessary; the hash is also the lookup key.
// Scope, organisation, expiry and revocation are plain fields checked by CheckApiToken.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "security/secret.h"

namespace schakel::security {

inline constexpr std::string_view kApiTokenPrefix = "skl_";

struct NewApiToken {
  std::string token;       // give to the partner once; never store or log it
  std::string token_hash;  // store this (hex SHA-256 of the token)
};

NewApiToken GenerateApiToken(const RandomFill& random);

// Hex SHA-256 of a presented token, to look up its stored record.
std::string ApiTokenHash(std::string_view token);

// True when the text has the shape of one of our tokens (prefix, 43 base64url characters).
bool LooksLikeApiToken(std::string_view token);

struct ApiTokenRecord {
  std::string token_hash;
  std::string organisation_id;
  std::vector<std::string> scopes;  // actions allowed, e.g. "signal.create"
  std::chrono::sys_seconds expires_at;
  std::optional<std::chrono::sys_seconds> revoked_at;
};

// Ok when `presented` hashes to the record's hash (constant-time), the token is neither expired
// (expires_at <= now) nor revoked, and `required_scope` is among its scopes. Every failure is
// kForbidden with a message for the log; show the caller only a generic refusal.
Status CheckApiToken(const ApiTokenRecord& record, std::string_view presented,
                     std::string_view required_scope, std::chrono::sys_seconds now);

}  // namespace schakel::security
