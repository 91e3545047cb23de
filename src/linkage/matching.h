// Finding the same person among encoded records: deduplication of one set into persons, and
// one-to-one linkage of two sets. Both block (see blocking.h), score candidate pairs with Dice
// on the CLKs, and keep pairs at or above a threshold. Each match can be explained field by field
// from the per-field sketches, without any plaintext.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "linkage/clustering.h"
#include "linkage/dice.h"
#include "linkage/encoded_record.h"
#include "linkage/pair_score.h"
#include "linkage/schema.h"

namespace schakel::linkage {

struct MatchOptions {
  double threshold = 0.75;  // score at or above which two records are the same person
  double min_link = 0.4;    // dedup: weakest pair allowed inside a cluster
  std::size_t max_block_size = 2000;
  int threads = 2;
  DiceKernel kernel = BestDiceKernel();
  // How a pair is scored; must belong to the schema the records were encoded with.
  PairScorer scorer = PairScorer(PersonSchema());
};

struct DedupResult {
  Clustering clustering;
  std::size_t candidate_pairs = 0;  // Dice evaluations inside blocks (a pair may recur)
  std::size_t matched_pairs = 0;    // distinct pairs at or above the threshold
};

DedupResult Deduplicate(const std::vector<EncodedRecord>& records, const MatchOptions& options);

struct LinkResult {
  std::vector<ScoredPair> matches;  // a index, b index, score; each record in at most one match
  std::size_t candidate_pairs = 0;
};

// Two-file linkage with a greedy one-to-one assignment (best pairs first), as used by anonlink:
// within one organisation's file each person appears once.
LinkResult Link(const std::vector<EncodedRecord>& a, const std::vector<EncodedRecord>& b,
                const MatchOptions& options);

// Scores candidate pairs (packed i << 32 | j), in parallel; sets[0] holds i's records and
// sets[1] j's (the same set for dedup).
std::vector<float> ScorePairs(const std::vector<EncodedRecord>& first,
                              const std::vector<EncodedRecord>& second,
                              const std::vector<std::uint64_t>& pairs, const MatchOptions& options);

enum class FieldAgreement { kAgree, kPartial, kDisagree, kMissing };
const char* FieldAgreementName(FieldAgreement agreement);

struct FieldComparison {
  std::string field;
  FieldAgreement agreement = FieldAgreement::kMissing;
  double similarity = 0;  // Dice of the field sketches; 0 when missing
};

struct MatchExplanation {
  double score = 0;
  std::vector<FieldComparison> fields;
};

// Which fields agreed: agree (sketch Dice >= 0.8), partial (>= 0.4), disagree, or missing on
// either side. Reveals only similarities, never values.
MatchExplanation Explain(const Schema& schema, const EncodedRecord& a, const EncodedRecord& b,
                         DiceKernel kernel);
// "given_names=agree(1.00);family_name=partial(0.62);sex=missing;..."
std::string FormatExplanation(const MatchExplanation& explanation);

}  // namespace schakel::linkage
