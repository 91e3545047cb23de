#include "app/referral_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/access.h"
#include "app/case_projection.h"
#include "app/person_input.h"
#include "care/amsterdam_time.h"
#include "care/consent.h"
#include "care/referral.h"
#include "security/field_cipher.h"
#include "store/case_repository.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

constexpr const char* kTable = "referrals";
constexpr std::size_t kTextLimit = 2000;

bool Live(const std::string& state) {
  return state == "in_progress" || state == "accepted" || state == "done";
}

bool Active(const store::CaseRecord& c) {
  return c.state != "closed" && c.state != "transferred";
}

// The stored referral as the pure rules see it.
care::Referral RuleReferral(const store::ReferralRecord& r) {
  care::Referral out;
  out.id = r.id;
  out.kind = r.kind == "transfer" ? care::ReferralKind::kTransfer : care::ReferralKind::kReferral;
  out.case_id = r.case_id;
  out.to_organisation = r.to_organisation;
  out.to_region = r.to_region.value_or("");
  out.field_groups = r.field_groups;
  out.consent.recorded = r.consent_recorded;
  if (r.consent_override) out.consent.override_reason = "(recorded)";
  // An unknown state shows nothing: the receiver view is empty for revoked.
  out.state = care::ParseReferralState(r.state).value_or(care::ReferralState::kRevoked);
  return out;
}

// The policy's view of a referral: its case, with the receiver while the referral is live.
Resource ReferralResource(const store::CaseRecord& c, const store::ReferralRecord& r) {
  return CaseResource(
      c, Live(r.state) ? std::vector<std::string>{r.to_organisation} : std::vector<std::string>{});
}

}  // namespace

struct ReferralService::Impl {
  ReferralService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const {
    return care::FormatDate(
        care::AmsterdamDate(std::chrono::floor<std::chrono::seconds>(s.clock_.Now())));
  }

  std::optional<std::string> Seal(const std::string& id, const char* column,
                                  const std::string& plain) const {
    if (plain.empty()) return std::nullopt;
    return security::EncryptField(s.keys_, {kTable, column, id}, plain, s.random_);
  }
  Result<std::string> Unseal(const std::string& id, const char* column,
                             const std::optional<std::string>& sealed) const {
    if (!sealed) return std::string();
    return security::DecryptField(s.keys_, {kTable, column, id}, *sealed);
  }

  Result<std::string> NameOf(store::Db& db, const std::string& code) const {
    auto org = store::OrganisationRepository(db).Find(code);
    if (!org) return org.error();
    return org->has_value() ? (*org)->name : code;
  }

  Result<ReferralView> ViewOf(store::Db& db, store::ReferralRecord r,
                              const store::CaseRecord& c) const {
    ReferralView v;
    auto override_reason = Unseal(r.id, "consent_override", r.consent_override);
    if (!override_reason) return override_reason.error();
    v.consent_override = std::move(override_reason).value();
    auto reason = Unseal(r.id, "reason", r.reason);
    if (!reason) return reason.error();
    v.reason = std::move(reason).value();
    auto to = NameOf(db, r.to_organisation);
    if (!to) return to.error();
    v.to_name = std::move(to).value();
    if (r.to_region) {
      auto region = NameOf(db, *r.to_region);
      if (!region) return region.error();
      v.to_region_name = std::move(region).value();
    }
    v.case_reference = CaseReference(c.seq);
    r.consent_override.reset();
    r.reason.reset();
    v.record = std::move(r);
    return v;
  }

  // The referral and its case; kNotFound when there is no such referral.
  Result<std::pair<store::ReferralRecord, store::CaseRecord>> Load(std::string_view id) const {
    auto db = s.database_.Acquire();
    auto r = store::ReferralRepository(*db).Find(id);
    if (!r) return r.error();
    if (!r->has_value()) return Error::NotFound("no referral with this id");
    auto c = store::CaseRepository(*db).Find((*r)->case_id);
    if (!c) return c.error();
    if (!c->has_value()) return Error::NotFound("no referral with this id");
    return std::pair{std::move(**r), std::move(**c)};
  }

