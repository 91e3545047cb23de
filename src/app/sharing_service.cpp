#include "app/sharing_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/access.h"
#include "app/case_projection.h"
#include "app/case_service.h"
#include "app/person_input.h"
#include "care/sharing.h"
#include "security/field_cipher.h"
#include "store/case_repository.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

constexpr const char* kGrants = "sharing_grants";
constexpr std::size_t kTextLimit = 2000;

// The stored grant as the pure rules see it. Dates were checked on the way in.
care::SharingGrant RuleGrant(const store::GrantRecord& g) {
  care::SharingGrant out;
  out.id = g.id;
  out.case_id = g.case_id;
  out.partner_organisation = g.partner_organisation;
  out.purpose = g.purpose;
  out.legal_basis = g.legal_basis;
  out.field_groups = g.field_groups;
  out.granted_on = care::ParseDate(g.granted_on).value_or(care::Date{});
  out.expires_on = care::ParseDate(g.expires_on).value_or(care::Date{});
  if (g.revoked_on) out.revoked_on = care::ParseDate(*g.revoked_on);
  out.consent.recorded = g.consent_recorded;
  out.consent.override_reason = g.override_reason ? "(recorded)" : "";
  return out;
}

Status CheckText(const char* field, const std::string& text) {
  if (text.size() > kTextLimit) {
    return Error::Invalid(field, fmt::format("at most {} characters", kTextLimit));
  }
  return {};
}

}  // namespace

struct SharingService::Impl {
  SharingService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const {
    return care::FormatDate(
        care::AmsterdamDate(std::chrono::floor<std::chrono::seconds>(s.clock_.Now())));
  }

  std::optional<std::string> Seal(const std::string& id, const char* column,
                                  const std::string& plain) const {
    if (plain.empty()) return std::nullopt;
    return security::EncryptField(s.keys_, {kGrants, column, id}, plain, s.random_);
  }
  Result<std::string> Unseal(const std::string& id, const char* column,
                             const std::optional<std::string>& sealed) const {
    if (!sealed) return std::string();
    return security::DecryptField(s.keys_, {kGrants, column, id}, *sealed);
  }

