#include "linkage/clustering.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

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

// Clusters numbered 0.. in order of their first record, with each record's cohesion.
Clustering Numbered(const std::vector<std::uint32_t>& group,
                    const std::function<double(std::uint32_t, std::uint32_t)>& similarity) {
  const std::size_t n = group.size();
  std::map<std::uint32_t, std::vector<std::uint32_t>> members;
  for (std::uint32_t i = 0; i < n; ++i) members[group[i]].push_back(i);
  Clustering out;
  out.cluster.assign(n, 0);
  out.cohesion.assign(n, -1.0f);
  std::map<std::uint32_t, std::uint32_t> number;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto [it, fresh] = number.try_emplace(group[i], static_cast<std::uint32_t>(out.num_clusters));
    if (fresh) ++out.num_clusters;
    out.cluster[i] = it->second;
    const auto& m = members[group[i]];
    if (m.size() < 2) continue;
    double sum = 0;
    for (std::uint32_t j : m) {
      if (j != i) sum += similarity(i, j);
    }
    out.cohesion[i] = static_cast<float>(sum / static_cast<double>(m.size() - 1));
  }
  return out;
}

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

  std::vector<std::uint32_t> group(num_records);
  for (std::uint32_t i = 0; i < num_records; ++i) group[i] = groups.Root(i);
  return Numbered(group, similarity);
}

Clustering ApplyDecisions(const Clustering& clustering, const std::vector<RecordPair>& same,
                          const std::vector<RecordPair>& different,
                          const std::function<double(std::uint32_t, std::uint32_t)>& similarity,
                          double threshold) {
  const std::size_t n = clustering.cluster.size();
  Groups groups(n);
  // The computed clusters, then every confirmed pair on top.
  std::vector<std::uint32_t> first(clustering.num_clusters, UINT32_MAX);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t& f = first[clustering.cluster[i]];
    if (f == UINT32_MAX) {
      f = i;
    } else if (groups.Root(f) != groups.Root(i)) {
      groups.Merge(groups.Root(f), groups.Root(i));
    }
  }
  for (const RecordPair& p : same) {
    if (p.a >= n || p.b >= n) continue;
    std::uint32_t ra = groups.Root(p.a), rb = groups.Root(p.b);
    if (ra != rb) groups.Merge(ra, rb);
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> apart, together;
  for (const RecordPair& p : different) apart.insert(std::minmax(p.a, p.b));
  for (const RecordPair& p : same) together.insert(std::minmax(p.a, p.b));
  std::vector<std::uint32_t> group(n);
  for (std::uint32_t i = 0; i < n; ++i) group[i] = groups.Root(i);
  // A group holding a rejected pair is split again: each record, in order, joins the first
  // part it is confirmed with or matches (at the threshold) and holds no rejected pair with;
  // otherwise it starts a part of its own.
  // The groups holding a rejected pair, found in one pass over the rejected pairs.
  std::set<std::uint32_t> conflicted;
  for (const auto& [a, b] : apart) {
    if (a < n && b < n && groups.Root(a) == groups.Root(b)) conflicted.insert(groups.Root(a));
  }
  std::uint32_t next = static_cast<std::uint32_t>(n);
  for (std::uint32_t root : conflicted) {
    std::vector<std::uint32_t> sorted = groups.members[root];
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::vector<std::uint32_t>> parts;
    for (std::uint32_t i : sorted) {
      std::vector<std::uint32_t>* home = nullptr;
      for (auto& part : parts) {
        bool joins = false, refused = false;
        for (std::uint32_t j : part) {
          const auto key = std::minmax(i, j);
          if (apart.count(key) != 0) refused = true;
          if (together.count(key) != 0 || similarity(i, j) >= threshold) joins = true;
        }
        if (joins && !refused) {
          home = &part;
          break;
        }
      }
      if (home == nullptr) home = &parts.emplace_back();
      home->push_back(i);
    }
    for (const auto& part : parts) {
      for (std::uint32_t i : part) group[i] = next;
      ++next;
    }
  }
  return Numbered(group, similarity);
}

}  // namespace schakel::linkage
