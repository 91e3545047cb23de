#include "linkage/clustering.h"

#include <algorithm>
#include <numeric>

namespace schakel::linkage {
namespace {

struct Groups {
  std::vector<std::uint32_t> parent;
  std::vector<std::vector<std::uint32_t>> members;  // valid at roots only

  explicit Groups(std::size_t n) : parent(n), members(n) {
    std::iota(parent.begin(), parent.end(), 0u);
    for (std::uint32_t i = 0; i < n; ++i) members[i] = {i};
  }
  std::uint32_t Root(std::uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void Merge(std::uint32_t a, std::uint32_t b) {  // a, b roots
    if (members[a].size() < members[b].size()) std::swap(a, b);
    parent[b] = a;
    members[a].insert(members[a].end(), members[b].begin(), members[b].end());
    members[b].clear();
    members[b].shrink_to_fit();
  }
};

}  // namespace

Clustering ClusterRecords(std::size_t num_records, std::vector<ScoredPair> edges,
                          const std::function<double(std::uint32_t, std::uint32_t)>& similarity,
                          const ClusterOptions& options) {
  // Strongest evidence first; ties broken by index so the result does not depend on input order.
  std::sort(edges.begin(), edges.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  Groups groups(num_records);
  for (const ScoredPair& e : edges) {
    if (static_cast<double>(e.score) < options.threshold) break;
    std::uint32_t ra = groups.Root(e.a), rb = groups.Root(e.b);
    if (ra == rb) continue;
    const auto& ma = groups.members[ra];
    const auto& mb = groups.members[rb];
    if (ma.size() + mb.size() > options.max_cluster_size) continue;
    double sum = 0;
    bool weak_link = false;
    for (std::uint32_t i : ma) {
      for (std::uint32_t j : mb) {
        double s = (i == e.a && j == e.b) || (i == e.b && j == e.a) ? static_cast<double>(e.score)
                                                                    : similarity(i, j);
        if (s < options.min_link) weak_link = true;
        sum += s;
      }
      if (weak_link) break;
    }
    if (weak_link) continue;
    if (sum / static_cast<double>(ma.size() * mb.size()) < options.threshold) continue;
    groups.Merge(ra, rb);
  }

  Clustering out;
  out.cluster.assign(num_records, 0);
  out.cohesion.assign(num_records, -1.0f);
  std::vector<std::uint32_t> number(num_records, UINT32_MAX);
  for (std::uint32_t i = 0; i < num_records; ++i) {
    std::uint32_t r = groups.Root(i);
    if (number[r] == UINT32_MAX) number[r] = static_cast<std::uint32_t>(out.num_clusters++);
    out.cluster[i] = number[r];
    const auto& m = groups.members[r];
    if (m.size() < 2) continue;
    double sum = 0;
    for (std::uint32_t j : m) {
      if (j != i) sum += similarity(i, j);
    }
    out.cohesion[i] = static_cast<float>(sum / static_cast<double>(m.size() - 1));
  }
  return out;
}

}  // namespace schakel::linkage
