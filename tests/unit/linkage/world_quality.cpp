#include "world_quality.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <map>
#include <utility>

#include "linkage/blocking.h"
#include "linkage/dice.h"
#include "linkage/link_io.h"
#include "linkage/pair_score.h"
#include "synth/world.h"
#include "synth/world_csv.h"

namespace schakel::linkage::testing {

WorldSample MakeWorldSample(std::uint64_t seed, double scale, const std::string& synth_dir,
                            const std::string& municipalities_csv) {
  auto model = synth::LoadWorldModel(synth_dir, municipalities_csv);
  if (!model.ok()) {
    std::fprintf(stderr, "synthetic world model: %s\n", model.error().message.c_str());
    std::abort();
  }
  synth::WorldParams params;
  params.seed = seed;
  params.scale = scale;
  auto world = synth::GenerateWorld(*model, params);
  if (!world.ok()) {
    std::fprintf(stderr, "synthetic world: %s\n", world.error().message.c_str());
    std::abort();
  }
  // Through the CSV text, as `schakel link dedup records.csv` would see it.
  std::string csv;
  synth::AppendRecordsCsv(*world, csv);
  auto records = ReadPersonCsv(csv);
  if (!records.ok()) {
    std::fprintf(stderr, "records.csv: %s\n", records.error().message.c_str());
    std::abort();
  }
  WorldSample sample;
  sample.records = std::move(records).value();
  for (const synth::Record& r : world->records) {
    sample.person.push_back(r.person);
    sample.variations.push_back(r.variations);
  }
  return sample;
}

namespace {

double PairDice(const std::vector<EncodedRecord>& encoded, std::size_t i, std::size_t j) {
  return DiceFromCounts(IntersectionCount(BestDiceKernel(), encoded[i].clk, encoded[j].clk),
                        encoded[i].popcount, encoded[j].popcount);
}

// Record indices grouped by key.
std::map<std::uint32_t, std::vector<std::size_t>> GroupBy(const std::vector<std::uint32_t>& key) {
  std::map<std::uint32_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < key.size(); ++i) groups[key[i]].push_back(i);
  return groups;
}

std::string Variations(std::uint32_t bits) {
  std::string s;
  for (int b = 0; b < synth::kVariationCount; ++b) {
    if (bits & (1u << b)) s += std::string(s.empty() ? "" : ",") + synth::VariationName(b);
  }
  return s;
}

void PrintRecord(std::FILE* out, const WorldSample& sample, std::size_t i) {
  const PersonRecord& r = sample.records[i];
  std::fprintf(out, "    %s:", r.id.c_str());
  for (const std::string& v : r.values) std::fprintf(out, " [%s]", v.c_str());
  std::fprintf(out, "  {%s}\n", Variations(sample.variations[i]).c_str());
}

// Up to `examples` pairs inside one group of `groups` that `other` puts apart: missed pairs for
// groups by person and `other` the clustering, false pairs the other way round.
void PrintPairs(std::FILE* out, const char* label, const WorldSample& sample,
                const std::vector<EncodedRecord>& encoded,
                const std::map<std::uint32_t, std::vector<std::size_t>>& groups,
                const std::vector<std::uint32_t>& other, std::size_t examples) {
  const PairScorer scorer(PersonSchema());
  std::size_t shown = 0;
  for (const auto& [key, members] : groups) {
    for (std::size_t x = 0; x < members.size() && shown < examples; ++x) {
      for (std::size_t y = x + 1; y < members.size() && shown < examples; ++y) {
        std::size_t i = members[x], j = members[y];
        if (other[i] == other[j]) continue;
        std::fprintf(
            out, "  %s, Dice %.3f score %.3f: %s\n", label, PairDice(encoded, i, j),
            scorer.Score(encoded[i], encoded[j], BestDiceKernel()),
            FormatExplanation(Explain(PersonSchema(), encoded[i], encoded[j], BestDiceKernel()))
                .c_str());
        PrintRecord(out, sample, i);
        PrintRecord(out, sample, j);
        ++shown;
      }
    }
  }
}

}  // namespace

