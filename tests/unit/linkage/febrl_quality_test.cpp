// Linkage quality on the public FEBRL benchmarks, so that Schakel's figures can be compared with
// the literature. The asserted floors sit just under the figures measured (docs/linkage.md); the
// precision-recall curve is printed for the record.
#include <gtest/gtest.h>

#include <cstdio>

#include "febrl.h"
#include "linkage/matching.h"

namespace schakel::linkage {
namespace {

using testing::FebrlPerson;
using testing::FebrlSchema;
using testing::LoadFebrl;
using testing::PairQuality;

LinkageKey TestKey() {
  return *LinkageKey::FromBytes("febrl-benchmark-key-0123456789abcdef");
}

std::vector<EncodedRecord> Encode(const std::vector<PersonRecord>& records) {
  Result<std::vector<EncodedRecord>> r = EncodeRecords(TestKey(), FebrlSchema(), records, 2);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return *r;
}

TEST(FebrlQuality, Dataset3DeduplicationHasPairwiseF1Above0993) {
  std::vector<PersonRecord> records = LoadFebrl("febrl_dataset3.csv");
  ASSERT_EQ(records.size(), 5000u);
  std::vector<EncodedRecord> encoded = Encode(records);
  PairQuality at_default;
  for (double t : {0.55, 0.6, 0.65, 0.7, 0.75}) {
    MatchOptions options;
    options.scorer = PairScorer(FebrlSchema());  // no field weights: Dice on the CLK
    options.threshold = t;
    options.min_link = 0.5;
    DedupResult result = Deduplicate(encoded, options);
    PairQuality q = testing::DedupQuality(records, result.clustering.cluster);
    ASSERT_EQ(q.true_positives + q.false_negatives, 6538u);
    std::printf(
        "FEBRL dataset3 dedup t=%.2f: %zu candidate pairs, precision %.4f recall %.4f "
        "F1 %.4f\n",
        t, result.candidate_pairs, q.precision(), q.recall(), q.f1());
    if (t == 0.6) at_default = q;
  }
  // Measured at t=0.60: precision 0.9985, recall 0.9943, F1 0.9964.
  EXPECT_GE(at_default.precision(), 0.995);
  EXPECT_GE(at_default.recall(), 0.99);
  EXPECT_GE(at_default.f1(), 0.993);
}

TEST(FebrlQuality, Dataset4aAgainst4bLinkageHasPairwiseF1Above0996) {
  std::vector<PersonRecord> a = LoadFebrl("febrl_dataset4a.csv");
  std::vector<PersonRecord> b = LoadFebrl("febrl_dataset4b.csv");
  std::vector<EncodedRecord> ea = Encode(a), eb = Encode(b);
  PairQuality at_default;
  for (double t : {0.5, 0.55, 0.6, 0.65, 0.7, 0.75}) {
    MatchOptions options;
    options.scorer = PairScorer(FebrlSchema());  // no field weights: Dice on the CLK
    options.threshold = t;
    LinkResult result = Link(ea, eb, options);
    PairQuality q;
    for (const ScoredPair& m : result.matches) {
      if (FebrlPerson(a[m.a].id) == FebrlPerson(b[m.b].id)) {
        ++q.true_positives;
      } else {
        ++q.false_positives;
      }
    }
    q.false_negatives = 5000 - q.true_positives;
    std::printf(
        "FEBRL 4a+4b linkage t=%.2f: %zu candidate pairs, precision %.4f recall %.4f "
        "F1 %.4f\n",
        t, result.candidate_pairs, q.precision(), q.recall(), q.f1());
    if (t == 0.55) at_default = q;
  }
  // Measured at t=0.55: precision 1.0000, recall 0.9976, F1 0.9988.
  EXPECT_GE(at_default.precision(), 0.998);
  EXPECT_GE(at_default.recall(), 0.995);
  EXPECT_GE(at_default.f1(), 0.996);
}

}  // namespace
}  // namespace schakel::linkage
