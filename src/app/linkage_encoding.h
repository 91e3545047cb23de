// Linkage encodings of the identities Schakel holds: the possible victim of a signal and a
// person. When a signal is submitted, created or imported, and when a person is created or
// changed, the identity fields (given names, family name, date of birth, sex, nationality, place
// of birth when known) are encoded with the library's RecordEncoder (src/linkage) under the
// linkage key, which is derived from the key file's root key (KeyPurpose::kLinkage), and stored
// in the same transaction as the record (store/linkage_repository.h). Only keyed bits are stored:
// the CLK, the per-field sketches and keyed blocking keys. See docs/linkage.md, "In Schakel".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "linkage/encoded_record.h"
#include "linkage/linkage_key.h"
#include "security/key_file.h"
#include "store/db.h"
#include "store/linkage_repository.h"

namespace schakel::app {

inline constexpr const char* kSignalRecord = "signal";
inline constexpr const char* kPersonRecord = "person";

// Plaintext identity fields in the linkage schema's terms (empty: not known).
struct LinkageIdentity {
  std::string given_names;
  std::string family_name;
  std::string date_of_birth;
  std::string gender;  // female | male | x | unknown (Schakel's words)
  std::string nationality;
  std::string place_of_birth;
};

// The linkage key of this installation: derived from the root key of the key ring.
linkage::LinkageKey LinkageKeyOf(const security::KeyRing& keys);

// The encoding of an identity, or nullopt when it has neither a given nor a family name (there
// is nothing to link on). A value the linkage normaliser cannot read (a date it does not
// understand) is left out of the encoding rather than failing the record.
std::optional<linkage::EncodedRecord> EncodeIdentity(const linkage::LinkageKey& key,
                                                     const LinkageIdentity& identity);

store::EncodingRow EncodingRowOf(const store::LinkedRecordRef& record,
                                 const std::string& organisation,
                                 const linkage::EncodedRecord& encoded, const std::string& now);
// kInternal when the stored bytes have the wrong size.
Result<linkage::EncodedRecord> EncodedRecordOf(const store::EncodingRow& row);

// A record's encoding, computed before its write transaction: encoding is the costly part (keyed
// hashes of every bigram), and write transactions run one after another (store/db.h), so it
// should not hold the others up. No row: the identity has no name and its encoding goes.
struct PendingEncoding {
  store::LinkedRecordRef record;
  std::optional<store::EncodingRow> row;
};
PendingEncoding EncodeForStore(const linkage::LinkageKey& key, const store::LinkedRecordRef& record,
                               const std::string& organisation, const LinkageIdentity& identity,
                               const std::string& now);
// Stores (or removes) it. Call inside the write transaction of the record.
Status StoreEncoding(store::Db& tx, const PendingEncoding& encoding);

// Both at once, inside the write transaction of the record.
Status StoreEncoding(store::Db& tx, const linkage::LinkageKey& key,
                     const store::LinkedRecordRef& record, const std::string& organisation,
                     const LinkageIdentity& identity, const std::string& now);

}  // namespace schakel::app
