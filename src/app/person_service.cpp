#include "app/person_service.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "app/access.h"
#include "app/linkage_encoding.h"
#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "security/text_fold.h"
#include "store/organisation_repository.h"
#include "store/person_repository.h"

namespace schakel::app {

using store::PersonRecord;
using Field = std::optional<std::string>;

namespace {

// The identity in the linkage schema's terms (plaintexts of a normalised input).
LinkageIdentity LinkableOf(const PersonInput& input) {
  LinkageIdentity linkable;
  linkable.given_names = input.identity.given_names.value_or("");
  linkable.family_name = input.identity.family_name.value_or("");
  linkable.date_of_birth = input.identity.date_of_birth.value_or("");
  linkable.gender = input.gender.value_or("");
  linkable.nationality = input.nationality.value_or("");
  return linkable;
}

constexpr const char* kTable = "persons";

// Every encrypted column of `persons` is an identity field of the same name (kIdentityFields);
// the same columns are listed for key rotation in encrypted_columns.cpp (a test checks they agree
// with the schema).

constexpr const char* kFamilyNameIndex = "person.family_name";
constexpr const char* kDateOfBirthIndex = "person.date_of_birth";
constexpr const char* kDocumentIndex = "person.document_number";

// Document numbers are written with and without spaces or hyphens; the number is the same.
std::string DocumentKey(std::string_view number) {
  std::string key;
  for (char c : number) {
    if (c != ' ' && c != '-') key += c;
  }
  return key;
}

Field IndexOf(const security::BlindIndex& index, const char* name, const Field& value) {
  if (!value) return std::nullopt;
  return index.Compute(name, *value);
}

// Fills the encrypted, indexed and plaintext columns of `row` from validated input.
void Seal(const PersonInput& in, const security::KeyRing& keys, const security::RandomFill& random,
          PersonRecord& row) {
  const store::PersonIdentity& plain = in.identity;
  for (const IdentityField& f : kIdentityFields) {
    const Field& value = plain.*f.member;
    row.sealed.*f.member =
        value ? Field(security::EncryptField(keys, {kTable, f.name, row.facts.id}, *value, random))
              : std::nullopt;
  }
  const security::BlindIndex index(keys.Derived(security::KeyPurpose::kBlindIndex));
  row.family_name_index = IndexOf(index, kFamilyNameIndex, plain.family_name);
  row.date_of_birth_index = IndexOf(index, kDateOfBirthIndex, plain.date_of_birth);
  row.document_number_index =
      IndexOf(index, kDocumentIndex,
              plain.document_number ? Field(DocumentKey(*plain.document_number)) : std::nullopt);
  row.facts.gender = in.gender;
  row.facts.nationality = in.nationality;
  row.facts.birth_year = plain.date_of_birth
                             ? std::optional<int64_t>(std::stoll(plain.date_of_birth->substr(0, 4)))
                             : std::nullopt;
}

Result<PersonView> Open(const security::KeyRing& keys, const PersonRecord& row) {
  PersonView v{row.facts, {}};
  for (const IdentityField& f : kIdentityFields) {
    const Field& sealed = row.sealed.*f.member;
    if (!sealed) continue;
    auto plain = security::DecryptField(keys, {kTable, f.name, row.facts.id}, *sealed);
    if (!plain) {
      Error e = plain.error();
      e.message = fmt::format("person {}, field {}: {}", row.facts.id, f.name, e.message);
      return e;
    }
    v.identity.*f.member = std::move(plain).value();
  }
  return v;
}

}  // namespace

PersonService::PersonService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                             const security::KeyRing& keys, security::RandomFill random)
    : database_(database), clock_(clock), audit_(audit), keys_(keys), random_(std::move(random)) {}

std::string PersonService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

