#include "store/person_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "id, organisation, created_by, created_at, updated_at, given_names, family_name, "
    "date_of_birth, address, phone, document_number, notes, family_name_index, "
    "date_of_birth_index, document_number_index, gender, birth_year, nationality";

Value OptInt(const std::optional<int64_t>& i) {
  return i ? Int(*i) : Null();
}

PersonRecord FromRow(const Row& r) {
  PersonRecord p;
  p.facts = {r.Text(0), r.Text(1),     r.Text(2), r.Text(3),
             r.Text(4), r.OptText(15), {},        r.OptText(17)};
  if (!r.IsNull(16)) p.facts.birth_year = r.Int(16);
  p.sealed = {r.OptText(5), r.OptText(6),  r.OptText(7), r.OptText(8),
              r.OptText(9), r.OptText(10), r.OptText(11)};
  p.family_name_index = r.OptText(12);
  p.date_of_birth_index = r.OptText(13);
  p.document_number_index = r.OptText(14);
  return p;
}

// The values after id, organisation, created_by and created_at, in kColumns order.
std::vector<Value> MutableValues(const PersonRecord& p) {
  const PersonIdentity& s = p.sealed;
  return {Text(p.facts.updated_at),
          OptText(s.given_names),
          OptText(s.family_name),
          OptText(s.date_of_birth),
          OptText(s.address),
          OptText(s.phone),
          OptText(s.document_number),
          OptText(s.notes),
          OptText(p.family_name_index),
          OptText(p.date_of_birth_index),
          OptText(p.document_number_index),
          OptText(p.facts.gender),
          OptInt(p.facts.birth_year),
          OptText(p.facts.nationality)};
}

Result<std::vector<PersonRecord>> ToRecords(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<PersonRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Status PersonRepository::Insert(const PersonRecord& p) {
  std::vector<Value> values = {Text(p.facts.id), Text(p.facts.organisation),
                               Text(p.facts.created_by), Text(p.facts.created_at)};
  for (Value& v : MutableValues(p)) values.push_back(std::move(v));
  auto r = db_.Execute(std::string("INSERT INTO persons (") + kColumns +
                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       values);
  if (!r) return r.error();
  return {};
}

Status PersonRepository::Update(const PersonRecord& p) {
  std::vector<Value> values = MutableValues(p);
  values.push_back(Text(p.facts.id));
  auto r = db_.Execute(
      "UPDATE persons SET updated_at = ?, given_names = ?, family_name = ?, date_of_birth = ?, "
      "address = ?, phone = ?, document_number = ?, notes = ?, family_name_index = ?, "
      "date_of_birth_index = ?, document_number_index = ?, gender = ?, birth_year = ?, "
      "nationality = ? WHERE id = ?",
      values);
  if (!r) return r.error();
  if (*r == 0) return Error::NotFound("no such person");
  return {};
}

Result<std::optional<PersonRecord>> PersonRepository::Find(std::string_view id) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM persons WHERE id = ?",
                        {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<PersonRecord>();
  return std::optional<PersonRecord>(FromRow(rows->front()));
}

Result<std::vector<PersonRecord>> PersonRepository::FindByIdentityIndexes(
    std::string_view family_name_index, std::string_view date_of_birth_index) {
  return ToRecords(
      db_.Query(std::string("SELECT ") + kColumns +
                    " FROM persons WHERE family_name_index = ? AND "
                    "date_of_birth_index = ? ORDER BY id",
                {Text(std::string(family_name_index)), Text(std::string(date_of_birth_index))}));
}

Result<std::vector<PersonRecord>> PersonRepository::FindByDocumentIndex(
    std::string_view document_number_index) {
  return ToRecords(db_.Query(std::string("SELECT ") + kColumns +
                                 " FROM persons WHERE document_number_index = ? ORDER BY id",
                             {Text(std::string(document_number_index))}));
}

}  // namespace schakel::store
