// Keyed blind indexes for exact-match lookups on encrypted fields: HMAC-SHA256 over the normalised
// value (NFKC case fold, whitespace trimmed and collapsed), with the index name mixed in so the
// same value gives unrelated indexes in different columns, truncated to 16 bytes and hex-encoded.
// The key is KeyRing::Derived(KeyPurpose::kBlindIndex), separate from the encryption keys; without
// it the index cannot be computed, so a stolen database cannot be searched by guessing names.
// Truncation to 128 bits keeps rows small; collisions are possible in theory, so a lookup must
// still decrypt and compare the candidates it finds.
#pragma once

#include <string>
#include <string_view>

#include "security/secret.h"

namespace schakel::security {

class BlindIndex {
 public:
  static constexpr std::size_t kBytes = 16;  // 32 hex characters

  explicit BlindIndex(SecretKey key) : key_(std::move(key)) {}

  // `index_name` names what is indexed ("person.last_name"). `value` must be valid UTF-8;
  // invalid UTF-8 is indexed byte-for-byte without normalisation.
  std::string Compute(std::string_view index_name, std::string_view value) const;

 private:
  SecretKey key_;
};

}  // namespace schakel::security
