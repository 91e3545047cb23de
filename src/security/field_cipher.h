// Per-field encryption of identifying data with XChaCha20-Poly1305-IETF (libsodium).
//
// Stored form: "v1:<key id>:<base64url(nonce || ciphertext+tag)>", e.g. "v1:k2:Qm9...". The nonce
// is 24 random bytes per encryption. The associated data binds the ciphertext to its place, a
// FieldLocation (table, column, record id), and to the version and key id in the header, so a
// ciphertext copied to another record, column or table - or with its header edited - fails to
// decrypt instead of revealing another person's data in the wrong place.
//
// Field keys are derived from the ring's keys (crypto_kdf, context "SchField"), never used raw.
// Thread-safe: all functions are pure apart from the RandomFill.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"
#include "security/key_file.h"
#include "security/secret.h"

namespace schakel::security {

// Where a field value lives. The record id must be known before encrypting (use the UUID or
// pre-allocated id, not an autoincrement assigned afterwards).
struct FieldLocation {
  std::string table;
  std::string column;
  std::string record_id;
};

// Encrypts `plaintext` under the ring's current key.
std::string EncryptField(const KeyRing& ring, const FieldLocation& where,
                         std::string_view plaintext, const RandomFill& random);

// Decrypts a stored field. kInvalid for a malformed value, kNotFound when the key id is not in the
// ring, kForbidden when authentication fails (wrong key, wrong location, tampered bytes).
Result<std::string> DecryptField(const KeyRing& ring, const FieldLocation& where,
                                 std::string_view stored);

// The key id a stored value was encrypted under, or an Error when the format is not recognised.
Result<std::string> FieldKeyId(std::string_view stored);

// For `keys rotate`: returns `stored` unchanged when it is already under the current key
// (idempotent, so an interrupted rotation can simply be run again), else decrypts and re-encrypts
// it under the current key. Fails like DecryptField.
Result<std::string> ReencryptField(const KeyRing& ring, const FieldLocation& where,
                                   std::string_view stored, const RandomFill& random);

}  // namespace schakel::security
