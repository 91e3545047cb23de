// Clustering must group true duplicates but never chain different people through a record
// that is compatible with both (typically one with missing fields).
#include "linkage/clustering.h"

#include <gtest/gtest.h>

#include <map>

#include "linkage/matching.h"
#include "linkage/record_encoder.h"

namespace schakel::linkage {
namespace {

// A similarity table for records 0..n-1; absent pairs score 0.
struct Table {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> s;
  void Set(std::uint32_t a, std::uint32_t b, double v) { s[{a, b}] = s[{b, a}] = v; }
  double operator()(std::uint32_t a, std::uint32_t b) const {
    auto it = s.find({a, b});
    return it == s.end() ? 0.0 : it->second;
  }
  std::vector<ScoredPair> Edges(double threshold) const {
    std::vector<ScoredPair> e;
    for (const auto& [k, v] : s) {
      if (k.first < k.second && v >= threshold)
        e.push_back({k.first, k.second, static_cast<float>(v)});
    }
    return e;
  }
};

TEST(ClusterRecords, DoesNotChainTwoPeopleThroughARecordWithMissingFields) {
  Table t;  // 0 = Jan Jansen, 1 = Jan (no family name), 2 = Jan de Vries
  t.Set(0, 1, 0.84);
  t.Set(1, 2, 0.83);
  t.Set(0, 2, 0.55);
  Clustering c = ClusterRecords(3, t.Edges(0.8), std::ref(t), {0.8, 0.65, 64});
  EXPECT_NE(c.cluster[0], c.cluster[2]);
  EXPECT_EQ(c.cluster[0], c.cluster[1]);  // the bridge joins its best match only
  EXPECT_EQ(c.num_clusters, 2u);
}

TEST(ClusterRecords, DoesNotChainAlongALongPathOfNearMatches) {
  Table t;  // 0-1-2-3-4-5, each neighbour 0.82, everything further apart weak
  for (std::uint32_t i = 0; i + 1 < 6; ++i) t.Set(i, i + 1, 0.82);
  for (std::uint32_t i = 0; i + 2 < 6; ++i) t.Set(i, i + 2, 0.7);
  Clustering c = ClusterRecords(6, t.Edges(0.8), std::ref(t), {0.8, 0.65, 64});
  EXPECT_NE(c.cluster[0], c.cluster[5]);
  EXPECT_GE(c.num_clusters, 3u);
}

TEST(ClusterRecords, GroupsAllRecordsThatAgreeWithEachOther) {
  Table t;
  t.Set(0, 1, 0.95);
  t.Set(1, 2, 0.9);
  t.Set(0, 2, 0.88);
  t.Set(3, 4, 0.97);
  Clustering c = ClusterRecords(6, t.Edges(0.8), std::ref(t), {0.8, 0.65, 64});
  EXPECT_EQ(c.cluster[0], c.cluster[1]);
  EXPECT_EQ(c.cluster[0], c.cluster[2]);
  EXPECT_EQ(c.cluster[3], c.cluster[4]);
  EXPECT_NE(c.cluster[0], c.cluster[3]);
  EXPECT_EQ(c.num_clusters, 3u);
  EXPECT_FLOAT_EQ(c.cohesion[0], static_cast<float>((0.95 + 0.88) / 2));
  EXPECT_FLOAT_EQ(c.cohesion[5], -1.0f);
  EXPECT_EQ(c.cluster[0], 0u);  // numbered in order of first record
}

TEST(Deduplicate, EncodedRecordsWithAMissingFamilyNameDoNotMergeTwoPeople) {
  LinkageKey key = *LinkageKey::FromBytes(std::string(32, 'z'));
  std::vector<PersonRecord> people = {
      {"a", {"Jan", "Jansen", "1990-01-01", "M", "NLD", "Utrecht"}},
      {"b", {"Jan", "", "1990-01-01", "M", "NLD", "Utrecht"}},
      {"c", {"Jan", "de Vries", "1990-01-01", "M", "NLD", "Utrecht"}},
  };
  std::vector<EncodedRecord> enc = *EncodeRecords(key, PersonSchema(), people, 1);
  MatchOptions options;
  options.scorer = PairScorer();  // Dice, the score this test reasons with
  // Precondition: a single-link clustering at this threshold would chain a-b-c.
  double ab = Dice(DiceKernel::kScalar, enc[0].clk, enc[1].clk);
  double bc = Dice(DiceKernel::kScalar, enc[1].clk, enc[2].clk);
  double ac = Dice(DiceKernel::kScalar, enc[0].clk, enc[2].clk);
  options.threshold = std::min(ab, bc) - 0.01;
  ASSERT_LT(ac, options.threshold);
  DedupResult r = Deduplicate(enc, options);
  EXPECT_NE(r.clustering.cluster[0], r.clustering.cluster[2]);
}

// People's decisions on suggested pairs override the computed clusters: a confirmed pair is one
// person, a rejected pair never is, and without decisions nothing changes.
TEST(ApplyDecisions, ConfirmedPairsJoinRejectedPairsSplitNothingElseMoves) {
  Table t;  // 0, 1, 2: one cluster; 3 alone (a spelling too far off); 4 alone
  t.Set(0, 1, 0.92);
  t.Set(1, 2, 0.9);
  t.Set(0, 2, 0.86);
  t.Set(0, 3, 0.5);
  const Clustering c = ClusterRecords(5, t.Edges(0.8), std::ref(t), {0.8, 0.65, 64});
  ASSERT_EQ(c.cluster[0], c.cluster[2]);
  ASSERT_NE(c.cluster[0], c.cluster[3]);
  ASSERT_EQ(c.num_clusters, 3u);

  const Clustering unchanged = ApplyDecisions(c, {}, {}, std::ref(t), 0.8);
  EXPECT_EQ(unchanged.cluster, c.cluster);
  EXPECT_EQ(unchanged.num_clusters, c.num_clusters);

  const Clustering joined = ApplyDecisions(c, {{3, 0}}, {}, std::ref(t), 0.8);
  EXPECT_EQ(joined.cluster[3], joined.cluster[0]);
  EXPECT_EQ(joined.cluster[3], joined.cluster[2]) << "with everything clustered with 0";
  EXPECT_NE(joined.cluster[4], joined.cluster[0]);
  EXPECT_EQ(joined.num_clusters, 2u);

  const Clustering split = ApplyDecisions(c, {}, {{2, 0}}, std::ref(t), 0.8);
  EXPECT_NE(split.cluster[0], split.cluster[2]) << "a rejected pair is never one person";
  EXPECT_EQ(split.cluster[0], split.cluster[1]) << "1 stays with the first record it matches";
  EXPECT_EQ(split.num_clusters, 4u);
  EXPECT_EQ(split.cohesion[2], -1.0f);

  // Both: 3 confirmed with 2, 2 rejected with 0.
  const Clustering both = ApplyDecisions(c, {{2, 3}}, {{0, 2}}, std::ref(t), 0.8);
  EXPECT_NE(both.cluster[0], both.cluster[2]);
  EXPECT_EQ(both.cluster[2], both.cluster[3]);
  EXPECT_EQ(both.cluster[0], both.cluster[1]);
}

}  // namespace
}  // namespace schakel::linkage
