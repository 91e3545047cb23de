// "Possibly the same person": suggestions of records that may be about the same person as the
// record a user looks at (a signal, or the person of a care case), with an explanation per
// field, and the care coordinator's decision to confirm or reject a pair. Built on the stored
// linkage encodings (linkage_encoding.h) and the library's scorer (src/linkage, default
// threshold 0.75).
//
// Need-to-know (policy.h): suggestions of a record and decisions on them are for those who may
// read the record (kViewMatches / kDecideMatch: the region's care coordinators). A suggested
// record is shown as a reference the user may open only when the policy lets them read it;
// otherwise as "a record of another organisation" without any detail. The explanation names
// fields and how similar they are (agree / partial / disagree / missing, and a score), never a
// value of either record. Reading suggestions is audited ("match.read"), decisions are audited
// ("match.confirm" / "match.reject") in the transaction that stores them; refusals are audited.
// A rejected pair is never suggested again; a confirmed pair stays listed as confirmed.
// A person who is the (possible) victim of a care case stands for that case: its policy resource
// is the case's (CaseResource), it is shown as the case's reference, and a case and the signals it
// was opened from are never suggested to each other (they are the same person by construction).
//
// Capture histories (CaptureHistoriesOf): the signals of a region in a period, clustered into
// persons on their encodings and the care coordinators' decisions (linkage::ApplyDecisions), and
// per cluster the channels (source lists) that reported the person: the input of
// `schakel estimate`.
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/linkage_repository.h"

namespace schakel::app {

// How one field of the two records compares: agree / partial / disagree / missing.
struct FieldAgreementView {
  std::string field;      // given_names, family_name, date_of_birth, sex, nationality, …
  std::string agreement;  // agree | partial | disagree | missing
  double similarity = 0;  // of the keyed field sketches, 0..1
};

// The other record of a pair as the actor may see it.
struct LinkedRecordView {
  store::LinkedRecordRef ref;
  bool accessible = false;  // the actor may open it; else only "a record of another organisation"
  std::string reference;    // "S000123" (or "Z000045" for a case's person) when accessible
  std::string case_id;      // a person who is a case's (possible) victim: that case, if accessible
};

struct MatchSuggestion {
  LinkedRecordView other;
  double score = 0;
  std::vector<FieldAgreementView> fields;
  bool confirmed = false;  // the last decision on the pair confirmed it
};

struct MatchDecisionView {
  std::string id;
  LinkedRecordView other;
  std::string decision;  // confirmed | rejected
  std::string reason;    // decrypted; empty when none was given
  double score = 0;
  std::string decided_by;  // display name (user id when unknown)
  std::string decided_at;
};

struct RecordMatches {
  store::LinkedRecordRef record;
  bool encoded = false;                      // false: the record holds no name to link on
  std::vector<MatchSuggestion> suggestions;  // best first
  std::vector<MatchDecisionView> decisions;  // oldest first
};

struct MatchDecisionInput {
  store::LinkedRecordRef record;  // the record the user looks at
  store::LinkedRecordRef other;   // the suggested record
  std::string decision;           // confirmed | rejected
  std::string reason;             // optional, at most 1000 characters (encrypted)
};

struct ReindexReport {
  int64_t signals = 0;  // encodings stored
  int64_t persons = 0;
  int64_t without_name = 0;  // records with no name to encode
};

// One 0/1 column per list and a count per observed history, as `schakel estimate` reads it.
struct CaptureHistories {
  std::vector<std::string> lists;           // source list names (signal channels), sorted
  std::map<std::uint32_t, int64_t> counts;  // bit i: seen on lists[i]; never 0
  int64_t records = 0;                      // encoded signals used
  int64_t persons = 0;                      // clusters
};
// CSV: header "<list>,...,count", one row per observed history, LF line ends.
std::string CaptureHistoriesCsv(const CaptureHistories& histories);

class MatchService {
 public:
  // REQUIRES: every argument outlives the service.
  MatchService(store::Database& database, const Clock& clock, const AuditTrail& audit,
               const security::KeyRing& keys,
               security::RandomFill random = security::SystemRandom());

  // Suggestions and decisions for a record. kNotFound for an unknown record (or a draft).
  Result<RecordMatches> For(const Actor& actor, const store::LinkedRecordRef& record);
  // Stores a decision on a pair the record was suggested with (or decided on before).
  Result<MatchDecisionView> Decide(const Actor& actor, const MatchDecisionInput& input);

  // The operator: (re)encodes every submitted signal and every person (records made before
  // migration 10, or after a change of the root key). Audited as "linkage.reindex".
  Result<ReindexReport> Reindex(const Actor& actor);

  // Signals of the region's municipalities submitted in [from, to] (YYYY-MM-DD). Needs the
  // region's aggregates (kViewRegionRollup). kInvalid (field "region") when fewer than two
  // channels reported anyone: estimation needs at least two lists.
  Result<CaptureHistories> CaptureHistoriesOf(const Actor& actor, std::string_view region,
                                              std::string_view from, std::string_view to);

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  security::RandomFill random_;
};

}  // namespace schakel::app