WorldQuality EvaluateWorld(const WorldSample& sample, const std::vector<EncodedRecord>& encoded,
                           const std::vector<std::uint32_t>& cluster) {
  WorldQuality q;
  for (const auto& [person, members] : GroupBy(sample.person)) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        std::size_t i = members[x], j = members[y];
        bool found = cluster[i] == cluster[j];
        (found ? q.pairs.true_positives : q.pairs.false_negatives)++;
        std::uint32_t bits = sample.variations[i] | sample.variations[j];
        for (int b = 0; b < synth::kVariationCount; ++b) {
          if (!(bits & (1u << b))) continue;
          ++q.true_with[static_cast<std::size_t>(b)];
          if (!found) ++q.missed_with[static_cast<std::size_t>(b)];
        }
        if (!found) {
          auto tenth = static_cast<std::size_t>(PairDice(encoded, i, j) * 10);
          ++q.missed_by_score[std::min<std::size_t>(tenth, 9)];
        }
      }
    }
  }
  for (const auto& [c, members] : GroupBy(cluster)) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        if (sample.person[members[x]] != sample.person[members[y]]) ++q.pairs.false_positives;
      }
    }
  }
  return q;
}

void PrintWorldBreakdown(std::FILE* out, const WorldSample& sample,
                         const std::vector<EncodedRecord>& encoded,
                         const std::vector<std::uint32_t>& cluster, const WorldQuality& quality,
                         std::size_t examples) {
  std::fprintf(out, "  missed true pairs by variation (either record):\n");
  for (int b = 0; b < synth::kVariationCount; ++b) {
    auto k = static_cast<std::size_t>(b);
    if (quality.true_with[k] == 0) continue;
    std::fprintf(
        out, "    %-22s %5zu of %5zu missed (%.3f)\n", synth::VariationName(b),
        quality.missed_with[k], quality.true_with[k],
        static_cast<double>(quality.missed_with[k]) / static_cast<double>(quality.true_with[k]));
  }
  // True pairs that share no blocking key are never compared, whatever the scoring.
  std::size_t unblocked = 0;
  std::array<std::size_t, synth::kVariationCount> unblocked_with{};
  for (const auto& [person, members] : GroupBy(sample.person)) {
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        const auto& ka = encoded[members[x]].blocking_keys;
        const auto& kb = encoded[members[y]].blocking_keys;
        std::vector<std::uint64_t> shared;
        std::set_intersection(ka.begin(), ka.end(), kb.begin(), kb.end(),
                              std::back_inserter(shared));
        if (!shared.empty()) continue;
        ++unblocked;
        std::uint32_t bits = sample.variations[members[x]] | sample.variations[members[y]];
        for (int b = 0; b < synth::kVariationCount; ++b) {
          if (bits & (1u << b)) ++unblocked_with[static_cast<std::size_t>(b)];
        }
      }
    }
  }
  std::fprintf(out, "  true pairs sharing no blocking key: %zu;", unblocked);
  for (int b = 0; b < synth::kVariationCount; ++b) {
    if (unblocked_with[static_cast<std::size_t>(b)]) {
      std::fprintf(out, " %s %zu", synth::VariationName(b),
                   unblocked_with[static_cast<std::size_t>(b)]);
    }
  }
  std::fprintf(out, "\n");
  std::fprintf(out, "  missed true pairs by Dice:");
  for (std::size_t t = 0; t < 10; ++t) {
    std::fprintf(out, " %.1f:%zu", static_cast<double>(t) / 10, quality.missed_by_score[t]);
  }
  std::fprintf(out, "\n");
  PrintPairs(out, "missed", sample, encoded, GroupBy(sample.person), cluster, examples);
  PrintPairs(out, "false", sample, encoded, GroupBy(cluster), sample.person, examples);
}