  Result<store::CaseRecord> LoadCase(store::Db& db, std::string_view id) const {
    auto found = store::CaseRepository(db).Find(id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::NotFound("no case with this id");
    return std::move(**found);
  }

  // The case's Resource with the partners whose grant is in force today.
  Result<Resource> ResourceOf(store::Db& db, const store::CaseRecord& c) const {
    auto partners = PartnersInForce(db, c.id, Today());
    if (!partners) return partners.error();
    return CaseResource(c, std::move(partners).value());
  }

  // Loads the case and asks the policy (a denial is audited on the case).
  Result<store::CaseRecord> Authorized(const Actor& actor, std::string_view case_id,
                                       Action action) const {
    auto db = s.database_.Acquire();
    auto c = LoadCase(*db, case_id);
    if (!c) return c.error();
    auto on = ResourceOf(*db, *c);
    if (!on) return on.error();
    if (Status st = Authorize(s.database_, s.audit_, actor, action, *on, "case", c->id); !st.ok()) {
      return st.error();
    }
    return c;
  }

  Result<GrantView> ViewOf(store::Db& db, store::GrantRecord g) const {
    GrantView v;
    auto reason = Unseal(g.id, "override_reason", g.override_reason);
    if (!reason) return reason.error();
    v.override_reason = std::move(reason).value();
    auto revoke = Unseal(g.id, "revoke_reason", g.revoke_reason);
    if (!revoke) return revoke.error();
    v.revoke_reason = std::move(revoke).value();
    const auto today = care::ParseDate(Today());
    if (Status st = care::CheckGrantInForce(RuleGrant(g), *today); st.ok()) {
      v.in_force = true;
    } else {
      v.not_in_force = st.error().message;
    }
    auto org = store::OrganisationRepository(db).Find(g.partner_organisation);
    if (!org) return org.error();
    v.partner_name = org->has_value() ? (*org)->name : g.partner_organisation;
    g.override_reason.reset();
    g.revoke_reason.reset();
    v.record = std::move(g);
    return v;
  }

  // A current organisation of kind partner.
  Status CheckPartner(store::Db& db, const std::string& code) const {
    if (code.empty()) {
      return Error::Invalid("partner_organisation", "name the partner the case is shared with");
    }
    auto org = store::OrganisationRepository(db).Find(code);
    if (!org) return org.error();
    const std::string today = Today();
    if (!org->has_value() || (*org)->valid_from > today ||
        ((*org)->valid_to && *(*org)->valid_to <= today)) {
      return Error::Invalid("partner_organisation", "no current organisation with this code");
    }
    if ((*org)->kind != "partner") {
      return Error::Invalid("partner_organisation",
                            "a case is shared only with chain partners (police, KMar, NLA, "
                            "shelters, care providers)");
    }
    return {};
  }
};

SharingService::SharingService(store::Database& database, const Clock& clock,
                               const AuditTrail& audit, const security::KeyRing& keys,
                               const care::CareData& data, security::RandomFill random)
    : database_(database),
      clock_(clock),
      audit_(audit),
      keys_(keys),
      data_(data),
      random_(std::move(random)) {}

Result<std::vector<std::string>> SharingService::PartnersInForce(store::Db& db,
                                                                 std::string_view case_id,
                                                                 std::string_view today) {
  const auto day = care::ParseDate(today);
  if (!day) return Error::Invalid("today", "use a date like 2026-01-01");
  auto grants = store::SharingRepository(db).ForCase(case_id);
  if (!grants) return grants.error();
  std::set<std::string> partners;
  for (const auto& g : *grants) {
    if (care::CheckGrantInForce(RuleGrant(g), *day).ok()) partners.insert(g.partner_organisation);
  }
  return std::vector<std::string>(partners.begin(), partners.end());
}

Result<GrantView> SharingService::Grant(const Actor& actor, std::string_view case_id,
                                        const GrantInput& raw) {
  Impl impl{*this};
  auto c = impl.Authorized(actor, case_id, Action::kShareCase);
  if (!c) return c.error();
  GrantInput in = raw;
  in.partner_organisation = TrimSpace(in.partner_organisation);
  in.purpose = TrimSpace(in.purpose);
  in.legal_basis = TrimSpace(in.legal_basis);
  in.override_reason = TrimSpace(in.override_reason);
  auto db = database_.Acquire();
  if (Status st = impl.CheckPartner(*db, in.partner_organisation); !st.ok()) return st.error();
  for (const auto& [field, text] :
       {std::pair<const char*, const std::string*>{"purpose", &in.purpose},
        {"legal_basis", &in.legal_basis},
        {"consent", &in.override_reason}}) {
    if (Status st = CheckText(field, *text); !st.ok()) return st.error();
  }
  const std::string today = impl.Today();
  const auto expires_iso = IsoDateOf(TrimSpace(in.expires_on));
  const auto expires = expires_iso ? care::ParseDate(*expires_iso) : std::nullopt;
  if (!expires) return Error::Invalid("expires_on", "use a date like 31-12-2026");
  care::SharingGrant rule;
  rule.case_id = c->id;
  rule.partner_organisation = in.partner_organisation;
  rule.purpose = in.purpose;
  rule.legal_basis = in.legal_basis;
  rule.field_groups = in.field_groups;
  rule.granted_on = *care::ParseDate(today);
  rule.expires_on = *expires;
  rule.consent = {in.consent_recorded, in.consent_recorded ? "" : in.override_reason};
  if (Status st = care::ValidateGrant(rule, data_); !st.ok()) return st.error();

  store::GrantRecord g;
  g.id = security::NewUuid(random_);
  g.case_id = c->id;
  g.partner_organisation = in.partner_organisation;
  g.purpose = in.purpose;
  g.legal_basis = in.legal_basis;
  g.field_groups = in.field_groups;
  g.granted_on = today;
  g.expires_on = care::FormatDate(*expires);
  g.consent_recorded = in.consent_recorded;
  g.override_reason =
      in.consent_recorded ? std::nullopt : impl.Seal(g.id, "override_reason", in.override_reason);
  g.granted_by = actor.principal.user;
  g.granted_at = impl.Now();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::SharingRepository(tx).Insert(g); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("grant.create", "sharing_grant", g.id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return impl.ViewOf(*db, std::move(g));
}

Result<GrantView> SharingService::Revoke(const Actor& actor, std::string_view grant_id,
                                         std::string_view raw_reason) {
  Impl impl{*this};
  std::optional<store::GrantRecord> grant;
  {
    auto db = database_.Acquire();
    auto found = store::SharingRepository(*db).Find(grant_id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::NotFound("no sharing grant with this id");
    grant = std::move(**found);
  }
  auto c = impl.Authorized(actor, grant->case_id, Action::kShareCase);
  if (!c) return c.error();
  const std::string reason = TrimSpace(raw_reason);
  if (reason.empty()) return Error::Invalid("reason", "say why the grant is revoked");
  if (Status st = CheckText("reason", reason); !st.ok()) return st.error();
  const std::string today = impl.Today();
  auto revoked = care::RevokeGrant(RuleGrant(*grant), *care::ParseDate(today));
  if (!revoked) return revoked.error();
  const auto sealed = impl.Seal(grant->id, "revoke_reason", reason);
  const std::string now = impl.Now();
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::SharingRepository(tx).Revoke(grant->id, today, actor.principal.user, now,
                                                        sealed);
        !st.ok()) {
      return st.error();
    }
    if (Status st = audit_.Record(tx, actor.Event("grant.revoke", "sharing_grant", grant->id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  grant->revoked_on = today;
  grant->revoked_by = actor.principal.user;
  grant->revoked_at = now;
  grant->revoke_reason = sealed;
  return impl.ViewOf(*db, std::move(*grant));
}

Result<std::vector<GrantView>> SharingService::ForCase(const Actor& actor,
                                                       std::string_view case_id) {
  Impl impl{*this};
  auto c = impl.Authorized(actor, case_id, Action::kViewGrants);
  if (!c) return c.error();
  auto db = database_.Acquire();
  auto grants = store::SharingRepository(*db).ForCase(c->id);
  if (!grants) return grants.error();
  std::vector<GrantView> out;
  for (auto& g : *grants) {
    auto v = impl.ViewOf(*db, std::move(g));
    if (!v) return v.error();
    out.push_back(std::move(v).value());
  }
  if (Status st = audit_.Record(database_, actor.Event("grant.list", "case", c->id)); !st.ok()) {
    return st.error();
  }
  return out;
}

bool SharingService::MayShare(const Actor& actor, std::string_view case_id) {
  Impl impl{*this};
  auto db = database_.Acquire();
  auto c = impl.LoadCase(*db, case_id);
  if (!c) return false;
  auto on = impl.ResourceOf(*db, *c);
  return on.ok() && Decide(actor.principal, Action::kShareCase, *on).allowed;
}

Result<std::vector<SharedCaseSummary>> SharingService::SharedWithMe(const Actor& actor) {
  if (!actor.principal.authenticated()) return Error::Forbidden("log in first");
  Impl impl{*this};
  std::vector<SharedCaseSummary> out;
  auto db = database_.Acquire();
  auto grants = store::SharingRepository(*db).ForPartner(actor.principal.organisation);
  if (!grants) return grants.error();
  const auto today = *care::ParseDate(impl.Today());
  std::map<std::string, SharedCaseSummary> by_case;
  for (const auto& g : *grants) {
    if (!care::CheckGrantInForce(RuleGrant(g), today).ok()) continue;
    SharedCaseSummary& s = by_case[g.case_id];
    s.case_id = g.case_id;
    for (const auto& group : g.field_groups) {
      if (std::find(s.field_groups.begin(), s.field_groups.end(), group) == s.field_groups.end()) {
        s.field_groups.push_back(group);
      }
    }
    s.expires_on = std::max(s.expires_on, g.expires_on);
  }
  for (auto& [id, summary] : by_case) {
    auto c = impl.LoadCase(*db, id);
    if (!c) return c.error();
    auto on = impl.ResourceOf(*db, *c);
    if (!on) return on.error();
    // Each listed case is one the policy lets the actor see (a non-partner sees none).
    if (!Decide(actor.principal, Action::kViewSharedCase, *on).allowed) continue;
    summary.reference = CaseReference(c->seq);
    out.push_back(std::move(summary));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.reference > b.reference; });
  if (Status st = audit_.Record(
          database_, actor.Event("shared_case.list", "organisation", actor.principal.organisation));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<SharedCaseView> SharingService::SharedCase(const Actor& actor, std::string_view case_id) {
  Impl impl{*this};
  auto c = impl.Authorized(actor, case_id, Action::kViewSharedCase);
  if (!c) return c.error();
  auto db = database_.Acquire();
  auto grants = store::SharingRepository(*db).ForCase(c->id);
  if (!grants) return grants.error();
  const std::string today_text = impl.Today();
  const auto today = *care::ParseDate(today_text);
  std::vector<care::SharingGrant> rules;
  SharedCaseView v;
  v.case_id = c->id;
  v.reference = CaseReference(c->seq);
  std::set<std::string> granted;
  for (const auto& g : *grants) {
    rules.push_back(RuleGrant(g));
    if (g.partner_organisation != actor.principal.organisation) continue;
    if (!care::CheckGrantInForce(rules.back(), today).ok()) continue;
    granted.insert(g.field_groups.begin(), g.field_groups.end());
    auto view = impl.ViewOf(*db, g);
    if (!view) return view.error();
    view->override_reason.clear();  // the coordinator's reasoning is not part of the share
    v.grants.push_back(std::move(view).value());
  }
  for (const auto& group : data_.field_groups) {
    if (granted.count(group.id)) v.field_groups.push_back(group.id);
  }
  // Read only the granted groups, then let the rule filter again: a field of a group that is
  // not granted can never reach the partner, even if the projection put it there.
  auto full = ProjectCase(*db, keys_, data_, *c, v.field_groups);
  const bool ok = full.ok();
  std::vector<security::AuditEvent> events = {
      actor.Event("case.read", "case", c->id,
                  ok ? security::AuditResult::kSuccess : security::AuditResult::kFailure)};
  for (const auto& group : v.field_groups) {
    events.push_back(
        actor.Event("case.read", "case.field_group." + group, c->id,
                    ok ? security::AuditResult::kSuccess : security::AuditResult::kFailure));
  }
  auto audited = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    for (auto& e : events) {
      if (Status st = audit_.Record(tx, std::move(e)); !st.ok()) return st.error();
    }
    return true;
  });
  if (!audited) return audited.error();
  if (!full) return full.error();
  v.fields = care::PartnerView(*full, c->id, rules, actor.principal.organisation, today, data_);
  return v;
}

}  // namespace schakel::app
