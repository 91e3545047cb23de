// Signals as stored. The triage facts are plain columns; identifying content (free text, the
// possible victim's identity, the perpetrators, the notes of the three-element test) arrives here
// already encrypted by app/signal_service and is never decrypted in this layer.
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

// What is stored in the clear: bookkeeping, the facts that route a signal and feed statistics.
struct SignalFacts {
  std::string id;            // UUID
  int64_t seq = 0;           // running number, shown as "S000123"
  std::string organisation;  // receiving municipality (CBS code)
  std::string status;        // draft, new, assessed, forwarded, closed
  std::optional<std::string> channel;
  std::optional<std::string> urgency;
  std::optional<std::string> observed_on;  // YYYY-MM-DD
  std::optional<std::string> observed_municipality;
  std::optional<std::string> postal_area;  // four digits
  std::vector<std::string> forms;
  std::vector<std::string> indicators;
  std::vector<std::string> risk_factors;
  std::optional<int64_t> victim_age;
  std::string victim_age_group = "unknown";  // minor, adult, unknown
  std::optional<std::string> victim_gender;
  std::optional<std::string> victim_nationality;  // ISO 3166 alpha-3
  std::optional<std::string> victim_language;
  bool victim_living_at_home = false;
  std::optional<std::string> assessment;  // JSON: element states, smuggling and labour facts
  std::optional<std::string> outcome;     // three-element outcome
  std::optional<std::string> labour_position;
  std::optional<std::string> forwarded_to;  // partner kind
  std::optional<std::string> forwarded_region;
  std::optional<std::string> closing_reason;
  std::string created_by;  // user id, or "external" for the external form
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> submitted_at;
};

// Encrypted fields (ciphertexts here, plaintexts in the app layer).
struct SignalContent {
  std::optional<std::string> description;
  std::optional<std::string> victim_identity;  // JSON of names, date of birth, contact
  std::optional<std::string> perpetrators;
  std::optional<std::string> assessment_notes;  // JSON of the notes per element
  bool operator==(const SignalContent&) const = default;
};

struct SignalRecord {
  SignalFacts facts;
  SignalContent sealed;
  std::optional<std::string> reference_hash;  // external form: hash of the reporter's code
};

struct SignalEvent {
  std::string signal;
  std::string at;
  std::string actor;
  std::string action;  // submit, assess, forward, close, add_information
  std::string from_status;
  std::string to_status;
  std::string detail;  // target, closing reason or empty
};

struct SignalAddition {
  std::string id;
  std::string signal;
  std::string added_at;
  std::string text;  // ciphertext
};

// Which signals to list. Empty vectors mean "any"; at least one of organisations / created_by
// should be set by the caller (the use case decides whose signals an actor sees).
struct SignalQuery {
  std::vector<std::string> organisations;
  std::optional<std::string> created_by;
  std::vector<std::string> statuses;
  bool include_drafts = false;
  int64_t limit = 500;
};

class SignalRepository {
 public:
  explicit SignalRepository(Db& db) : db_(db) {}

  // The next running number. Call inside the write transaction that inserts.
  Result<int64_t> NextSeq();
  // kConflict when the id, number or reference hash exists.
  Status Insert(const SignalRecord& signal);
  // Replaces every field except id, seq, organisation, created_by, created_at, reference_hash.
  Status Update(const SignalRecord& signal);
  Result<std::optional<SignalRecord>> Find(std::string_view id);
  Result<std::optional<SignalRecord>> FindBySeq(int64_t seq);
  Result<std::optional<SignalRecord>> FindByReferenceHash(std::string_view hash);
  // Newest first (the use case orders by urgency, which is catalogue data).
  Result<std::vector<SignalRecord>> List(const SignalQuery& query);

  // The submission dates (YYYY-MM-DD) of the organisation's signals that came in by `channel`.
  Result<std::vector<std::string>> SubmittedDates(std::string_view organisation,
                                                  std::string_view channel);

  Status AddEvent(const SignalEvent& event);
  Result<std::vector<SignalEvent>> Events(std::string_view signal);
  Status AddAddition(const SignalAddition& addition);
  Result<std::vector<SignalAddition>> Additions(std::string_view signal);

 private:
  Db& db_;
};

}  // namespace schakel::store
