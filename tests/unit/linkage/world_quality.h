// Linkage quality on the synthetic world (src/synth): a world is generated, written as the
// `records.csv` that `schakel demo export` produces, read back through the linkage CSV reader
// (the CLI's path), deduplicated, and scored pairwise against the ground truth. Missed and false
// pairs are broken down by the identity variations the generator applied, so that a drop in
// quality points at its cause. Used by the quality test (a small held-out world) and by the
// bench (full-size worlds, two seeds).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "febrl.h"
#include "linkage/matching.h"
#include "linkage/record_encoder.h"
#include "synth/person.h"

namespace schakel::linkage::testing {

struct WorldSample {
  std::vector<PersonRecord> records;      // person schema, as read from records.csv
  std::vector<std::uint32_t> person;      // true person per record
  std::vector<std::uint32_t> variations;  // synth::Variation bits per record
};

// The world of `seed` at `scale` (six years, 2019-2024). `synth_dir` holds the model files,
// `municipalities_csv` the public municipality list. Aborts the test binary on a broken model.
WorldSample MakeWorldSample(std::uint64_t seed, double scale, const std::string& synth_dir,
                            const std::string& municipalities_csv);

struct WorldQuality {
  PairQuality pairs;
  // Per variation bit: true pairs where either record carries it, and how many were missed.
  std::array<std::size_t, synth::kVariationCount> true_with{}, missed_with{};
  // Missed true pairs by the Dice score of the pair (tenths: 0.0-0.1 … 0.9-1.0).
  std::array<std::size_t, 10> missed_by_score{};
};

// Pairwise quality of `cluster` (per record) against the truth in `sample`. `encoded` (same
// order) is used only to report the Dice of missed pairs.
WorldQuality EvaluateWorld(const WorldSample& sample, const std::vector<EncodedRecord>& encoded,
                           const std::vector<std::uint32_t>& cluster);

// Prints the breakdown by variation, the missed pairs by score, and up to `examples` missed and
// false pairs with their plaintext (synthetic) values.
void PrintWorldBreakdown(std::FILE* out, const WorldSample& sample,
                         const std::vector<EncodedRecord>& encoded,
                         const std::vector<std::uint32_t>& cluster, const WorldQuality& quality,
                         std::size_t examples);

// Estimates the person schema's field-evidence weights (pair_score.h) on `sample` by logistic
// regression over the candidate pairs (blocked, CLK Dice at least kFieldEvidenceFloor): one
// feature per field and similarity level, fitted jointly, so that fields that depend on each
// other among candidates (a shared name implies a shared nationality) are not counted twice as
// a naive Fellegi-Sunter sum would. Weights in bits, each within ±8. Prints the
// C++ that schema.cpp holds. Run on the tuning seed only.
void PrintFittedWeights(std::FILE* out, const WorldSample& sample,
                        const std::vector<EncodedRecord>& encoded);

}  // namespace schakel::linkage::testing
