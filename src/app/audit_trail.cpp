#include "app/audit_trail.h"

namespace schakel::app {

using security::AuditEvent;
using security::AuditOrigin;
using security::AuditResult;

namespace {

store::AuditRow ToRow(const security::StoredAuditEvent& s) {
  const AuditEvent& e = s.event;
  return {e.sequence,
          e.timestamp,
          e.actor,
          e.organisation,
          e.action,
          e.object_type,
          e.object_id,
          security::AuditResultName(e.result),
          security::AuditOriginName(e.origin),
          e.origin_address,
          e.correlation_id,
          s.hash};
}

AuditResult ParseResult(const std::string& s) {
  for (AuditResult r :
       {AuditResult::kAllow, AuditResult::kDeny, AuditResult::kSuccess, AuditResult::kFailure}) {
    if (s == security::AuditResultName(r)) return r;
  }
  // An unknown name can only come from tampering; keep it visible as a failure so the content
  // hash no longer matches and the verifier reports the row as altered.
  return AuditResult::kFailure;
}

AuditOrigin ParseOrigin(const std::string& s) {
  for (AuditOrigin o :
       {AuditOrigin::kWeb, AuditOrigin::kApi, AuditOrigin::kCli, AuditOrigin::kSystem}) {
    if (s == security::AuditOriginName(o)) return o;
  }
  return AuditOrigin::kSystem;
}

security::StoredAuditEvent FromRow(const store::AuditRow& r) {
  AuditEvent e{r.sequence,
               r.timestamp,
               r.actor,
               r.organisation,
               r.action,
               r.object_type,
               r.object_id,
               ParseResult(r.result),
               ParseOrigin(r.origin),
               r.origin_address,
               r.correlation_id};
  return {e, r.hash};
}

}  // namespace

Status AuditTrail::Record(store::Db& tx, AuditEvent event) const {
  if (!tx.InTransaction()) return Error::Internal("audit events are written inside a transaction");
  store::AuditRepository repo(tx);
  auto last = repo.Last();
  if (!last) return last.error();
  security::AuditAnchor anchor{0, security::AuditGenesisHash()};
  if (last->has_value()) anchor = {(*last)->sequence, (*last)->hash};
  event.timestamp = security::AuditTimestamp(clock_.Now());
  const security::StoredAuditEvent sealed = security::ChainNext(key_, anchor, std::move(event));
  if (Status s = security::ValidateAuditEvent(sealed.event); !s.ok()) {
    return Error::Internal("refusing to write an invalid audit event: " + s.error().message);
  }
  return repo.Append(ToRow(sealed));
}

Status AuditTrail::Record(store::Database& database, AuditEvent event) const {
  auto db = database.Acquire();
  auto r = store::InTransaction<int>(*db, [&](store::Db& tx) -> Result<int> {
    if (Status s = Record(tx, event); !s.ok()) return s.error();
    return 0;
  });
  if (!r) return r.error();
  return {};
}

Result<AuditTrail::Verification> AuditTrail::Verify(
    store::Db& db, const std::optional<security::AuditAnchor>& anchor) const {
  auto rows = store::AuditRepository(db).All();
  if (!rows) return rows.error();
  std::vector<security::StoredAuditEvent> events;
  events.reserve(rows->size());
  for (const auto& r : *rows) events.push_back(FromRow(r));
  Verification v;
  v.events = static_cast<int64_t>(events.size());
  v.finding = security::VerifyAuditChain(key_, events, {}, anchor);
  if (!events.empty())
    v.last = security::AuditAnchor{events.back().event.sequence, events.back().hash};
  return v;
}

}  // namespace schakel::app
