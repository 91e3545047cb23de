#include "linkage/pair_score.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace schakel::linkage {

int SimilarityLevel(double similarity) {
  if (similarity >= 0.95) return 5;
  if (similarity >= 0.8) return 4;
  return std::clamp(static_cast<int>(similarity * 5), 0, 3);
}

double SketchDice(const FieldSketch& a, const FieldSketch& b) {
  std::uint32_t inter = 0, pa = 0, pb = 0;
  for (std::size_t w = 0; w < a.words.size(); ++w) {
    inter += static_cast<std::uint32_t>(std::popcount(a.words[w] & b.words[w]));
    pa += static_cast<std::uint32_t>(std::popcount(a.words[w]));
    pb += static_cast<std::uint32_t>(std::popcount(b.words[w]));
  }
  return DiceFromCounts(inter, pa, pb);
}

namespace {

double WordDice(std::uint64_t a, std::uint64_t b) {
  return DiceFromCounts(static_cast<std::uint32_t>(std::popcount(a & b)),
                        static_cast<std::uint32_t>(std::popcount(a)),
                        static_cast<std::uint32_t>(std::popcount(b)));
}

}  // namespace

int DateLevel(const FieldSketch& a, const FieldSketch& b) {
  // Year tokens: the year and two half-years, so years one apart share one of three.
  const double year = WordDice(a.words[0], b.words[0]);
  const bool same_year = year >= 0.95, near_year = year > 0;
  // Day-month tokens: month, day, the unordered pair (twice) and the full date (which holds the
  // year too): a year off keeps four of five, a swap the two pair tokens.
  const bool year_only = a.words[1] == 0 || b.words[1] == 0;
  const double day_month = year_only ? 0 : WordDice(a.words[1], b.words[1]);
  const bool same_day_month = day_month >= 0.95, near_day_month = day_month >= 0.7;
  const bool swapped = !near_day_month && day_month >= 0.3;
  if (same_year && same_day_month) return 5;
  if ((near_year && near_day_month) || (same_year && swapped)) return 4;  // one error
  if ((near_year && swapped) || (same_year && year_only)) return 3;       // two, or year only
  if (same_year || (near_year && year_only)) return 2;
  return near_year ? 1 : 0;
}

double NameSimilarity(const FieldSketch& a, const FieldSketch& b) {
  return (WordDice(a.words[0], b.words[0]) + WordDice(a.words[1], b.words[1])) / 2;
}

namespace {

bool Present(const EncodedRecord& r, int field) {
  return field >= 0 && (r.present >> field & 1u) != 0 &&
         static_cast<std::size_t>(field) < r.sketches.size();
}

}  // namespace

std::vector<int> FieldLevels(const Schema& schema, const EncodedRecord& a, const EncodedRecord& b) {
  std::vector<int> levels(std::min(a.sketches.size(), b.sketches.size()), -1);
  for (std::size_t f = 0; f < levels.size(); ++f) {
    int i = static_cast<int>(f);
    if (!Present(a, i) || !Present(b, i)) continue;
    FieldKind kind = f < schema.fields.size() ? schema.fields[f].kind : FieldKind::kText;
    const FieldSketch& sa = a.sketches[f];
    const FieldSketch& sb = b.sketches[f];
    levels[f] = kind == FieldKind::kBirthDate ? DateLevel(sa, sb)
                : kind == FieldKind::kGivenNames || kind == FieldKind::kFamilyName
                    ? SimilarityLevel(NameSimilarity(sa, sb))
                    : SimilarityLevel(SketchDice(sa, sb));
  }
  return levels;
}

PairScorer::PairScorer(const Schema& schema) {
  if (schema.level_weights.size() != schema.fields.size()) return;
  weights_ = schema.level_weights;
  prior_ = schema.prior_log2_odds;
  given_ = schema.IndexOfKind(FieldKind::kGivenNames);
  family_ = schema.IndexOfKind(FieldKind::kFamilyName);
  date_ = schema.IndexOfKind(FieldKind::kBirthDate);
}

double PairScorer::DiceFloor(double threshold) const {
  return uses_field_evidence() ? std::min(threshold, kFieldEvidenceFloor) : threshold;
}

double PairScorer::Score(const EncodedRecord& a, const EncodedRecord& b, DiceKernel kernel) const {
  return ScoreWithDice(
      a, b, DiceFromCounts(IntersectionCount(kernel, a.clk, b.clk), a.popcount, b.popcount));
}

double PairScorer::ScoreWithDice(const EncodedRecord& a, const EncodedRecord& b,
                                 double dice) const {
  if (!uses_field_evidence()) return dice;
  if (dice < kFieldEvidenceFloor) return 0;
  // Weight of comparing field fa of a with field fb of b, graded by field `by`'s levels.
  auto evidence = [&](int fa, int fb, int by) {
    if (!Present(a, fa) || !Present(b, fb)) return 0.0;
    const FieldSketch& sa = a.sketches[static_cast<std::size_t>(fa)];
    const FieldSketch& sb = b.sketches[static_cast<std::size_t>(fb)];
    int level = fa == date_                     ? DateLevel(sa, sb)
                : fa == given_ || fa == family_ ? SimilarityLevel(NameSimilarity(sa, sb))
                                                : SimilarityLevel(SketchDice(sa, sb));
    return weights_[static_cast<std::size_t>(by)][static_cast<std::size_t>(level)];
  };
  const bool crosswise = given_ >= 0 && family_ >= 0;
  double log2_odds = prior_;
  for (int f = 0; f < static_cast<int>(weights_.size()); ++f) {
    if (!crosswise || (f != given_ && f != family_)) log2_odds += evidence(f, f, f);
  }
  if (crosswise) {
    double straight = evidence(given_, given_, given_) + evidence(family_, family_, family_);
    double crossed = evidence(given_, family_, given_) + evidence(family_, given_, family_);
    log2_odds += std::max(straight, crossed);
  }
  return 1.0 / (1.0 + std::exp2(-log2_odds));
}

}  // namespace schakel::linkage
