// Scoring a pair of encoded records as "the same person". Two methods:
//
// - Dice on the whole CLK, for schemas without level weights (the FEBRL schema): one number,
//   fast, but blind to *which* field agreed. A completely different date of birth costs as much
//   as a typo in the place, and a missing field costs as much as a disagreeing one.
// - Field evidence (after Fellegi and Sunter 1969), for schemas with level weights (the person
//   schema): each field present in both records is compared through its sketch, the similarity
//   falls into one of kSimilarityLevels levels (dates: DateLevel, which tells a year off by one
//   and a swapped day and month from a different date), and the level adds its weight in bits.
//   The weights come from a logistic regression over the candidate pairs of a synthetic world of
//   one seed, evaluated on another (docs/linkage.md). A field missing on either side adds
//   nothing, so it neither helps nor hurts. Given and family name are also compared crosswise
//   and the better orientation is taken (names in the wrong boxes). The score is
//   1 / (1 + 2^-(prior + Σ weights)), in [0, 1] like Dice.
//
// Field evidence is computed only for pairs whose CLK Dice reaches kFieldEvidenceFloor: the CLK
// is the cheap first filter, the sketches decide.
//
// Thread-safety: a PairScorer is immutable after construction; Score is thread-safe.
#pragma once

#include <array>
#include <vector>

#include "linkage/dice.h"
#include "linkage/encoded_record.h"
#include "linkage/schema.h"

namespace schakel::linkage {

// Similarity levels: [0, .2), [.2, .4), [.4, .6), [.6, .8), [.8, .95), [.95, 1].
int SimilarityLevel(double similarity);

// Levels of a date of birth, from its sketch (year and day-month words, see FieldSketch):
// 5 equal; 4 one error (year one apart, or day and month swapped); 3 both errors, or the same
// year with one side year-only; 2 same year otherwise, or year one apart with one side
// year-only; 1 year one apart otherwise; 0 unrelated.
int DateLevel(const FieldSketch& a, const FieldSketch& b);

// Similarity of two name sketches: the mean of the Dice of their spellings and of their
// romanisation skeletons (see FieldSketch), so that "Sjevtsjenko" and "Shevchenko" come close.
double NameSimilarity(const FieldSketch& a, const FieldSketch& b);

// Dice of two field sketches.
double SketchDice(const FieldSketch& a, const FieldSketch& b);

// The level of each field of the pair (straight orientation), or -1 when missing on either side.
std::vector<int> FieldLevels(const Schema& schema, const EncodedRecord& a, const EncodedRecord& b);

// Pairs with a CLK Dice below this are not considered by field evidence: true pairs that low are
// rare (under 1 % of the synthetic world's), and at a million records the many pairs between
// 0.45 and 0.5 cost more time than their recall is worth.
inline constexpr double kFieldEvidenceFloor = 0.5;

class PairScorer {
 public:
  // Dice on CLKs.
  PairScorer() = default;
  // Field evidence when the schema's fields have level weights, Dice otherwise.
  explicit PairScorer(const Schema& schema);

  bool uses_field_evidence() const { return !weights_.empty(); }
  // CLK Dice below which a pair cannot reach `threshold`: the threshold itself for Dice, the
  // field-evidence floor otherwise.
  double DiceFloor(double threshold) const;
  // REQUIRES: a and b encoded with the schema given at construction.
  double Score(const EncodedRecord& a, const EncodedRecord& b, DiceKernel kernel) const;
  // Score of a pair whose CLK Dice is already known.
  double ScoreWithDice(const EncodedRecord& a, const EncodedRecord& b, double dice) const;

 private:
  std::vector<LevelWeights> weights_;  // per field; empty: Dice
  double prior_ = 0;
  int given_ = -1, family_ = -1, date_ = -1;
};

}  // namespace schakel::linkage