  // A current organisation with this code (of kind `kind` when given), named by `field`.
  Status CheckOrganisation(store::Db& db, const char* field, const std::string& code,
                           const char* kind) const {
    auto org = store::OrganisationRepository(db).Find(code);
    if (!org) return org.error();
    const std::string today = Today();
    if (!org->has_value() || (*org)->valid_from > today ||
        ((*org)->valid_to && *(*org)->valid_to <= today)) {
      return Error::Invalid(field, fmt::format("no current organisation with the code '{}'", code));
    }
    if (kind != nullptr && (*org)->kind != kind) {
      return Error::Invalid(field, fmt::format("'{}' is not a region", code));
    }
    return {};
  }
};

ReferralService::ReferralService(store::Database& database, const Clock& clock,
                                 const AuditTrail& audit, const security::KeyRing& keys,
                                 const care::CareData& data, CaseService& cases,
                                 security::RandomFill random)
    : database_(database),
      clock_(clock),
      audit_(audit),
      keys_(keys),
      data_(data),
      cases_(cases),
      random_(std::move(random)) {}

Result<bool> ReferralService::TransferAccepted(store::Db& db, std::string_view case_id) {
  auto list = store::ReferralRepository(db).OfCase(case_id);
  if (!list) return list.error();
  return std::any_of(list->begin(), list->end(), [](const store::ReferralRecord& r) {
    return r.kind == "transfer" && (r.state == "accepted" || r.state == "done");
  });
}

Result<ReferralView> ReferralService::Create(const Actor& actor, std::string_view case_id,
                                             const ReferralInput& raw) {
  Impl impl{*this};
  auto c = cases_.LoadForAction(actor, case_id, Action::kReferCase);
  if (!c) return c.error();
  ReferralInput in = raw;
  in.kind = TrimSpace(in.kind);
  in.to_organisation = TrimSpace(in.to_organisation);
  in.to_region = TrimSpace(in.to_region);
  in.override_reason = TrimSpace(in.override_reason);
  if (in.kind != "referral" && in.kind != "transfer") {
    return Error::Invalid("kind", "choose 'referral' or 'transfer'");
  }
  if (Status st = CheckTextLimit("consent", in.override_reason, kTextLimit); !st.ok()) {
    return st.error();
  }
  store::ReferralRecord r;
  r.id = security::NewUuid(random_);
  r.case_id = c->id;
  r.kind = in.kind;
  r.to_organisation = in.to_organisation;
  if (in.kind == "transfer" && !in.to_region.empty()) r.to_region = in.to_region;
  r.field_groups = in.field_groups;
  r.consent_recorded = in.consent_recorded;
  care::Referral rule = RuleReferral(r);
  rule.consent.override_reason = in.consent_recorded ? "" : in.override_reason;
  if (Status st = care::ValidateReferral(rule, data_); !st.ok()) return st.error();
  auto db = database_.Acquire();
  if (Status st = impl.CheckOrganisation(*db, "to_organisation", r.to_organisation, nullptr);
      !st.ok()) {
    return st.error();
  }
  if (r.to_organisation == c->region) {
    return Error::Invalid("to_organisation",
                          "the case is already in this region; choose another organisation");
  }
  if (r.to_region) {
    if (Status st = impl.CheckOrganisation(*db, "to_region", *r.to_region, "region"); !st.ok()) {
      return st.error();
    }
  }
  if (!in.consent_recorded)
    r.consent_override = impl.Seal(r.id, "consent_override", in.override_reason);
  r.state = care::ReferralStateName(care::ReferralState::kInProgress);
  r.created_by = actor.id;
  r.created_at = impl.Now();
  r.updated_by = r.created_by;
  r.updated_at = r.created_at;
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    // Re-read inside the transaction: the case may have been closed meanwhile.
    auto now = store::CaseRepository(tx).Find(r.case_id);
    if (!now) return now.error();
    if (!now->has_value() || !Active(**now)) {
      return Error{ErrorCode::kConflict, "this case is closed or transferred", "case"};
    }
    store::ReferralRepository repo(tx);
    if (r.kind == "transfer") {
      auto existing = repo.OfCase(r.case_id);
      if (!existing) return existing.error();
      for (const auto& other : *existing) {
        if (other.kind == "transfer" &&
            (other.state == "in_progress" || other.state == "accepted")) {
          return Error{ErrorCode::kConflict,
                       "this case already has a transfer in progress or accepted; revoke it first",
                       "case"};
        }
      }
    }
    if (Status st = repo.Insert(r); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("referral.create", "referral", r.id)); !st.ok()) {
      return st.error();
    }
    if (r.consent_override) {
      if (Status st = audit_.Record(tx, actor.Event("referral.consent_override", "referral", r.id));
          !st.ok()) {
        return st.error();
      }
    }
    return true;
  });
  if (!written) return written.error();
  return impl.ViewOf(*db, std::move(r), *c);
}

