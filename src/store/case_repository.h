// Care cases as stored (migration 7, docs/care.md): the case row with its plain facts, the
// signals it was opened from, its history and its care-plan items. Free text (why a case was
// opened directly, the reason consent was overridden, a plan item's description) arrives here
// already encrypted by app/case_service and is never decrypted in this layer; the victim's
// identity is a person (person_repository.h), referred to by id.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

// Encrypted fields (ciphertexts here, plaintexts in the app layer). nullopt: not given.
struct CaseContent {
  std::optional<std::string> opened_directly_because;
  std::optional<std::string> consent_override;  // why the case goes on without consent
  bool operator==(const CaseContent&) const = default;
};

// A case as stored. In the clear: bookkeeping, lifecycle and the facts statistics and the
// registration need (not identifying on their own); `sealed` holds the ciphertexts.
struct CaseRecord {
  std::string id;                           // UUID
  int64_t seq = 0;                          // running number, shown as "Z000123"
  std::string region;                       // the care-coordination region the case belongs to
  std::optional<std::string> municipality;  // of the first signal, when opened from signals
  std::optional<std::string> coordinator;   // responsible care coordinator (user id)
  std::string state = "registered";         // care::CaseStateName
  std::optional<std::string> person;        // persons.id of the (possible) victim
  bool acute = false;
  std::vector<std::string> forms;  // forms of exploitation (catalogue ids)
  std::optional<int64_t> age;      // whole years when the case was opened
  std::string age_group = "unknown";
  std::optional<std::string> gender;       // female | male | x | unknown
  std::optional<std::string> nationality;  // ISO 3166-1 alpha-3
  bool consent_recorded = false;
  std::optional<std::string> reflection_start;     // YYYY-MM-DD
  std::optional<std::string> reflection_last_day;  // YYYY-MM-DD
  std::optional<std::string> reflection_outcome;   // care::ReflectionOutcomeName
  std::optional<std::string> reflection_outcome_on;
  std::optional<std::string> registered_on;  // reported to CoMensha on
  std::optional<std::string> registered_by;
  std::optional<std::string> closed_on;
  std::optional<std::string> closing_reason;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  CaseContent sealed;
};

struct CaseEvent {
  std::string case_id;
  std::string at;
  std::string actor;       // user id
  std::string action;      // open, start_intake, …, consent, plan_item, reflection_start, …
  std::string from_state;  // state before
  std::string to_state;    // state after (the same for a refusal or a non-lifecycle change)
  std::string result = "applied";  // applied | refused
  std::string field;               // refusal: the field that is missing; else empty
  std::string detail;              // refusal: the reason; else ids or data ids, never content
};

struct CarePlanItemRow {
  std::string id;
  std::string case_id;
  std::string domain;
  std::string responsible_organisation;
  std::string status = "open";
  std::optional<std::string> due_on;       // YYYY-MM-DD
  std::optional<std::string> description;  // ciphertext
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

// Which cases to list. Empty vectors mean "any"; the use case decides which regions an actor
// sees and sets them.
struct CaseQuery {
  std::vector<std::string> regions;
  std::optional<std::string> coordinator;
  std::vector<std::string> states;
  int64_t limit = 1000;
};

// The retention job erased the case's identifying data (table case_erasures, written by
// app/retention_service).
struct CaseErasure {
  std::string erased_on;  // YYYY-MM-DD, Europe/Amsterdam
  std::string closed_on;
  int64_t retention_months = 0;
  bool person_kept = false;  // another case still needed the person's identity
};

class CaseRepository {
 public:
  explicit CaseRepository(Db& db) : db_(db) {}

  // The next running number. Call inside the write transaction that inserts.
  Result<int64_t> NextSeq();
  // kConflict when the id or number exists.
  Status Insert(const CaseRecord& c);
  // Replaces every field except id, seq, region, created_by and created_at. kNotFound when the
  // case does not exist.
  Status Update(const CaseRecord& c);
  Result<std::optional<CaseRecord>> Find(std::string_view id);
  // Newest first.
  Result<std::vector<CaseRecord>> List(const CaseQuery& query);

  // Links a signal to a case; kConflict when the signal is already part of a case.
  Status LinkSignal(std::string_view case_id, std::string_view signal);
  Result<std::vector<std::string>> SignalsOf(std::string_view case_id);
  // The case a signal belongs to, if any.
  Result<std::optional<std::string>> CaseOfSignal(std::string_view signal);
  // The case whose (possible) victim is this person, if any.
  Result<std::optional<std::string>> CaseOfPerson(std::string_view person);

  Status AddEvent(const CaseEvent& event);
  // Oldest first.
  Result<std::vector<CaseEvent>> Events(std::string_view case_id);

  Status InsertItem(const CarePlanItemRow& item);
  // Replaces responsible organisation, status, due date, description and updated_at.
  Status UpdateItem(const CarePlanItemRow& item);
  Result<std::optional<CarePlanItemRow>> FindItem(std::string_view id);
  // Items of the cases, in the order they were added.
  Result<std::vector<CarePlanItemRow>> ItemsOf(const std::vector<std::string>& case_ids);

  // Retention (migration 13): when the case's identifying data was erased, if it was.
  Result<std::optional<CaseErasure>> ErasureOf(std::string_view case_id);

 private:
  Db& db_;
};

}  // namespace schakel::store
