#include "app/match_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "app/access.h"
#include "app/case_service.h"
#include "app/linkage_encoding.h"
#include "app/organisation_service.h"
#include "app/person_input.h"
#include "app/signal_service.h"
#include "linkage/matching.h"
#include "linkage/pair_score.h"
#include "linkage/schema.h"
#include "security/field_cipher.h"
#include "store/case_repository.h"
#include "store/identity_repository.h"
#include "store/organisation_repository.h"
#include "store/person_repository.h"
#include "store/signal_repository.h"

namespace schakel::app {

namespace {

constexpr const char* kDecisions = "match_decisions";
constexpr std::size_t kReasonLimit = 1000;
// Candidates read per record: far more than any real block; a block this large separates
// nothing (the library skips blocks over 2000 too).
constexpr int64_t kCandidateLimit = 2000;

// What the policy and the page need of a record, without decrypting anything.
// A person who is the (possible) victim of a care case is that case to its readers: the policy
// resource, the reference and the right to open it are the case's.
struct RecordInfo {
  Resource on;
  std::string reference;
  Action view = Action::kViewSignal;  // what opening the record needs
  std::string case_id;                // the person's case, if any
};

Status CheckKind(const char* field, const std::string& kind) {
  if (kind == kSignalRecord || kind == kPersonRecord) return {};
  return Error::Invalid(field, "use signal or person");
}

std::pair<store::LinkedRecordRef, store::LinkedRecordRef> Ordered(store::LinkedRecordRef x,
                                                                  store::LinkedRecordRef y) {
  if (y < x) std::swap(x, y);
  return {std::move(x), std::move(y)};
}

}  // namespace

std::string CaptureHistoriesCsv(const CaptureHistories& histories) {
  std::string out;
  for (const std::string& list : histories.lists) out += list + ",";
  out += "count\n";
  for (const auto& [history, count] : histories.counts) {
    for (std::size_t i = 0; i < histories.lists.size(); ++i) {
      out += (history >> i & 1u) != 0 ? "1," : "0,";
    }
    out += fmt::format("{}\n", count);
  }
  return out;
}

struct MatchService::Impl {
  MatchService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const { return Now().substr(0, 10); }

  // kNotFound for an unknown record or a signal that is still a draft.
  Result<RecordInfo> InfoOf(store::Db& db, const store::LinkedRecordRef& ref) const {
    RecordInfo info;
    std::string organisation;
    if (ref.kind == kSignalRecord) {
      auto found = store::SignalRepository(db).Find(ref.id);
      if (!found) return found.error();
      if (!found->has_value() || (*found)->facts.status == "draft") {
        return Error::NotFound("no signal with this id");
      }
      organisation = (*found)->facts.organisation;
      info.on.owner = (*found)->facts.created_by;
      info.reference = SignalReference((*found)->facts.seq);
    } else if (ref.kind == kPersonRecord) {
      auto found = store::PersonRepository(db).Find(ref.id);
      if (!found) return found.error();
      if (!found->has_value()) return Error::NotFound("no person with this id");
      auto in_case = store::CaseRepository(db).CaseOfPerson(ref.id);
      if (!in_case) return in_case.error();
      if (*in_case) return CaseInfoOf(db, **in_case);
      organisation = (*found)->facts.organisation;
      info.on.owner = (*found)->facts.created_by;
      info.reference = "P-" + ref.id.substr(0, 8);
      info.view = Action::kViewPerson;
    } else {
      return Error::NotFound("no record of this kind");
    }
    auto on = OrganisationResource(db, organisation, Today());
    if (!on) return on.error();
    const std::string owner = info.on.owner;
    info.on = std::move(on).value();
    info.on.owner = owner;
    return info;
  }

  Result<RecordInfo> CaseInfoOf(store::Db& db, const std::string& case_id) const {
    store::CaseRepository cases(db);
    auto c = cases.Find(case_id);
    if (!c) return c.error();
    if (!c->has_value()) return Error::NotFound("no case with this id");
    RecordInfo info;
    info.on = CaseResource(**c);
    info.reference = CaseReference((*c)->seq);
    info.view = Action::kViewCase;
    info.case_id = case_id;
    return info;
  }

