#include "linkage/matching.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <thread>

#include "linkage/blocking.h"

namespace schakel::linkage {

std::vector<float> ScorePairs(const std::vector<EncodedRecord>& first,
                              const std::vector<EncodedRecord>& second,
                              const std::vector<std::uint64_t>& pairs,
                              const MatchOptions& options) {
  std::vector<float> scores(pairs.size());
  std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(options.threads), 1,
                                                std::max<std::size_t>(pairs.size() / 65536, 1));
  auto work = [&](std::size_t w) {
    for (std::size_t p = w * pairs.size() / workers; p < (w + 1) * pairs.size() / workers; ++p) {
      const EncodedRecord& x = first[PairFirst(pairs[p])];
      const EncodedRecord& y = second[PairSecond(pairs[p])];
      scores[p] = static_cast<float>(options.scorer.Score(x, y, options.kernel));
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  return scores;
}

DedupResult Deduplicate(const std::vector<EncodedRecord>& records, const MatchOptions& options) {
  std::size_t compared = 0;
  // The CLK Dice finds the candidates; the scorer decides (field evidence, when the schema has
  // it), inside the blocking threads so that only matches are kept.
  std::vector<ScoredPair> edges =
      BlockedPairsAbove(records, options.max_block_size, options.threshold, options.kernel,
                        options.threads, &compared, &options.scorer);
  DedupResult out;
  out.candidate_pairs = compared;
  out.matched_pairs = edges.size();
  auto similarity = [&](std::uint32_t i, std::uint32_t j) {
    return options.scorer.Score(records[i], records[j], options.kernel);
  };
  out.clustering =
      ClusterRecords(records.size(), std::move(edges), similarity,
                     // min_link above the threshold would raise the threshold.
                     {options.threshold, std::min(options.min_link, options.threshold), 64});
  return out;
}

LinkResult Link(const std::vector<EncodedRecord>& a, const std::vector<EncodedRecord>& b,
                const MatchOptions& options) {
  CandidatePairs candidates = LinkCandidates(a, b, options.max_block_size);
  std::vector<float> scores = ScorePairs(a, b, candidates.pairs, options);
  std::vector<ScoredPair> above;
  for (std::size_t p = 0; p < scores.size(); ++p) {
    if (static_cast<double>(scores[p]) >= options.threshold) {
      above.push_back({PairFirst(candidates.pairs[p]), PairSecond(candidates.pairs[p]), scores[p]});
    }
  }
  std::sort(above.begin(), above.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<bool> used_a(a.size()), used_b(b.size());
  LinkResult out;
  out.candidate_pairs = candidates.pairs.size();
  for (const ScoredPair& p : above) {
    if (used_a[p.a] || used_b[p.b]) continue;
    used_a[p.a] = used_b[p.b] = true;
    out.matches.push_back(p);
  }
  std::sort(out.matches.begin(), out.matches.end(),
            [](const ScoredPair& x, const ScoredPair& y) { return x.a < y.a; });
  return out;
}

const char* FieldAgreementName(FieldAgreement agreement) {
  switch (agreement) {
    case FieldAgreement::kAgree:
      return "agree";
    case FieldAgreement::kPartial:
      return "partial";
    case FieldAgreement::kDisagree:
      return "disagree";
    case FieldAgreement::kMissing:
      return "missing";
  }
  return "missing";
}

MatchExplanation Explain(const Schema& schema, const EncodedRecord& a, const EncodedRecord& b,
                         DiceKernel kernel) {
  MatchExplanation out;
  out.score = DiceFromCounts(IntersectionCount(kernel, a.clk, b.clk), a.popcount, b.popcount);
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    FieldComparison c;
    c.field = schema.fields[f].name;
    bool both = (a.present >> f & 1u) && (b.present >> f & 1u);
    if (both && f < a.sketches.size() && f < b.sketches.size()) {
      std::uint32_t inter = 0, pa = 0, pb = 0;
      for (std::size_t w = 0; w < 2; ++w) {
        inter += static_cast<std::uint32_t>(
            std::popcount(a.sketches[f].words[w] & b.sketches[f].words[w]));
        pa += static_cast<std::uint32_t>(std::popcount(a.sketches[f].words[w]));
        pb += static_cast<std::uint32_t>(std::popcount(b.sketches[f].words[w]));
      }
      c.similarity = DiceFromCounts(inter, pa, pb);
      c.agreement = c.similarity >= 0.8   ? FieldAgreement::kAgree
                    : c.similarity >= 0.4 ? FieldAgreement::kPartial
                                          : FieldAgreement::kDisagree;
    }
    out.fields.push_back(c);
  }
  return out;
}

std::string FormatExplanation(const MatchExplanation& explanation) {
  std::string s;
  for (const FieldComparison& c : explanation.fields) {
    if (!s.empty()) s += ';';
    s += c.field + "=" + FieldAgreementName(c.agreement);
    if (c.agreement != FieldAgreement::kMissing) s += fmt::format("({:.2f})", c.similarity);
  }
  return s;
}

}  // namespace schakel::linkage
