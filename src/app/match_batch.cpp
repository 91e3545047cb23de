// The operator's side of MatchService: re-encoding every record (`schakel link reindex`) and the
// capture histories for estimation (`schakel link capture-histories`).
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/access.h"
#include "app/linkage_encoding.h"
#include "app/match_service.h"
#include "app/organisation_service.h"
#include "app/person_input.h"
#include "linkage/clustering.h"
#include "linkage/matching.h"
#include "linkage/pair_score.h"
#include "linkage/schema.h"
#include "security/field_cipher.h"
#include "store/organisation_repository.h"
#include "store/person_repository.h"
#include "store/signal_repository.h"

namespace schakel::app {

namespace {

// The pairs of `signals` (indices into it) that the care coordinators' last decisions make the
// same person or different people. Decisions about other records count as bridges: a signal and
// a case's person confirmed as one, and that person confirmed with another signal, make the two
// signals one person; a rejection between two such groups keeps every pair across them apart.
std::pair<std::vector<linkage::RecordPair>, std::vector<linkage::RecordPair>> DecidedPairs(
    const std::vector<std::string>& signals,
    const std::vector<store::MatchDecisionRow>& decisions) {
  auto key = [](const store::LinkedRecordRef& r) { return r.kind + ":" + r.id; };
  // The last decision on each pair counts (decisions come oldest first).
  std::map<std::pair<std::string, std::string>, bool> last;
  for (const auto& d : decisions) last[std::minmax(key(d.a), key(d.b))] = d.decision == "confirmed";
  std::map<std::string, std::string> parent;
  std::function<std::string(const std::string&)> root = [&](const std::string& k) {
    auto it = parent.find(k);
    if (it == parent.end() || it->second == k) return k;
    return it->second = root(it->second);
  };
  for (const auto& [pair, confirmed] : last) {
    if (!confirmed) continue;
    const std::string a = root(pair.first), b = root(pair.second);
    if (a != b) parent[b] = a;
  }
  std::map<std::string, std::vector<std::uint32_t>> members;  // group root → signal indices
  for (std::uint32_t i = 0; i < signals.size(); ++i) {
    members[root("signal:" + signals[i])].push_back(i);
  }
  std::vector<linkage::RecordPair> same, different;
  for (const auto& [group, indices] : members) {
    for (std::size_t k = 1; k < indices.size(); ++k) same.push_back({indices[0], indices[k]});
  }
  for (const auto& [pair, confirmed] : last) {
    if (confirmed) continue;
    auto x = members.find(root(pair.first));
    auto y = members.find(root(pair.second));
    if (x == members.end() || y == members.end() || x == y) continue;
    for (std::uint32_t i : x->second) {
      for (std::uint32_t j : y->second) different.push_back({i, j});
    }
  }
  return {std::move(same), std::move(different)};
}

struct Linkable {
  store::LinkedRecordRef ref;
  std::string organisation;
  LinkageIdentity identity;
};

Result<std::string> Open(const security::KeyRing& keys, const char* table, const char* column,
                         const std::string& id, const std::optional<std::string>& sealed) {
  if (!sealed) return std::string();
  return security::DecryptField(keys, {table, column, id}, *sealed);
}

Result<Linkable> SignalLinkable(store::Db& db, const security::KeyRing& keys,
                                const std::string& id) {
  auto found = store::SignalRepository(db).Find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound("signal " + id + " disappeared");
  const store::SignalRecord& row = **found;
  auto plain = Open(keys, "signals", "victim_identity", id, row.sealed.victim_identity);
  if (!plain) return plain.error();
  Linkable out{{kSignalRecord, id}, row.facts.organisation, {}};
  const auto doc = nlohmann::json::parse(*plain, nullptr, false);
  auto text = [&](const char* name) {
    return doc.is_object() && doc.contains(name) && doc[name].is_string()
               ? doc[name].get<std::string>()
               : std::string();
  };
  out.identity.given_names = text("given_names");
  out.identity.family_name = text("family_name");
  out.identity.date_of_birth = text("date_of_birth");
  out.identity.gender = row.facts.victim_gender.value_or("");
  out.identity.nationality = row.facts.victim_nationality.value_or("");
  return out;
}

Result<Linkable> PersonLinkable(store::Db& db, const security::KeyRing& keys,
                                const std::string& id) {
  auto found = store::PersonRepository(db).Find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound("person " + id + " disappeared");
  const store::PersonRecord& row = **found;
  Linkable out{{kPersonRecord, id}, row.facts.organisation, {}};
  for (auto [column, slot] : {std::pair{"given_names", &out.identity.given_names},
                              std::pair{"family_name", &out.identity.family_name},
                              std::pair{"date_of_birth", &out.identity.date_of_birth}}) {
    const std::optional<std::string>& sealed =
        std::string_view(column) == "given_names"   ? row.sealed.given_names
        : std::string_view(column) == "family_name" ? row.sealed.family_name
                                                    : row.sealed.date_of_birth;
    auto plain = Open(keys, "persons", column, id, sealed);
    if (!plain) return plain.error();
    *slot = std::move(plain).value();
  }
  out.identity.gender = row.facts.gender.value_or("");
  out.identity.nationality = row.facts.nationality.value_or("");
  return out;
}

}  // namespace

Result<ReindexReport> MatchService::Reindex(const Actor& actor) {
  if (!actor.principal.system) {
    if (Status st = audit_.Record(database_, actor.Event("linkage.reindex", "linkage", "all",
                                                         security::AuditResult::kDeny));
        !st.ok()) {
      return st.error();
    }
    return Error::Forbidden("only the operator on the server re-encodes records");
  }
  std::vector<Linkable> records;
  {
    auto db = database_.Acquire();
    store::LinkageRepository repo(*db);
    for (const char* kind : {kSignalRecord, kPersonRecord}) {
      auto ids = repo.LinkableIds(kind);
      if (!ids) return ids.error();
      for (const std::string& id : *ids) {
        auto one = std::string_view(kind) == kSignalRecord ? SignalLinkable(*db, keys_, id)
                                                           : PersonLinkable(*db, keys_, id);
        if (!one) return one.error();
        records.push_back(std::move(one).value());
      }
    }
  }
  ReindexReport report;
  const linkage::LinkageKey key = LinkageKeyOf(keys_);
  const std::string now = FormatUtc(clock_.Now());
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    store::LinkageRepository repo(tx);
    for (const Linkable& r : records) {
      if (Status st = StoreEncoding(tx, key, r.ref, r.organisation, r.identity, now); !st.ok()) {
        return st.error();
      }
    }
    auto signals = repo.Count(kSignalRecord);
    if (!signals) return signals.error();
    auto persons = repo.Count(kPersonRecord);
    if (!persons) return persons.error();
    report.signals = *signals;
    report.persons = *persons;
    report.without_name = static_cast<int64_t>(records.size()) - *signals - *persons;
    if (Status st = audit_.Record(tx, actor.Event("linkage.reindex", "linkage", "all")); !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return report;
}

Result<CaptureHistories> MatchService::CaptureHistoriesOf(const Actor& actor,
                                                          std::string_view region,
                                                          std::string_view from,
                                                          std::string_view to) {
  if (!IsIsoDate(from)) return Error::Invalid("from", "use a date like 2026-01-01");
  if (!IsIsoDate(to)) return Error::Invalid("to", "use a date like 2026-12-31");
  if (to < from) return Error::Invalid("to", "the period ends before it begins");
  const std::string today = FormatUtc(clock_.Now()).substr(0, 10);
  std::vector<store::SignalEncodingRow> rows;
  std::vector<store::MatchDecisionRow> decisions;
  {
    auto db = database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(region);
    if (!org) return org.error();
    if (!org->has_value() || (*org)->kind != "region") {
      return Error::Invalid("region", fmt::format("'{}' is not a region", region));
    }
  }
  if (Status st = AuthorizeOnOrganisation(database_, audit_, actor, Action::kViewRegionRollup,
                                          region, today, "region", region);
      !st.ok()) {
    return st.error();
  }
  {
    auto db = database_.Acquire();
    store::OrganisationFilter members;
    members.kind = "municipality";
    members.region = std::string(region);
    auto listed = store::OrganisationRepository(*db).List(members);
    if (!listed) return listed.error();
    std::vector<std::string> codes;
    for (const auto& m : *listed) codes.push_back(m.code);
    auto found = store::LinkageRepository(*db).SignalEncodings(codes, from, to);
    if (!found) return found.error();
    rows = std::move(found).value();
    auto decided = store::LinkageRepository(*db).Decisions();
    if (!decided) return decided.error();
    decisions = std::move(decided).value();
  }
  std::vector<linkage::EncodedRecord> records;
  std::vector<std::string> channels;
  std::set<std::string> lists;
  for (const auto& r : rows) {
    auto e = EncodedRecordOf(r.encoding);
    if (!e) return e.error();
    records.push_back(std::move(e).value());
    channels.push_back(r.channel.value_or("unknown"));
    lists.insert(channels.back());
  }
  CaptureHistories out;
  out.lists.assign(lists.begin(), lists.end());
  out.records = static_cast<int64_t>(records.size());
  if (out.lists.size() < 2) {
    return Error::Invalid("region",
                          fmt::format("signals of {} in this period came through {} channel(s); "
                                      "estimation needs at least two lists",
                                      region, out.lists.size()));
  }
  if (out.lists.size() > 8) return Error::Invalid("region", "more than eight source lists");
  linkage::MatchOptions options;
  options.threads = 1;
  const linkage::DedupResult dedup = linkage::Deduplicate(records, options);
  // The care coordinators' decisions count over the computed clusters.
  std::vector<std::string> ids;
  for (const auto& r : rows) ids.push_back(r.encoding.record.id);
  const auto [same, different] = DecidedPairs(ids, decisions);
  const linkage::PairScorer scorer(linkage::PersonSchema());
  const linkage::Clustering persons = linkage::ApplyDecisions(
      dedup.clustering, same, different,
      [&](std::uint32_t i, std::uint32_t j) {
        return scorer.Score(records[i], records[j], options.kernel);
      },
      options.threshold);
  std::vector<std::uint32_t> history(persons.num_clusters, 0);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto list = static_cast<std::size_t>(
        std::find(out.lists.begin(), out.lists.end(), channels[i]) - out.lists.begin());
    history[persons.cluster[i]] |= 1u << list;
  }
  for (std::uint32_t h : history) ++out.counts[h];
  out.persons = static_cast<int64_t>(history.size());
  if (Status st = audit_.Record(
          database_, actor.Event("linkage.capture_histories", "region", std::string(region)));
      !st.ok()) {
    return st.error();
  }
  return out;
}

}  // namespace schakel::app