  // Records about the same person as `ref` by construction, never suggested to it: for a signal
  // the person of the case it was opened into, for a case's person the case's signals. Asked for
  // the record a user looks at only, not for every candidate.
  Result<std::set<store::LinkedRecordRef>> RelatedOf(store::Db& db,
                                                     const store::LinkedRecordRef& ref) const {
    store::CaseRepository cases(db);
    std::set<store::LinkedRecordRef> out;
    if (ref.kind == kSignalRecord) {
      auto in_case = cases.CaseOfSignal(ref.id);
      if (!in_case) return in_case.error();
      if (!*in_case) return out;
      auto c = cases.Find(**in_case);
      if (!c) return c.error();
      if (c->has_value() && (*c)->person) out.insert({kPersonRecord, *(*c)->person});
    } else if (ref.kind == kPersonRecord) {
      auto in_case = cases.CaseOfPerson(ref.id);
      if (!in_case) return in_case.error();
      if (!*in_case) return out;
      auto signals = cases.SignalsOf(**in_case);
      if (!signals) return signals.error();
      for (const std::string& signal : *signals) out.insert({kSignalRecord, signal});
    }
    return out;
  }

  // The record's info, after asking the policy for `action` (a refusal is audited).
  Result<RecordInfo> Allowed(const Actor& actor, Action action,
                             const store::LinkedRecordRef& ref) const {
    Result<RecordInfo> info = [&]() -> Result<RecordInfo> {
      auto db = s.database_.Acquire();
      return InfoOf(*db, ref);
    }();
    if (!info) return info.error();
    if (Status st = Authorize(s.database_, s.audit_, actor, action, info->on, ref.kind, ref.id);
        !st.ok()) {
      return st.error();
    }
    return info;
  }

  // The other record as the actor may see it: a reference only when they may read it.
  LinkedRecordView ViewOf(store::Db& db, const Actor& actor,
                          const store::LinkedRecordRef& ref) const {
    LinkedRecordView v;
    v.ref = ref;
    auto info = InfoOf(db, ref);
    if (info && app::Decide(actor.principal, info->view, info->on).allowed) {
      v.accessible = true;
      v.reference = info->reference;
      v.case_id = info->case_id;
    }
    return v;
  }

  struct Scored {
    store::LinkedRecordRef other;
    double score = 0;
    linkage::MatchExplanation explanation;
  };

  // Records sharing a blocking key with `self` that score at or above the default threshold.
  Result<std::vector<Scored>> Candidates(store::Db& db, const store::EncodingRow& self) const {
    auto me = EncodedRecordOf(self);
    if (!me) return me.error();
    auto rows = store::LinkageRepository(db).SharingBlockingKeys(self.blocking_keys, self.record,
                                                                 kCandidateLimit);
    if (!rows) return rows.error();
    const linkage::Schema schema = linkage::PersonSchema();
    const linkage::MatchOptions options;
    const linkage::PairScorer scorer(schema);
    std::vector<Scored> out;
    for (const store::EncodingRow& row : *rows) {
      auto other = EncodedRecordOf(row);
      if (!other) return other.error();
      const double score = scorer.Score(*me, *other, options.kernel);
      if (score < options.threshold) continue;
      Scored sc{row.record, score, linkage::Explain(schema, *me, *other, options.kernel)};
      sc.explanation.score = score;
      out.push_back(std::move(sc));
    }
    std::sort(out.begin(), out.end(),
              [](const Scored& a, const Scored& b) { return a.score > b.score; });
    return out;
  }

  std::string DisplayName(store::Db& db, const std::string& user) const {
    auto found = store::IdentityRepository(db).FindUser(user);
    if (found && found->has_value() && !(*found)->display_name.empty()) {
      return (*found)->display_name;
    }
    return user;
  }

  Result<MatchDecisionView> DecisionViewOf(store::Db& db, const Actor& actor,
                                           const store::LinkedRecordRef& record,
                                           const store::MatchDecisionRow& row) const {
    MatchDecisionView v;
    v.id = row.id;
    v.other = ViewOf(db, actor, row.a == record ? row.b : row.a);
    v.decision = row.decision;
    if (row.reason) {
      auto plain = security::DecryptField(s.keys_, {kDecisions, "reason", row.id}, *row.reason);
      if (!plain) return plain.error();
      v.reason = std::move(plain).value();
    }
    v.score = row.score;
    v.decided_by = DisplayName(db, row.decided_by);
    v.decided_at = row.decided_at;
    return v;
  }
};

MatchService::MatchService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                           const security::KeyRing& keys, security::RandomFill random)
    : database_(database), clock_(clock), audit_(audit), keys_(keys), random_(std::move(random)) {}