Result<ReferralView> ReferralService::Step(const Actor& actor, std::string_view referral_id,
                                           std::string_view action, std::string_view raw_reason) {
  Impl impl{*this};
  const auto step_action = care::ParseReferralAction(action);
  if (!step_action) return Error::Invalid("action", "choose accept, reject, complete or revoke");
  auto loaded = impl.Load(referral_id);
  if (!loaded) return loaded.error();
  const store::ReferralRecord referral = std::move(loaded->first);
  const store::CaseRecord the_case = std::move(loaded->second);
  // The sender revokes; the receiver answers. Each is asked on its own action, so the sender
  // cannot accept its own referral and the receiver cannot revoke it.
  if (*step_action == care::ReferralAction::kRevoke) {
    auto allowed = cases_.LoadForAction(actor, referral.case_id, Action::kReferCase);
    if (!allowed) return allowed.error();
  } else if (Status st = Authorize(database_, audit_, actor, Action::kReceiveReferral,
                                   ReferralResource(the_case, referral), "referral", referral.id);
             !st.ok()) {
    return st.error();
  }
  const std::string reason = TrimSpace(raw_reason);
  if (Status st = CheckTextLimit("reason", reason, kTextLimit); !st.ok()) return st.error();
  auto db = database_.Acquire();
  auto stored = store::InTransaction<store::ReferralRecord>(
      *db, [&](store::Db& tx) -> Result<store::ReferralRecord> {
        store::ReferralRepository repo(tx);
        auto current = repo.Find(referral.id);
        if (!current) return current.error();
        if (!current->has_value()) return Error::NotFound("no referral with this id");
        store::ReferralRecord r = std::move(**current);
        const auto from = care::ParseReferralState(r.state);
        if (!from) {
          return Error::Internal(fmt::format("referral {} has state '{}'", r.id, r.state));
        }
        auto to = care::ApplyReferralStep(*from, {*step_action, reason});
        if (!to) return to.error();
        const std::string before = r.state;
        r.state = care::ReferralStateName(*to);
        if (!reason.empty()) r.reason = impl.Seal(r.id, "reason", reason);
        r.updated_by = actor.id;
        r.updated_at = impl.Now();
        if (Status st = repo.UpdateState(r, before); !st.ok()) return st.error();
        if (Status st = audit_.Record(
                tx, actor.Event(fmt::format("referral.{}", care::ReferralActionName(*step_action)),
                                "referral", r.id));
            !st.ok()) {
          return st.error();
        }
        return r;
      });
  if (!stored) return stored.error();
  auto view = impl.ViewOf(*db, std::move(stored).value(), the_case);
  if (view && *step_action != care::ReferralAction::kRevoke) view->consent_override.clear();
  return view;
}

