// Person use cases: register a (possible) victim's identity, read it, change it, and find a
// person by family name and date of birth without ever storing or searching a plaintext.
//
// Every identifying field (names, date of birth, address, phone, document number, notes) is
// encrypted with the key ring's current key, bound to FieldLocation{"persons", column, person id};
// family name, date of birth and document number also get keyed blind indexes for exact look-ups.
// Gender, year of birth and nationality stay in plaintext for statistics.
//
// Every call asks the policy first (access.h; denials are audited). Every read of a person is an
// audit event "person.read"; every change "person.create" / "person.update" in the same
// transaction as the change. Audit events carry the person id, never a value.
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/linkage_encoding.h"
#include "app/person_input.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/person_repository.h"

namespace schakel::app {

// A person as an authorized reader sees it: identity decrypted.
struct PersonView {
  store::PersonFacts facts;
  store::PersonIdentity identity;  // plaintexts
};

class PersonService {
 public:
  // REQUIRES: every argument outlives the service. `random` makes person ids and nonces.
  PersonService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                const security::KeyRing& keys,
                security::RandomFill random = security::SystemRandom());

  // kInvalid naming the field for bad input (unknown organisation: field "organisation").
  Result<PersonView> Create(const Actor& actor, const PersonInput& input);
  // For a use case that registers a person together with its own record in one transaction (a
  // care case): asks the policy (kCreatePerson, denial audited), validates and encrypts like
  // Create, but writes nothing. The caller inserts the record with store::PersonRepository inside
  // its transaction and records "person.create" there.
  // The caller also stores the linkage encoding of `linkable` (StoreEncoding, record kind
  // "person") in that transaction, so the person can be suggested as "possibly the same person".
  // REQUIRES: the calling thread holds no write transaction (as Authorize).
  struct Sealed {
    store::PersonRecord row;
    LinkageIdentity linkable;  // plaintexts, after normalisation
  };
  Result<Sealed> SealNew(const Actor& actor, const PersonInput& input);
  // kNotFound when there is no such person.
  Result<PersonView> Get(const Actor& actor, std::string_view id);
  // Replaces every field with the input's (a field not given is cleared). The organisation
  // cannot change: input.organisation must be empty or the person's own.
  Result<PersonView> Update(const Actor& actor, std::string_view id, const PersonInput& input);
  // Persons with exactly this family name (case, accents' composition and spacing folded) and
  // date of birth (YYYY-MM-DD or DD-MM-YYYY) that the actor may view; each one returned is
  // audited as a read. Persons the actor may not view are left out silently.
  Result<std::vector<PersonView>> FindByIdentity(const Actor& actor, std::string_view family_name,
                                                 std::string_view date_of_birth);

 private:
  std::string Today() const;
  // The policy's view of a person of `organisation` created by `owner`.
  Result<Resource> ResourceOf(const std::string& organisation, const std::string& owner);
  // Reads the stored row and asks the policy (denials audited). No decryption yet.
  Result<store::PersonRecord> Load(std::string_view id, Action action, const Actor& actor);
  // Decrypts and audits the read (also a failed one).
  Result<PersonView> Reveal(const Actor& actor, const store::PersonRecord& row);
  // Encrypts the input into `row`, inserts or updates it with its audit event in one transaction.
  Result<PersonView> Write(const Actor& actor, const PersonInput& input, store::PersonRecord row,
                           bool create);
  Result<std::vector<PersonView>> RevealMatches(const Actor& actor, const std::string& family_name,
                                                const std::string& date_of_birth,
                                                const std::vector<store::PersonRecord>& candidates);

  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  security::RandomFill random_;
};

}  // namespace schakel::app
