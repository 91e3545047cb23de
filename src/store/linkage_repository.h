// Linkage encodings and match decisions as stored (migration 10). An encoding is the keyed
// Bloom-filter form of one record's identity (a signal's possible victim, or a person): the CLK
// and the per-field sketches as bytes, and its keyed blocking keys as hex. This layer never sees
// a plaintext and does not know how encodings are made (app/linkage_encoding.h does).
// Not thread-safe on its own: use one per connection (Db).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace schakel::store {

// A record that can be linked: kind "signal" or "person", and its id.
struct LinkedRecordRef {
  std::string kind;
  std::string id;
  bool operator==(const LinkedRecordRef&) const = default;
  auto operator<=>(const LinkedRecordRef&) const = default;
};

struct EncodingRow {
  LinkedRecordRef record;
  std::string organisation;  // the record's organisation (municipality), for the policy
  std::string clk;           // 128 bytes
  int64_t present = 0;       // bit i: schema field i was given
  std::string sketches;      // 16 bytes per schema field
  std::vector<std::string> blocking_keys;  // hex of keyed 64-bit values
  std::string encoded_at;
};

struct MatchDecisionRow {
  std::string id;
  LinkedRecordRef a;  // the pair, in the order a < b
  LinkedRecordRef b;
  std::string decision;               // confirmed | rejected
  std::optional<std::string> reason;  // ciphertext
  double score = 0;                   // the score when it was decided
  std::string decided_by;
  std::string decided_at;
};

// A signal's encoding with what capture histories need of the signal.
struct SignalEncodingRow {
  EncodingRow encoding;
  std::optional<std::string> channel;
  std::string submitted_at;
};

class LinkageRepository {
 public:
  explicit LinkageRepository(Db& db) : db_(db) {}

  // Inserts or replaces the record's encoding and its blocking keys.
  Status Upsert(const EncodingRow& row);
  // Removes the record's encoding (no identity any more). No error when there is none.
  Status Remove(const LinkedRecordRef& record);
  Result<std::optional<EncodingRow>> Find(const LinkedRecordRef& record);
  // Records sharing at least one of the blocking keys, except `self`; at most `limit`.
  Result<std::vector<EncodingRow>> SharingBlockingKeys(const std::vector<std::string>& keys,
                                                       const LinkedRecordRef& self, int64_t limit);
  // Encodings (with blocking keys) of submitted signals of these municipalities submitted in
  // [from, to] (dates).
  Result<std::vector<SignalEncodingRow>> SignalEncodings(
      const std::vector<std::string>& organisations, std::string_view from, std::string_view to);
  Result<int64_t> Count(std::string_view kind);
  // Ids of the records that can have an encoding: submitted signals ("signal") or persons.
  Result<std::vector<std::string>> LinkableIds(std::string_view kind);

  Status AddDecision(const MatchDecisionRow& row);
  // Every decision involving the record, oldest first.
  Result<std::vector<MatchDecisionRow>> DecisionsAbout(const LinkedRecordRef& record);
  // Every decision, oldest first (for clustering with people's decisions).
  Result<std::vector<MatchDecisionRow>> Decisions();

 private:
  Db& db_;
};

}  // namespace schakel::store