Result<Resource> PersonService::ResourceOf(const std::string& organisation,
                                           const std::string& owner) {
  auto db = database_.Acquire();
  auto on = OrganisationResource(*db, organisation, Today());
  if (!on) return on.error();
  on->owner = owner;
  // TODO(care coordination, issue "Sharing grants and case conferences"): fill on->shared_with
  // from the person's valid sharing grants once they exist; until then partners see nothing.
  return on;
}

Result<PersonRecord> PersonService::Load(std::string_view id, Action action, const Actor& actor) {
  std::optional<PersonRecord> row;
  {
    auto db = database_.Acquire();
    auto found = store::PersonRepository(*db).Find(id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::NotFound("no person with this id");
    row = std::move(**found);
  }
  auto on = ResourceOf(row->facts.organisation, row->facts.created_by);
  if (!on) return on.error();
  if (Status s = Authorize(database_, audit_, actor, action, *on, "person", row->facts.id);
      !s.ok()) {
    return s.error();
  }
  return std::move(*row);
}

Result<PersonView> PersonService::Reveal(const Actor& actor, const PersonRecord& row) {
  auto view = Open(keys_, row);
  // A failed decryption is a moved or altered ciphertext (or a missing key): the auditors must
  // see it, not only the caller.
  const auto result = view ? security::AuditResult::kSuccess : security::AuditResult::kFailure;
  if (Status s =
          audit_.Record(database_, actor.Event("person.read", "person", row.facts.id, result));
      !s.ok()) {
    return s.error();
  }
  return view;
}

Result<PersonView> PersonService::Write(const Actor& actor, const PersonInput& input,
                                        PersonRecord row, bool create) {
  Seal(input, keys_, random_, row);
  const PendingEncoding encoding =
      EncodeForStore(LinkageKeyOf(keys_), {kPersonRecord, row.facts.id}, row.facts.organisation,
                     LinkableOf(input), row.facts.updated_at);
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    store::PersonRepository repo(tx);
    if (Status s = create ? repo.Insert(row) : repo.Update(row); !s.ok()) return s.error();
    // The person's linkage encoding changes with the identity (linkage_encoding.h).
    if (Status s = StoreEncoding(tx, encoding); !s.ok()) return s.error();
    const char* action = create ? "person.create" : "person.update";
    if (Status s = audit_.Record(tx, actor.Event(action, "person", row.facts.id)); !s.ok()) {
      return s.error();
    }
    return true;
  });
  if (!written) return written.error();
  return Open(keys_, row);
}

Result<PersonView> PersonService::Create(const Actor& actor, const PersonInput& raw) {
  if (raw.organisation.empty()) return Error::Invalid("organisation", "name the organisation");
  {
    auto db = database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(raw.organisation);
    if (!org) return org.error();
    if (!org->has_value()) return Error::Invalid("organisation", "unknown organisation");
  }
  auto on = ResourceOf(raw.organisation, actor.principal.user);
  if (!on) return on.error();
  if (Status s = Authorize(database_, audit_, actor, Action::kCreatePerson, *on, "person", "");
      !s.ok()) {
    return s.error();
  }
  auto input = NormalisePersonInput(raw, Today());
  if (!input) return input.error();
  const std::string now = FormatUtc(clock_.Now());
  PersonRecord row;
  row.facts.id = security::NewUuid(random_);
  row.facts.organisation = input->organisation;
  row.facts.created_by = actor.principal.user;
  row.facts.created_at = now;
  row.facts.updated_at = now;
  return Write(actor, *input, std::move(row), true);
}

Result<PersonService::Sealed> PersonService::SealNew(const Actor& actor, const PersonInput& raw) {
  if (raw.organisation.empty()) return Error::Invalid("organisation", "name the organisation");
  {
    auto db = database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(raw.organisation);
    if (!org) return org.error();
    if (!org->has_value()) return Error::Invalid("organisation", "unknown organisation");
  }
  auto on = ResourceOf(raw.organisation, actor.principal.user);
  if (!on) return on.error();
  if (Status s = Authorize(database_, audit_, actor, Action::kCreatePerson, *on, "person", "");
      !s.ok()) {
    return s.error();
  }
  auto input = NormalisePersonInput(raw, Today());
  if (!input) return input.error();
  const std::string now = FormatUtc(clock_.Now());
  PersonRecord row;
  row.facts.id = security::NewUuid(random_);
  row.facts.organisation = input->organisation;
  row.facts.created_by = actor.principal.user;
  row.facts.created_at = now;
  row.facts.updated_at = now;
  Seal(*input, keys_, random_, row);
  return Sealed{std::move(row), LinkableOf(*input)};
}