Result<std::vector<ReferralView>> ReferralService::OfCase(const Actor& actor,
                                                          std::string_view case_id) {
  Impl impl{*this};
  auto c = cases_.LoadForAction(actor, case_id, Action::kReferCase);
  if (!c) return c.error();
  auto db = database_.Acquire();
  auto list = store::ReferralRepository(*db).OfCase(c->id);
  if (!list) return list.error();
  std::vector<ReferralView> out;
  for (auto& r : *list) {
    auto v = impl.ViewOf(*db, std::move(r), *c);
    if (!v) return v.error();
    out.push_back(std::move(v).value());
  }
  if (Status st = audit_.Record(database_, actor.Event("referral.list", "case", c->id)); !st.ok()) {
    return st.error();
  }
  return out;
}

bool ReferralService::MayRefer(const Actor& actor, std::string_view case_id) {
  auto db = database_.Acquire();
  auto c = store::CaseRepository(*db).Find(case_id);
  if (!c || !c->has_value()) return false;
  return Decide(actor.principal, Action::kReferCase, CaseResource(**c)).allowed;
}

Result<std::vector<ReferralView>> ReferralService::Received(const Actor& actor) {
  if (!actor.principal.authenticated()) return Error::Forbidden("log in first");
  Impl impl{*this};
  std::vector<std::string> addressees = {actor.principal.organisation};
  addressees.insert(addressees.end(), actor.principal.regions.begin(),
                    actor.principal.regions.end());
  auto db = database_.Acquire();
  auto list = store::ReferralRepository(*db).To(addressees);
  if (!list) return list.error();
  std::vector<ReferralView> out;
  for (auto& r : *list) {
    if (!Live(r.state)) continue;
    auto c = store::CaseRepository(*db).Find(r.case_id);
    if (!c) return c.error();
    if (!c->has_value()) continue;
    // Each listed referral is one the policy lets the actor receive (deny by default).
    if (!Decide(actor.principal, Action::kReceiveReferral, ReferralResource(**c, r)).allowed) {
      continue;
    }
    auto v = impl.ViewOf(*db, std::move(r), **c);
    if (!v) return v.error();
    v->consent_override.clear();  // the sender's reasoning stays with the sender
    out.push_back(std::move(v).value());
  }
  if (Status st = audit_.Record(
          database_, actor.Event("referral.list", "organisation", actor.principal.organisation));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<ReceivedReferral> ReferralService::Open(const Actor& actor, std::string_view referral_id) {
  Impl impl{*this};
  auto loaded = impl.Load(referral_id);
  if (!loaded) return loaded.error();
  const store::ReferralRecord referral = std::move(loaded->first);
  const store::CaseRecord the_case = std::move(loaded->second);
  if (Status st = Authorize(database_, audit_, actor, Action::kReceiveReferral,
                            ReferralResource(the_case, referral), "referral", referral.id);
      !st.ok()) {
    return st.error();
  }
  ReceivedReferral out;
  for (const auto& group : data_.field_groups) {
    if (std::find(referral.field_groups.begin(), referral.field_groups.end(), group.id) !=
        referral.field_groups.end()) {
      out.field_groups.push_back(group.id);
    }
  }
  auto db = database_.Acquire();
  // Read (and decrypt) only the granted groups, then let the rule filter again: a field of a
  // group that is not granted can never reach the receiver.
  auto full = ProjectCase(*db, keys_, data_, the_case, out.field_groups);
  const bool identity = std::find(out.field_groups.begin(), out.field_groups.end(), "identity") !=
                        out.field_groups.end();
  const auto result = full.ok() ? security::AuditResult::kSuccess : security::AuditResult::kFailure;
  auto audited = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st =
            audit_.Record(tx, actor.Event("referral.read", "referral", referral.id, result));
        !st.ok()) {
      return st.error();
    }
    if (identity && the_case.person) {
      if (Status st =
              audit_.Record(tx, actor.Event("person.read", "person", *the_case.person, result));
          !st.ok()) {
        return st.error();
      }
    }
    return true;
  });
  if (!audited) return audited.error();
  if (!full) return full.error();
  out.fields = care::ReceiverView(RuleReferral(referral), *full, data_);
  auto view = impl.ViewOf(*db, referral, the_case);
  if (!view) return view.error();
  out.referral = std::move(view).value();
  out.referral.consent_override.clear();
  return out;
}

}  // namespace schakel::app
