// Which fields a person record has and how each is encoded. The standard person schema is the
// one Schakel exchanges (given names, family name, date of birth, sex, nationality, place of
// birth); other schemas (for example the FEBRL benchmarks, with address fields) add fields of
// the generic kinds. A field's weight is the number of Bloom-filter bits each of its tokens sets.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::linkage {

enum class FieldKind {
  kGivenNames,   // words, bigrams per word, order-insensitive
  kFamilyName,   // particles removed, bigrams of the core
  kBirthDate,    // ISO date with day/month-swap and year±1 tolerant tokens
  kSex,          // m / f / x
  kNationality,  // ISO 3166 alpha-3
  kText,         // free text such as a place: normalised, bigrams per word
  kCode,         // short codes such as postcodes or house numbers: exact token plus bigrams
};

// Field evidence (pair_score.h) grades the similarity of a field in this many levels.
inline constexpr int kSimilarityLevels = 6;
using LevelWeights = std::array<double, kSimilarityLevels>;

struct FieldSpec {
  std::string name;
  FieldKind kind = FieldKind::kText;
  int hashes = 10;  // bits set per token in the 1024-bit filter (the field's weight)
};

struct Schema {
  std::vector<FieldSpec> fields;
  // Field evidence (pair_score.h): weight in bits per similarity level, one entry per field.
  // Empty:
  // pairs are scored by Dice on the CLK.
  std::vector<LevelWeights> level_weights;
  // log2 of the odds that a candidate pair (blocked, CLK Dice above the floor) is a match,
  // before any field is looked at. Used with level weights only.
  double prior_log2_odds = 0;

  // Index of the field called name, or -1.
  int IndexOf(std::string_view name) const;
  // Index of the first field of this kind, or -1.
  int IndexOfKind(FieldKind kind) const;
};

// given_names, family_name, date_of_birth, sex, nationality, place_of_birth (the CSV order).
Schema PersonSchema();

}  // namespace schakel::linkage