void PrintFittedWeights(std::FILE* out, const WorldSample& sample,
                        const std::vector<EncodedRecord>& encoded) {
  const Schema schema = PersonSchema();
  const std::size_t fields = schema.fields.size();
  constexpr std::size_t kWeights = kSimilarityLevels;
  const std::size_t features = fields * kWeights;
  // A code (sex, nationality) is equal or not: its lower levels differ only by collisions in the
  // sketch, so they share one feature.
  auto feature = [&](std::size_t f, int level) {
    FieldKind kind = schema.fields[f].kind;
    bool code = kind == FieldKind::kSex || kind == FieldKind::kNationality;
    int l = code && level < kSimilarityLevels - 1 ? 0 : level;
    return f * kWeights + static_cast<std::size_t>(l);
  };
  std::vector<ScoredPair> candidates = BlockedPairsAbove(
      encoded, MatchOptions().max_block_size, kFieldEvidenceFloor, BestDiceKernel(), 2, nullptr);
  std::vector<std::vector<std::size_t>> x;
  std::vector<double> y;
  for (const ScoredPair& p : candidates) {
    std::vector<int> levels = FieldLevels(schema, encoded[p.a], encoded[p.b]);
    std::vector<std::size_t> active;
    for (std::size_t f = 0; f < fields; ++f) {
      if (levels[f] >= 0) active.push_back(feature(f, levels[f]));
    }
    x.push_back(std::move(active));
    y.push_back(sample.person[p.a] == sample.person[p.b] ? 1 : 0);
  }
  // Logistic regression by Newton's method (iteratively reweighted least squares) on the log
  // loss with a small L2 penalty; parameter 0 is the bias. A field missing on either side has no
  // feature: it neither helps nor hurts. Every weight is kept within ±kMaxBits (projected after
  // each step): no single field may decide a pair alone, because how much one agreement is worth
  // depends on the size of the data set (an equal date of birth says much among 7 000 records
  // and little among a million), and real registrations have errors the world does not model.
  constexpr double kPenalty = 1.0, kMaxBits = 8;
  const std::size_t p = features + 1;
  std::vector<double> beta(p, 0.0);
  for (int iteration = 0; iteration < 30; ++iteration) {
    std::vector<double> grad(p, 0.0), hess(p * p, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      std::vector<std::size_t> idx = {0};
      for (std::size_t k : x[i]) idx.push_back(k + 1);
      double z = 0;
      for (std::size_t k : idx) z += beta[k];
      double prob = 1 / (1 + std::exp(-z));
      for (std::size_t k : idx) {
        grad[k] += prob - y[i];
        for (std::size_t l : idx) hess[k * p + l] += prob * (1 - prob);
      }
    }
    for (std::size_t k = 1; k < p; ++k) {
      grad[k] += kPenalty * beta[k];
      hess[k * p + k] += kPenalty;
    }
    hess[0] += 1e-9;
    // Solve hess · step = grad by Gaussian elimination with partial pivoting.
    std::vector<double> step = grad;
    for (std::size_t c = 0; c < p; ++c) {
      std::size_t pivot = c;
      for (std::size_t r = c + 1; r < p; ++r) {
        if (std::abs(hess[r * p + c]) > std::abs(hess[pivot * p + c])) pivot = r;
      }
      for (std::size_t k = 0; k < p; ++k) std::swap(hess[c * p + k], hess[pivot * p + k]);
      std::swap(step[c], step[pivot]);
      for (std::size_t r = c + 1; r < p; ++r) {
        double factor = hess[r * p + c] / hess[c * p + c];
        for (std::size_t k = c; k < p; ++k) hess[r * p + k] -= factor * hess[c * p + k];
        step[r] -= factor * step[c];
      }
    }
    for (std::size_t c = p; c-- > 0;) {
      for (std::size_t k = c + 1; k < p; ++k) step[c] -= hess[c * p + k] * step[k];
      step[c] /= hess[c * p + c];
    }
    for (std::size_t k = 0; k < p; ++k) beta[k] -= step[k];
    for (std::size_t k = 1; k < p; ++k) {
      beta[k] = std::clamp(beta[k], -kMaxBits * std::log(2.0), kMaxBits * std::log(2.0));
    }
  }
  const double bias = beta[0];
  std::vector<double> w(beta.begin() + 1, beta.end());
  double positives = 0;
  for (double v : y) positives += v;
  // The bias is moved so that a score of 0.75 (the default threshold, also the CLI's) falls
  // where the fitted probability is kOperatingPoint: the point of the tuning seed's
  // precision-recall curve where precision and recall are both highest (docs/linkage.md).
  constexpr double kOperatingPoint = 0.25;
  const double shift = std::log2(0.75 / 0.25) - std::log2(kOperatingPoint / (1 - kOperatingPoint));
  std::fprintf(out,
               "  fitted on %zu candidate pairs (%.0f true): prior_log2_odds = %.2f "
               "(fitted %.2f, shifted %.2f)\n",
               x.size(), positives, bias / std::log(2.0) + shift, bias / std::log(2.0), shift);
  for (std::size_t f = 0; f < fields; ++f) {
    std::fprintf(out, "  {");
    for (int l = 0; l < kSimilarityLevels; ++l) {
      std::fprintf(out, "%s%.2f", l ? ", " : "", w[feature(f, l)] / std::log(2.0));
    }
    std::fprintf(out, "},  // %s\n", schema.fields[f].name.c_str());
  }
}

}  // namespace schakel::linkage::testing
