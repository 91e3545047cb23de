// Grouping matched record pairs into persons. Plain single-link clustering (connected components
// of the match graph) chains different people together: "Jan Jansen 1990" matches "Jan ? 1990"
// (family name missing), which matches "Jan de Vries 1990". Here two groups are merged only when
// the records agree on average across the groups (average linkage) and no cross pair falls far
// below the threshold, so a record with missing fields cannot act as a bridge.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "linkage/dice.h"

namespace schakel::linkage {

struct ClusterOptions {
  double threshold = 0.8;             // average cross-group similarity needed to merge
  double min_link = 0.65;             // every cross pair must reach at least this
  std::size_t max_cluster_size = 64;  // larger groups are not grown further
};

struct Clustering {
  std::vector<std::uint32_t> cluster;  // per record: cluster number, 0.. in order of first record
  std::vector<float> cohesion;         // per record: mean similarity to the rest of its cluster,
                                       // or -1 for a record alone in its cluster
  std::size_t num_clusters = 0;
};

// edges: candidate pairs with their similarity (any order; a < b not required).
// similarity(i, j): the similarity of any two records (used for cross-group checks).
Clustering ClusterRecords(std::size_t num_records, std::vector<ScoredPair> edges,
                          const std::function<double(std::uint32_t, std::uint32_t)>& similarity,
                          const ClusterOptions& options);

// A pair of records (indices) a person decided on.
struct RecordPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

// The clustering after people's decisions: records of a confirmed pair (`same`) are in one
// cluster (with everything clustered with either), records of a rejected pair (`different`) never
// are. A cluster that holds a rejected pair is split: each of its records, in index order, joins
// the first part it is confirmed with or scores at least `threshold` with and has no rejected
// pair with, else starts a new part. Indices out of range are ignored.
Clustering ApplyDecisions(const Clustering& clustering, const std::vector<RecordPair>& same,
                          const std::vector<RecordPair>& different,
                          const std::function<double(std::uint32_t, std::uint32_t)>& similarity,
                          double threshold);

}  // namespace schakel::linkage