Result<RecordMatches> MatchService::For(const Actor& actor, const store::LinkedRecordRef& record) {
  Impl impl{*this};
  auto info = impl.Allowed(actor, Action::kViewMatches, record);
  if (!info) return info.error();
  RecordMatches out;
  out.record = record;
  {
    auto db = database_.Acquire();
    store::LinkageRepository repo(*db);
    auto decisions = repo.DecisionsAbout(record);
    if (!decisions) return decisions.error();
    // The last decision on each pair counts.
    std::map<store::LinkedRecordRef, std::string> last;
    for (const auto& d : *decisions) {
      last[d.a == record ? d.b : d.a] = d.decision;
      auto view = impl.DecisionViewOf(*db, actor, record, d);
      if (!view) return view.error();
      out.decisions.push_back(std::move(view).value());
    }
    auto self = repo.Find(record);
    if (!self) return self.error();
    if (self->has_value()) {
      out.encoded = true;
      auto candidates = impl.Candidates(*db, **self);
      if (!candidates) return candidates.error();
      auto related = impl.RelatedOf(*db, record);
      if (!related) return related.error();
      for (const auto& c : *candidates) {
        if (related->count(c.other) != 0) continue;
        auto decided = last.find(c.other);
        if (decided != last.end() && decided->second == "rejected") continue;
        MatchSuggestion m;
        m.other = impl.ViewOf(*db, actor, c.other);
        m.score = c.score;
        m.confirmed = decided != last.end() && decided->second == "confirmed";
        for (const auto& f : c.explanation.fields) {
          m.fields.push_back({f.field, linkage::FieldAgreementName(f.agreement), f.similarity});
        }
        out.suggestions.push_back(std::move(m));
      }
    }
  }
  if (Status st = audit_.Record(database_, actor.Event("match.read", record.kind, record.id));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<MatchDecisionView> MatchService::Decide(const Actor& actor,
                                               const MatchDecisionInput& input) {
  Impl impl{*this};
  if (Status st = CheckKind("record_kind", input.record.kind); !st.ok()) return st.error();
  if (Status st = CheckKind("other_kind", input.other.kind); !st.ok()) return st.error();
  if (input.decision != "confirmed" && input.decision != "rejected") {
    return Error::Invalid("decision", "use confirmed or rejected");
  }
  const std::string reason = TrimSpace(input.reason);
  if (Status st = CheckTextLimit("reason", reason, kReasonLimit); !st.ok()) return st.error();
  if (input.record == input.other) {
    return Error::Invalid("other_id", "a record cannot be the same person as itself");
  }
  auto info = impl.Allowed(actor, Action::kDecideMatch, input.record);
  if (!info) return info.error();
  // Only a pair that is suggested now, or was decided before, can be decided: a decision is
  // about a suggestion, not a way to link any two records.
  double score = 0;
  {
    auto db = database_.Acquire();
    store::LinkageRepository repo(*db);
    bool known = false;
    auto self = repo.Find(input.record);
    if (!self) return self.error();
    if (self->has_value()) {
      auto candidates = impl.Candidates(*db, **self);
      if (!candidates) return candidates.error();
      auto related = impl.RelatedOf(*db, input.record);
      if (!related) return related.error();
      for (const auto& c : *candidates) {
        if (c.other == input.other && related->count(c.other) == 0) {
          known = true;
          score = c.score;
        }
      }
    }
    auto decisions = repo.DecisionsAbout(input.record);
    if (!decisions) return decisions.error();
    for (const auto& d : *decisions) {
      if (d.a == input.other || d.b == input.other) {
        if (!known) score = d.score;
        known = true;
      }
    }
    if (!known) return Error::NotFound("the other record is not suggested for this one");
  }
  store::MatchDecisionRow row;
  row.id = security::NewUuid(random_);
  std::tie(row.a, row.b) = Ordered(input.record, input.other);
  row.decision = input.decision;
  if (!reason.empty()) {
    row.reason = security::EncryptField(keys_, {kDecisions, "reason", row.id}, reason, random_);
  }
  row.score = score;
  row.decided_by = actor.principal.user;
  row.decided_at = impl.Now();
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::LinkageRepository(tx).AddDecision(row); !st.ok()) return st.error();
    const char* action = input.decision == "confirmed" ? "match.confirm" : "match.reject";
    if (Status st = audit_.Record(
            tx, actor.Event(action, input.record.kind, input.record.id + "~" + input.other.id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return impl.DecisionViewOf(*db, actor, input.record, row);
}

}  // namespace schakel::app
