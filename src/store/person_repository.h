// Persons (possible victims) as stored: identifying fields are ciphertexts ("v1:<key id>:…",
// made by security::EncryptField in the app layer) and blind indexes (hex HMACs) for exact
// look-ups. This repository never sees a plaintext name, date or number, so nothing it logs or
// returns can leak one. Encrypting, decrypting and indexing belong to app/person_service.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

// What is stored about a person in the clear: the record's bookkeeping and the fields kept for
// statistics (not identifying on their own).
struct PersonFacts {
  std::string id;  // UUID, known before encrypting (it is part of every field's associated data)
  std::string organisation;
  std::string created_by;  // user id of the creator (the policy's "owner")
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> gender;
  std::optional<int64_t> birth_year;
  std::optional<std::string> nationality;
};

// The identifying fields, each encrypted on its own. Holds ciphertexts in a PersonRecord and
// plaintexts in the app layer's PersonInput and PersonView; nullopt = not given.
struct PersonIdentity {
  std::optional<std::string> given_names;
  std::optional<std::string> family_name;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> document_number;
  std::optional<std::string> notes;
  bool operator==(const PersonIdentity&) const = default;
};

struct PersonRecord {
  PersonFacts facts;
  PersonIdentity sealed;  // ciphertexts
  // Blind indexes of the normalised plaintexts.
  std::optional<std::string> family_name_index;
  std::optional<std::string> date_of_birth_index;
  std::optional<std::string> document_number_index;
};

class PersonRepository {
 public:
  explicit PersonRepository(Db& db) : db_(db) {}

  // kConflict when the id exists.
  Status Insert(const PersonRecord& person);
  // Replaces every field except id, organisation, created_by and created_at. kNotFound when the
  // person does not exist.
  Status Update(const PersonRecord& person);
  Result<std::optional<PersonRecord>> Find(std::string_view id);
  // Persons whose family-name index and date-of-birth index both equal the given ones, by id.
  Result<std::vector<PersonRecord>> FindByIdentityIndexes(std::string_view family_name_index,
                                                          std::string_view date_of_birth_index);
  // Persons with this document-number index, by id.
  Result<std::vector<PersonRecord>> FindByDocumentIndex(std::string_view document_number_index);

 private:
  Db& db_;
};

}  // namespace schakel::store