Result<PersonView> PersonService::Get(const Actor& actor, std::string_view id) {
  auto loaded = Load(id, Action::kViewPerson, actor);
  if (!loaded) return loaded.error();
  return Reveal(actor, *loaded);
}

Result<PersonView> PersonService::Update(const Actor& actor, std::string_view id,
                                         const PersonInput& raw) {
  auto loaded = Load(id, Action::kEditPerson, actor);
  if (!loaded) return loaded.error();
  PersonRecord row = std::move(loaded).value();
  PersonInput with_org = raw;
  if (with_org.organisation.empty()) with_org.organisation = row.facts.organisation;
  if (with_org.organisation != row.facts.organisation) {
    return Error::Invalid("organisation",
                          "a person stays with the organisation that registered it");
  }
  auto input = NormalisePersonInput(std::move(with_org), Today());
  if (!input) return input.error();
  row.facts.updated_at = FormatUtc(clock_.Now());
  return Write(actor, *input, std::move(row), false);
}

Result<std::vector<PersonView>> PersonService::FindByIdentity(const Actor& actor,
                                                              std::string_view family_name,
                                                              std::string_view date_of_birth) {
  // The search itself needs the right to view persons of the actor's own organisation.
  const Resource own{
      actor.principal.organisation, actor.principal.regions, actor.principal.user, {}};
  if (Status s = Authorize(database_, audit_, actor, Action::kViewPerson, own, "person", "");
      !s.ok()) {
    return s.error();
  }
  if (!security::Utf8Length(family_name) || security::NormaliseForMatching(family_name).empty()) {
    return Error::Invalid("family_name", "give the family name");
  }
  const auto iso = IsoDateOf(date_of_birth);
  if (!iso) return Error::Invalid("date_of_birth", "use a real date like 1990-01-31");
  const security::BlindIndex index(keys_.Derived(security::KeyPurpose::kBlindIndex));
  std::vector<PersonRecord> candidates;
  {
    auto db = database_.Acquire();
    auto rows = store::PersonRepository(*db).FindByIdentityIndexes(
        index.Compute(kFamilyNameIndex, family_name), index.Compute(kDateOfBirthIndex, *iso));
    if (!rows) return rows.error();
    candidates = std::move(rows).value();
  }
  return RevealMatches(actor, security::NormaliseForMatching(family_name), *iso, candidates);
}

Result<std::vector<PersonView>> PersonService::RevealMatches(
    const Actor& actor, const std::string& family_name, const std::string& date_of_birth,
    const std::vector<PersonRecord>& candidates) {
  std::vector<PersonView> found;
  for (const PersonRecord& row : candidates) {
    auto on = ResourceOf(row.facts.organisation, row.facts.created_by);
    if (!on) return on.error();
    // Decide, not Authorize: not seeing someone else's person is the expected outcome of a
    // search, not a denied request.
    if (!Decide(actor.principal, Action::kViewPerson, *on).allowed) continue;
    auto view = Reveal(actor, row);
    if (!view) return view.error();
    // Blind indexes are truncated HMACs: compare the plaintexts to rule out a collision.
    const store::PersonIdentity& who = view->identity;
    if (who.family_name && security::NormaliseForMatching(*who.family_name) == family_name &&
        who.date_of_birth == date_of_birth) {
      found.push_back(std::move(view).value());
    }
  }
  return found;
}

}  // namespace schakel::app
