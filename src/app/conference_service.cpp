#include "app/conference_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/access.h"
#include "app/person_input.h"
#include "care/amsterdam_time.h"
#include "security/field_cipher.h"
#include "store/case_repository.h"
#include "store/organisation_repository.h"

namespace schakel::app {

namespace {

constexpr const char* kConferences = "case_conferences";
constexpr const char* kDecisions = "conference_decisions";
constexpr std::size_t kTitleLimit = 200;
constexpr std::size_t kMinutesLimit = 20000;
constexpr std::size_t kDecisionLimit = 2000;

Resource ConferenceResource(const store::ConferenceRecord& c) {
  Resource on;
  on.organisation = c.region;
  on.regions = {c.region};
  on.owner = c.created_by;
  on.shared_with = c.participants;
  return on;
}

ConferenceSummary SummaryOf(const store::ConferenceRecord& c) {
  return {c.id,
          c.region,
          c.held_on,
          c.title,
          static_cast<int>(c.agenda.size()),
          static_cast<int>(c.participants.size())};
}

}  // namespace

struct ConferenceService::Impl {
  ConferenceService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const {
    return care::FormatDate(
        care::AmsterdamDate(std::chrono::floor<std::chrono::seconds>(s.clock_.Now())));
  }

  Result<store::ConferenceRecord> Load(std::string_view id) const {
    auto db = s.database_.Acquire();
    auto found = store::ConferenceRepository(*db).Find(id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::NotFound("no case conference with this id");
    return std::move(**found);
  }

  Status Allow(const Actor& actor, Action action, const store::ConferenceRecord& c) const {
    return Authorize(s.database_, s.audit_, actor, action, ConferenceResource(c), "case_conference",
                     c.id);
  }

  // A case by id, or by its reference ("Z000123") among the region's cases.
  Result<store::CaseRecord> FindCase(store::Db& db, const std::string& key,
                                     const std::string& region) const {
    store::CaseRepository cases(db);
    auto found = cases.Find(key);
    if (!found) return found.error();
    if (found->has_value()) return std::move(**found);
    auto list = cases.List({{region}, std::nullopt, {}, 100000});
    if (!list) return list.error();
    for (auto& c : *list) {
      if (CaseReference(c.seq) == key) return std::move(c);
    }
    return Error::NotFound("no case with this id or reference");
  }

  Result<ConferenceView> ViewOf(const Actor& actor, store::ConferenceRecord c,
                                bool audit_minutes) const {
    ConferenceView v;
    v.summary = SummaryOf(c);
    auto db = s.database_.Acquire();
    store::OrganisationRepository orgs(*db);
    for (const auto& code : c.participants) {
      auto org = orgs.Find(code);
      if (!org) return org.error();
      v.participants.push_back({code, org->has_value() ? (*org)->name : code});
    }
    for (const auto& id : c.agenda) {
      auto found = store::CaseRepository(*db).Find(id);
      if (!found) return found.error();
      v.agenda.push_back({id, found->has_value() ? CaseReference((*found)->seq) : id});
    }
    const Resource on = ConferenceResource(c);
    v.may_manage = Decide(actor.principal, Action::kManageConference, on).allowed;
    v.may_read_minutes = Decide(actor.principal, Action::kReadConferenceMinutes, on).allowed;
    if (!v.may_read_minutes) return v;
    if (c.minutes) {
      auto text = security::DecryptField(s.keys_, {kConferences, "minutes", c.id}, *c.minutes);
      if (!text) return text.error();
      v.minutes = std::move(text).value();
    }
    auto decisions = store::ConferenceRepository(*db).Decisions(c.id);
    if (!decisions) return decisions.error();
    for (auto& d : *decisions) {
      auto text = security::DecryptField(s.keys_, {kDecisions, "text", d.id}, d.text);
      if (!text) return text.error();
      d.text.clear();
      std::string reference = d.case_id;
      for (const auto& a : v.agenda) {
        if (a.case_id == d.case_id) reference = a.reference;
      }
      v.decisions.push_back({std::move(d), std::move(text).value(), std::move(reference)});
    }
    if (audit_minutes) {
      if (Status st = s.audit_.Record(
              s.database_, actor.Event("conference.read_minutes", "case_conference", c.id));
          !st.ok()) {
        return st.error();
      }
    }
    return v;
  }

  Result<std::string> RegionOf(const Actor& actor, const std::string& given) const {
    if (!given.empty()) {
      auto db = s.database_.Acquire();
      auto org = store::OrganisationRepository(*db).Find(given);
      if (!org) return org.error();
      if (!org->has_value() || (*org)->kind != "region") {
        return Error::Invalid("region", "not a region (use its code, e.g. VR01)");
      }
      return given;
    }
    if (actor.principal.regions.size() == 1) return actor.principal.regions.front();
    return Error::Invalid("region", "choose the region the conference is for");
  }
};

ConferenceService::ConferenceService(store::Database& database, const Clock& clock,
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

bool ConferenceService::MayPlan(const Actor& actor) {
  for (const auto& region : actor.principal.regions) {
    Resource on;
    on.organisation = region;
    on.regions = {region};
    if (Decide(actor.principal, Action::kManageConference, on).allowed) return true;
  }
  return false;
}

Status ConferenceService::CheckMayPlan(const Actor& actor) {
  if (MayPlan(actor)) return {};
  Resource on;  // the actor's regions, none of which they may plan in
  on.regions = actor.principal.regions;
  return Authorize(database_, audit_, actor, Action::kManageConference, on, "case_conference", "");
}

Result<ConferenceView> ConferenceService::Create(const Actor& actor, const ConferenceInput& raw) {
  Impl impl{*this};
  auto region = impl.RegionOf(actor, TrimSpace(raw.region));
  if (!region) return region.error();
  store::ConferenceRecord c;
  c.id = security::NewUuid(random_);
  c.region = *region;
  c.created_by = actor.principal.user;
  for (const auto& p : raw.participants) {
    const std::string code = TrimSpace(p);
    if (!code.empty() &&
        std::find(c.participants.begin(), c.participants.end(), code) == c.participants.end()) {
      c.participants.push_back(code);
    }
  }
  // Ask the policy first (on the region, with the participants), so a refusal says so rather
  // than naming a field.
  if (Status st = impl.Allow(actor, Action::kManageConference, c); !st.ok()) return st.error();
  const auto held_iso = IsoDateOf(TrimSpace(raw.held_on));
  const auto held = held_iso ? care::ParseDate(*held_iso) : std::nullopt;
  if (!held) return Error::Invalid("held_on", "use a date like 01-12-2026");
  c.held_on = care::FormatDate(*held);
  c.title = TrimSpace(raw.title);
  if (c.title.empty()) return Error::Invalid("title", "give the conference a title");
  if (c.title.size() > kTitleLimit) {
    return Error::Invalid("title", fmt::format("at most {} characters", kTitleLimit));
  }
  if (c.participants.empty()) {
    return Error::Invalid("participants", "name at least one participating organisation");
  }
  auto db = database_.Acquire();
  store::OrganisationRepository orgs(*db);
  for (size_t i = 0; i < c.participants.size(); ++i) {
    auto org = orgs.Find(c.participants[i]);
    if (!org) return org.error();
    if (!org->has_value()) {
      return Error::Invalid(fmt::format("participants[{}]", i),
                            fmt::format("no organisation with code '{}'", c.participants[i]));
    }
  }
  for (size_t i = 0; i < raw.agenda.size(); ++i) {
    const std::string key = TrimSpace(raw.agenda[i]);
    if (key.empty()) continue;
    const std::string field = fmt::format("agenda[{}]", i);
    auto found = impl.FindCase(*db, key, c.region);
    if (!found) {
      if (found.error().code == ErrorCode::kNotFound) {
        return Error::Invalid(field, fmt::format("no case '{}'", key));
      }
      return found.error();
    }
    if (found->region != c.region) {
      return Error::Invalid(field, "only cases of the conference's region can be on its agenda");
    }
    if (std::find(c.agenda.begin(), c.agenda.end(), found->id) != c.agenda.end()) {
      return Error::Invalid(field, "this case is already on the agenda");
    }
    c.agenda.push_back(found->id);
  }
  c.created_at = impl.Now();
  c.updated_at = c.created_at;
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::ConferenceRepository(tx).Insert(c); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("conference.create", "case_conference", c.id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return impl.ViewOf(actor, std::move(c), false);
}

Result<std::vector<ConferenceSummary>> ConferenceService::List(const Actor& actor) {
  if (!actor.principal.authenticated()) return Error::Forbidden("log in first");
  std::vector<ConferenceSummary> out;
  auto db = database_.Acquire();
  std::vector<std::string> participants;
  if (!actor.principal.organisation.empty()) participants = {actor.principal.organisation};
  auto list = store::ConferenceRepository(*db).List(actor.principal.regions, participants);
  if (!list) return list.error();
  for (const auto& c : *list) {
    if (Decide(actor.principal, Action::kViewConference, ConferenceResource(c)).allowed) {
      out.push_back(SummaryOf(c));
    }
  }
  if (Status st = audit_.Record(
          database_, actor.Event("conference.list", "organisation", actor.principal.organisation));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<ConferenceView> ConferenceService::Get(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto c = impl.Load(id);
  if (!c) return c.error();
  if (Status st = impl.Allow(actor, Action::kViewConference, *c); !st.ok()) return st.error();
  if (Status st =
          audit_.Record(database_, actor.Event("conference.read", "case_conference", c->id));
      !st.ok()) {
    return st.error();
  }
  return impl.ViewOf(actor, std::move(c).value(), true);
}

Result<ConferenceView> ConferenceService::SaveMinutes(const Actor& actor, std::string_view id,
                                                      std::string_view raw) {
  Impl impl{*this};
  auto c = impl.Load(id);
  if (!c) return c.error();
  if (Status st = impl.Allow(actor, Action::kManageConference, *c); !st.ok()) return st.error();
  if (Status st = impl.Allow(actor, Action::kReadConferenceMinutes, *c); !st.ok()) {
    return st.error();
  }
  const std::string text = TrimSpace(raw);
  if (text.size() > kMinutesLimit) {
    return Error::Invalid("minutes", fmt::format("at most {} characters", kMinutesLimit));
  }
  c->minutes = text.empty() ? std::nullopt
                            : std::optional<std::string>(security::EncryptField(
                                  keys_, {kConferences, "minutes", c->id}, text, random_));
  c->updated_at = impl.Now();
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::ConferenceRepository(tx).SetMinutes(c->id, c->minutes, c->updated_at);
        !st.ok()) {
      return st.error();
    }
    if (Status st = audit_.Record(tx, actor.Event("conference.minutes", "case_conference", c->id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return impl.ViewOf(actor, std::move(c).value(), false);
}

Result<ConferenceView> ConferenceService::RecordDecision(const Actor& actor, std::string_view id,
                                                         const DecisionInput& raw) {
  Impl impl{*this};
  auto c = impl.Load(id);
  if (!c) return c.error();
  if (Status st = impl.Allow(actor, Action::kManageConference, *c); !st.ok()) return st.error();
  if (Status st = impl.Allow(actor, Action::kReadConferenceMinutes, *c); !st.ok()) {
    return st.error();
  }
  std::string case_id;
  {
    auto db = database_.Acquire();
    auto found = impl.FindCase(*db, TrimSpace(raw.case_id), c->region);
    if (found) case_id = found->id;
  }
  if (case_id.empty() ||
      std::find(c->agenda.begin(), c->agenda.end(), case_id) == c->agenda.end()) {
    return Error::Invalid("case_id", "choose a case on the conference's agenda");
  }
  const std::string text = TrimSpace(raw.text);
  if (text.empty()) return Error::Invalid("text", "say what was decided");
  if (text.size() > kDecisionLimit) {
    return Error::Invalid("text", fmt::format("at most {} characters", kDecisionLimit));
  }
  // The care-plan item is written by the case module, with its own checks (domain, organisation,
  // due date) and need-to-know (kManageCase). Every input it checks is checked there first, so
  // what remains to fail afterwards is storage itself.
  PlanItemInput item{TrimSpace(raw.domain), TrimSpace(raw.responsible_organisation),
                     TrimSpace(raw.due_on), text};
  auto planned = cases_.AddPlanItem(actor, case_id, item);
  if (!planned) return planned.error();
  if (planned->plan.empty()) return Error::Internal("the care-plan item was not added");
  const PlanItemView& added = planned->plan.back();
  store::ConferenceDecisionRecord d;
  d.id = security::NewUuid(random_);
  d.conference = c->id;
  d.case_id = case_id;
  d.text = security::EncryptField(keys_, {kDecisions, "text", d.id}, text, random_);
  d.domain = added.row.domain;
  d.responsible_organisation = added.row.responsible_organisation;
  d.due_on = added.row.due_on;
  d.care_plan_item = added.row.id;
  d.decided_by = actor.principal.user;
  d.decided_at = impl.Now();
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    if (Status st = store::ConferenceRepository(tx).AddDecision(d); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("conference.decision", "case_conference", c->id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return impl.ViewOf(actor, std::move(c).value(), false);
}

}  // namespace schakel::app
