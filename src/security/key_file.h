// The key ring and the key file it lives in. The key file sits outside the database (path from the
// configuration), holds several 32-byte keys (the current one plus older ones still needed to
// decrypt), and is created with mode 0600 on first start. Loading refuses a file that group or
// others may read or write, and a file of the wrong size or format, with a message saying what to
// do.
//
// File format (text, one item per line, '#' comments):
//   schakel-keys 1
//   key k1 <base64 of 32 bytes>
//   key k2 <base64 of 32 bytes>
//   current k2
// The first key is the root key: the blind-index, audit-chain and CSRF keys are derived from it
// (crypto_kdf), so they stay the same when field keys rotate. Field ciphertexts name their key id.
//
// Thread-safety: KeyRing is an immutable value after construction; share it by const reference.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "security/secret.h"

namespace schakel::security {

// Purposes of keys derived from the root key; each gets an independent key.
enum class KeyPurpose {
  kBlindIndex,
  kAuditChain,
  kCsrf,
  // Record linkage (docs/linkage.md, "In Schakel"): the key of the Bloom-filter encodings and
  // blocking keys of signals and persons. Derived from the root key, so adding and rotating
  // field keys leaves stored encodings valid.
  kLinkage,
};

class KeyRing {
 public:
  struct Entry {
    std::string id;  // [a-z0-9]{1,16}
    SecretKey key;
  };

  // REQUIRES: entries non-empty, ids valid and unique, current_id among them.
  KeyRing(std::vector<Entry> entries, std::string current_id);

  // A ring with one fresh key "k1".
  static KeyRing Generate(const RandomFill& random);
  static Result<KeyRing> Parse(std::string_view text);
  std::string Serialise() const;

  // A copy with one more fresh key (id "k<n+1>") that becomes current; old keys are kept.
  KeyRing WithNewCurrentKey(const RandomFill& random) const;

  const std::string& current_id() const { return current_id_; }
  const SecretKey& current() const;
  // nullptr when the ring has no key with this id.
  const SecretKey* Find(std::string_view id) const;
  std::vector<std::string> ids() const;

  // A key for one purpose, derived from the root (first) key.
  SecretKey Derived(KeyPurpose purpose) const;

  static bool IsValidKeyId(std::string_view id);

 private:
  std::vector<Entry> entries_;
  std::string current_id_;
};

// Loads the key file. kUnavailable when it is missing, unreadable, not a regular file, owned by
// another user, has group/other permission bits set (the message names the chmod/chown to run) or
// has an implausible size; kInvalid when the content is malformed.
Result<KeyRing> LoadKeyFile(const std::filesystem::path& path);

// Loads the key file, or creates it (mode 0600, exclusively, one fresh key) when it does not exist.
Result<KeyRing> LoadOrCreateKeyFile(const std::filesystem::path& path, const RandomFill& random);

// Writes the ring atomically (temporary file with mode 0600, fsync, rename).
Status SaveKeyFile(const std::filesystem::path& path, const KeyRing& ring);

// Adds a fresh current key to the key file and returns the new ring. Old keys stay so that existing
// ciphertexts remain readable until `keys rotate` has re-encrypted them.
Result<KeyRing> AddKeyToKeyFile(const std::filesystem::path& path, const RandomFill& random);

}  // namespace schakel::security
