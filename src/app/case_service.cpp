#include "app/case_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/access.h"
#include "app/country_codes.h"
#include "app/linkage_encoding.h"
#include "app/sharing_service.h"
#include "care/case_opening.h"
#include "security/field_cipher.h"
#include "store/organisation_repository.h"
#include "store/person_repository.h"

namespace schakel::app {

using store::CaseRecord;
using store::CaseRepository;

namespace {

constexpr const char* kCases = "cases";
constexpr const char* kItems = "care_plan_items";
constexpr std::size_t kTextLimit = 2000;

std::optional<signals::TriageState> TriageStateOf(std::string_view status) {
  using S = signals::TriageState;
  for (S s : {S::kNew, S::kAssessed, S::kForwarded, S::kClosed}) {
    if (status == signals::TriageStateName(s)) return s;
  }
  return std::nullopt;
}

std::vector<care::CarePlanItem> PlanOf(const std::vector<store::CarePlanItemRow>& rows) {
  std::vector<care::CarePlanItem> out;
  for (const auto& r : rows) {
    care::CarePlanItem item;
    item.id = r.id;
    item.domain = r.domain;
    item.responsible_organisation = r.responsible_organisation;
    item.status = care::ParseItemStatus(r.status).value_or(care::ItemStatus::kOpen);
    if (r.due_on) item.due = care::ParseDate(*r.due_on);
    out.push_back(std::move(item));
  }
  return out;
}

std::optional<care::ReflectionPeriod> ReflectionOf(const CaseRecord& c) {
  if (!c.reflection_start || !c.reflection_last_day) return std::nullopt;
  auto start = care::ParseDate(*c.reflection_start);
  auto last = care::ParseDate(*c.reflection_last_day);
  if (!start || !last) return std::nullopt;
  care::ReflectionPeriod p{*start, *last, std::nullopt, std::nullopt};
  if (c.reflection_outcome) p.outcome = care::ParseReflectionOutcome(*c.reflection_outcome);
  if (c.reflection_outcome_on) p.outcome_on = care::ParseDate(*c.reflection_outcome_on);
  return p;
}

// A date as people type it (YYYY-MM-DD or DD-MM-YYYY).
std::optional<care::Date> DateOf(std::string_view text) {
  auto iso = IsoDateOf(TrimSpace(text));
  if (!iso) return std::nullopt;
  return care::ParseDate(*iso);
}

const char* RegistrationGender(const std::optional<std::string>& g) {
  if (g == "female") return "female";
  if (g == "male") return "male";
  if (g == "x") return "other";
  return "unknown";
}

}  // namespace

std::string CaseReference(int64_t seq) {
  return fmt::format("Z{:06d}", seq);
}

Resource CaseResource(const CaseRecord& c, std::vector<std::string> shared_with) {
  Resource r;
  r.organisation = c.region;
  r.regions = {c.region};
  r.owner = c.coordinator.value_or("");
  r.shared_with = std::move(shared_with);
  return r;
}

Result<care::CaseFacts> GatherCaseFacts(store::Db& db, const CaseRecord& c,
                                        const CaseFactQueries& queries) {
  care::CaseFacts f;
  f.coordinator = c.coordinator.value_or("");
  f.consent.recorded = c.consent_recorded;
  // The override reason is stored encrypted and only when it is not blank: its presence is
  // what the guard needs, so it is not decrypted here.
  if (c.sealed.consent_override) f.consent.override_reason = "recorded";
  auto rows = CaseRepository(db).ItemsOf({c.id});
  if (!rows) return rows.error();
  const auto plan = PlanOf(*rows);
  f.care_plan_items = care::ActiveItemCount(plan);
  f.aftercare_item = care::HasActiveItemIn(plan, "aftercare");
  f.reflection_started = c.reflection_start.has_value();
  f.reflection_outcome_recorded = c.reflection_outcome.has_value();
  if (c.closed_on) f.closed_on = care::ParseDate(*c.closed_on);
  if (queries.open_placement) {
    auto open = queries.open_placement(db, c.id);
    if (!open) return open.error();
    f.open_placement = *open;
  }
  if (queries.transfer_accepted) {
    auto accepted = queries.transfer_accepted(db, c.id);
    if (!accepted) return accepted.error();
    f.transfer_accepted = *accepted;
  }
  return f;
}

// Everything that needs the service's collaborators but is not part of its interface.
struct CaseService::Impl {
  CaseService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  care::Date Today() const {
    return care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(s.clock_.Now()));
  }
  std::string TodayText() const { return care::FormatDate(Today()); }

  std::optional<std::string> Seal(const char* table, const char* column, const std::string& id,
                                  const std::string& plain) const {
    if (plain.empty()) return std::nullopt;
    return security::EncryptField(s.keys_, {table, column, id}, plain, s.random_);
  }
  Result<std::string> Unseal(const char* table, const char* column, const std::string& id,
                             const std::optional<std::string>& sealed) const {
    if (!sealed) return std::string();
    auto plain = security::DecryptField(s.keys_, {table, column, id}, *sealed);
    if (!plain) {
      Error e = plain.error();
      e.message = fmt::format("{} {}, field {}: {}", table, id, column, e.message);
      return e;
    }
    return plain;
  }

  Result<CaseRecord> Find(store::Db& db, std::string_view id) const {
    auto found = CaseRepository(db).Find(id);
    if (!found) return found.error();
    if (!found->has_value()) return Error::NotFound("no case with this id");
    return std::move(**found);
  }

  std::string ActorId(const Actor& actor) const {
    return actor.principal.user.empty() ? actor.id : actor.principal.user;
  }

  store::CaseEvent EventOf(const Actor& actor, const CaseRecord& c, std::string action,
                           std::string from, std::string detail) const {
    store::CaseEvent e;
    e.case_id = c.id;
    e.at = Now();
    e.actor = ActorId(actor);
    e.action = std::move(action);
    e.from_state = std::move(from);
    e.to_state = c.state;
    e.detail = std::move(detail);
    return e;
  }

  // What each transition would do now (for the page): the refusal's message and field, or ok.
  std::vector<TransitionOption> Options(const CaseRecord& c, const care::CaseFacts& facts) const {
    std::vector<TransitionOption> out;
    auto from = care::ParseCaseState(c.state);
    if (!from) return out;
    const care::CaseActor who{true, true};
    for (care::CaseTransition t :
         {care::CaseTransition::kStartIntake, care::CaseTransition::kStartCare,
          care::CaseTransition::kStartAftercare, care::CaseTransition::kClose,
          care::CaseTransition::kReopen, care::CaseTransition::kTransfer}) {
      care::CaseStep step{t, "", Today()};
      // The closing reason is chosen on the form itself: preview with a known one.
      if (t == care::CaseTransition::kClose && !s.care_data_.closing_reasons.empty()) {
        step.closing_reason = s.care_data_.closing_reasons.front().id;
      }
      auto to = care::ApplyCaseTransition(*from, step, facts, who, s.care_data_);
      TransitionOption o;
      o.transition = t;
      o.allowed = to.ok();
      if (!to.ok()) {
        o.reason = to.error().message;
        o.field = to.error().field;
      }
      out.push_back(std::move(o));
    }
    return out;
  }

  // The view of a stored case. Decrypts the case's fields; the person through PersonService
  // (authorized and audited as "person.read").
  Result<CaseView> View(const Actor& actor, const CaseRecord& c) const {
    CaseView v;
    v.record = c;
    v.reference = CaseReference(c.seq);
    auto because =
        Unseal(kCases, "opened_directly_because", c.id, c.sealed.opened_directly_because);
    if (!because) return because.error();
    v.opened_directly_because = *because;
    auto override_reason = Unseal(kCases, "consent_override", c.id, c.sealed.consent_override);
    if (!override_reason) return override_reason.error();
    v.consent_override = *override_reason;
    care::CaseFacts facts;
    {
      auto db = s.database_.Acquire();
      CaseRepository repo(*db);
      auto signal_ids = repo.SignalsOf(c.id);
      if (!signal_ids) return signal_ids.error();
      v.signals = *signal_ids;
      auto rows = repo.ItemsOf({c.id});
      if (!rows) return rows.error();
      for (auto& row : *rows) {
        auto text = Unseal(kItems, "description", row.id, row.description);
        if (!text) return text.error();
        v.plan.push_back({std::move(row), *text});
      }
      auto events = repo.Events(c.id);
      if (!events) return events.error();
      v.events = std::move(events).value();
      auto erasure = repo.ErasureOf(c.id);
      if (!erasure) return erasure.error();
      v.erasure = std::move(erasure).value();
      auto gathered = GatherCaseFacts(*db, c, s.queries_);
      if (!gathered) return gathered.error();
      facts = *gathered;
      for (const std::string& id : v.signals) {
        auto seq = db->Query("SELECT seq FROM signals WHERE id = ?", {store::Text(id)});
        if (!seq) return seq.error();
        v.signal_references.push_back(seq->empty() ? id : SignalReference(seq->front().Int(0)));
      }
    }
    v.reflection = ReflectionOf(c);
    if (v.reflection && !v.reflection->outcome) {
      v.reflection_deadlines = care::ReflectionDeadlines(*v.reflection);
      v.reflection_days_left = care::ReflectionDaysLeft(*v.reflection, Today());
      for (const auto& d : v.reflection_deadlines) {
        if (d.kind != care::DeadlineKind::kEnd && d.date <= Today()) v.reflection_warning = d.kind;
      }
    }
    if (care::IsActive(care::ParseCaseState(c.state).value_or(care::CaseState::kClosed)) ||
        c.state == "closed") {
      v.transitions = Options(c, facts);
    }
    if (c.person) {
      auto person = s.persons_.Get(actor, *c.person);
      if (!person) return person.error();
      v.person = std::move(person).value();
    }
    return v;
  }

  // A change to one case: authorizes kManageCase, then in one transaction re-reads the case,
  // applies `change` (which returns the history detail), writes the case, its history event and
  // the audit event "case.<action>".
  Result<CaseView> Change(
      const Actor& actor, std::string_view id, const std::string& action,
      const std::function<Result<std::string>(store::Db&, CaseRecord&)>& change) {
    auto allowed = s.LoadForAction(actor, id, Action::kManageCase);
    if (!allowed) return allowed.error();
    auto db = s.database_.Acquire();
    auto written = store::InTransaction<CaseRecord>(*db, [&](store::Db& tx) -> Result<CaseRecord> {
      auto row = Find(tx, id);
      if (!row) return row.error();
      const std::string before = row->state;
      auto detail = change(tx, *row);
      if (!detail) return detail.error();
      row->updated_at = Now();
      CaseRepository repo(tx);
      if (Status st = repo.Update(*row); !st.ok()) return st.error();
      if (Status st = repo.AddEvent(EventOf(actor, *row, action, before, *detail)); !st.ok()) {
        return st.error();
      }
      if (Status st = s.audit_.Record(tx, actor.Event("case." + action, "case", row->id));
          !st.ok()) {
        return st.error();
      }
      return row;
    });
    if (!written) return written.error();
    return View(actor, *written);
  }
};

CaseService::CaseService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                         const security::KeyRing& keys, const care::CareData& care_data,
                         const signals::Catalog& catalog, PersonService& persons,
                         SignalService& signals, security::RandomFill random)
    : database_(database),
      clock_(clock),
      audit_(audit),
      keys_(keys),
      care_data_(care_data),
      catalog_(catalog),
      persons_(persons),
      signals_(signals),
      random_(std::move(random)) {}

Result<CaseRecord> CaseService::LoadForAction(const Actor& actor, std::string_view id,
                                              Action action) {
  Impl impl{*this};
  CaseRecord row;
  std::vector<std::string> shared_with;
  {
    auto db = database_.Acquire();
    auto found = impl.Find(*db, id);
    if (!found) return found.error();
    row = std::move(found).value();
    // Sharing hook: the partners holding a grant in force today (sharing_service.h).
    auto partners = SharingService::PartnersInForce(*db, row.id, impl.TodayText());
    if (!partners) return partners.error();
    shared_with = std::move(partners).value();
  }
  if (Status st = Authorize(database_, audit_, actor, action,
                            CaseResource(row, std::move(shared_with)), "case", row.id);
      !st.ok()) {
    return st.error();
  }
  return row;
}

Status CaseService::MayOpen(const Actor& actor) {
  const Principal& who = actor.principal;
  Resource own{who.organisation, who.regions, "", {}};
  return Authorize(database_, audit_, actor, Action::kOpenCase, own, "case", "");
}

Result<CaseView> CaseService::Open(const Actor& actor, const OpenCaseInput& input) {
  Impl impl{*this};
  // Plain facts first: every problem names its field.
  std::optional<int64_t> age;
  const std::string age_text = TrimSpace(input.age);
  if (!age_text.empty()) {
    if (age_text.size() > 3 || !std::all_of(age_text.begin(), age_text.end(), ::isdigit)) {
      return Error::Invalid("age", "give the age in whole years (0 to 120)");
    }
    age = std::stoll(age_text);
    if (*age > 120) return Error::Invalid("age", "give the age in whole years (0 to 120)");
  }
  for (size_t i = 0; i < input.forms.size(); ++i) {
    if (catalog_.FindForm(input.forms[i]) == nullptr) {
      return Error::Invalid(fmt::format("forms[{}]", i), "unknown form of exploitation");
    }
  }
  const std::string because = TrimSpace(input.opened_directly_because);
  if (Status st = CheckTextLimit("opened_directly_because", because, kTextLimit); !st.ok()) {
    return st.error();
  }
  // The signals, each read as the coordinator (authorized and audited as "signal.read").
  care::NewCase check;
  std::vector<SignalView> sources;
  for (size_t i = 0; i < input.signals.size(); ++i) {
    const std::string field = fmt::format("signals[{}]", i);
    auto signal = signals_.Get(actor, input.signals[i]);
    if (!signal) {
      if (signal.error().code == ErrorCode::kNotFound) {
        return Error::Invalid(field, "no signal with this id");
      }
      return signal.error();
    }
    {
      auto db = database_.Acquire();
      auto in_case = CaseRepository(*db).CaseOfSignal(signal->facts.id);
      if (!in_case) return in_case.error();
      if (*in_case) return Error::Invalid(field, "this signal is already part of a case");
    }
    care::SignalRef ref;
    ref.id = signal->facts.id;
    auto state = TriageStateOf(signal->facts.status);
    if (!state) return Error::Invalid(field, "this signal was not submitted");
    ref.state = *state;
    ref.forwarded_to = signal->facts.forwarded_to.value_or("");
    check.signals.push_back(std::move(ref));
    sources.push_back(std::move(signal).value());
  }
  // The region: as given; else where the first signal went (or its municipality's care region);
  // else the actor's only region.
  check.region = TrimSpace(input.region);
  if (check.region.empty() && !sources.empty()) {
    const SignalView& first = sources.front();
    if (first.facts.forwarded_region) {
      check.region = *first.facts.forwarded_region;
    } else if (const signals::ForwardTarget* t = first.advice.Find("care_coordinator");
               t != nullptr) {
      check.region = t->region;
    }
  }
  if (check.region.empty() && actor.principal.regions.size() == 1) {
    check.region = actor.principal.regions.front();
  }
  check.opened_directly_because = because;
  if (Status st = care::CheckNewCase(check); !st.ok()) return st.error();
  {
    auto db = database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(check.region);
    if (!org) return org.error();
    if (!org->has_value() || (*org)->kind != "region") {
      return Error::Invalid("region", "not a region (use the region's code)");
    }
  }
  Resource region{check.region, {check.region}, "", {}};
  if (Status st = Authorize(database_, audit_, actor, Action::kOpenCase, region, "case", "");
      !st.ok()) {
    return st.error();
  }
  // The person: identity as given, else from the first signal that has one.
  PersonInput person;
  person.organisation = check.region;
  person.identity = input.identity;
  person.gender = input.gender;
  person.nationality = input.nationality;
  for (const SignalView& sv : sources) {
    if (person.identity == store::PersonIdentity{}) person.identity = sv.victim;
    if (!person.gender) person.gender = sv.facts.victim_gender;
    if (!person.nationality) person.nationality = sv.facts.victim_nationality;
  }
  auto sealed_person = persons_.SealNew(actor, person);
  if (!sealed_person) return sealed_person.error();

  CaseRecord row;
  row.id = security::NewUuid(random_);
  row.region = check.region;
  row.coordinator = actor.principal.user.empty() ? std::nullopt
                                                 : std::optional<std::string>(actor.principal.user);
  row.state = care::CaseStateName(care::CaseState::kRegistered);
  row.person = sealed_person->row.facts.id;
  row.acute = input.acute;
  row.forms = input.forms;
  row.age = age;
  row.gender = sealed_person->row.facts.gender;
  row.nationality = sealed_person->row.facts.nationality;
  std::set<std::string> forms(row.forms.begin(), row.forms.end());
  for (const SignalView& sv : sources) {
    if (!row.municipality) row.municipality = sv.facts.organisation;
    if (input.forms.empty()) {
      for (const auto& f : sv.facts.forms) {
        if (forms.insert(f).second) row.forms.push_back(f);
      }
    }
    if (!row.age && sv.facts.victim_age) row.age = sv.facts.victim_age;
    if (row.age_group == "unknown") row.age_group = sv.facts.victim_age_group;
    const signals::Urgency* u =
        sv.facts.urgency ? catalog_.FindUrgency(*sv.facts.urgency) : nullptr;
    if (u != nullptr && u->rank == 1) row.acute = true;
  }
  if (row.age) row.age_group = *row.age < 18 ? "minor" : "adult";
  row.created_by = impl.ActorId(actor);
  row.created_at = impl.Now();
  row.updated_at = row.created_at;
  row.sealed.opened_directly_because =
      sources.empty() ? impl.Seal(kCases, "opened_directly_because", row.id, because)
                      : std::nullopt;
  std::string detail = "direct";
  if (!sources.empty()) {
    detail.clear();
    for (const SignalView& sv : sources) detail += (detail.empty() ? "" : ", ") + sv.reference;
  }
  // The case's person can be suggested as "possibly the same person" (match_service.h).
  const PendingEncoding encoding =
      EncodeForStore(LinkageKeyOf(keys_), {kPersonRecord, row.person.value()}, row.region,
                     sealed_person->linkable, row.created_at);
  auto db = database_.Acquire();
  auto written = store::InTransaction<CaseRecord>(*db, [&](store::Db& tx) -> Result<CaseRecord> {
    if (Status st = store::PersonRepository(tx).Insert(sealed_person->row); !st.ok()) {
      return st.error();
    }
    if (Status st = StoreEncoding(tx, encoding); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("person.create", "person", row.person.value()));
        !st.ok()) {
      return st.error();
    }
    CaseRepository repo(tx);
    auto seq = repo.NextSeq();
    if (!seq) return seq.error();
    row.seq = *seq;
    if (Status st = repo.Insert(row); !st.ok()) return st.error();
    for (const SignalView& sv : sources) {
      if (Status st = repo.LinkSignal(row.id, sv.facts.id); !st.ok()) return st.error();
    }
    if (Status st = repo.AddEvent(impl.EventOf(actor, row, "open", "", detail)); !st.ok()) {
      return st.error();
    }
    if (Status st = audit_.Record(tx, actor.Event("case.open", "case", row.id)); !st.ok()) {
      return st.error();
    }
    return row;
  });
  if (!written) return written.error();
  return impl.View(actor, *written);
}

Result<CaseView> CaseService::Get(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto row = LoadForAction(actor, id, Action::kViewCase);
  if (!row) return row.error();
  auto view = impl.View(actor, *row);
  const auto result = view ? security::AuditResult::kSuccess : security::AuditResult::kFailure;
  if (Status st = audit_.Record(database_, actor.Event("case.read", "case", row->id, result));
      !st.ok()) {
    return st.error();
  }
  return view;
}

Result<CaseOverview> CaseService::Overview(const Actor& actor) {
  Impl impl{*this};
  const Principal& who = actor.principal;
  Resource own{who.organisation, who.regions, "", {}};
  if (Status st = Authorize(database_, audit_, actor, Action::kViewCase, own, "case", "dashboard");
      !st.ok()) {
    return st.error();
  }
  CaseOverview out;
  std::vector<care::CaseSummary> summaries;
  {
    auto db = database_.Acquire();
    store::CaseQuery q;
    if (!who.system) {
      q.regions = who.regions;
      if (!who.organisation.empty()) q.regions.push_back(who.organisation);
    }
    CaseRepository repo(*db);
    auto rows = repo.List(q);
    if (!rows) return rows.error();
    std::vector<std::string> ids;
    for (auto& c : *rows) {
      // The query is a pre-filter; the policy decides.
      if (!Decide(who, Action::kViewCase, CaseResource(c)).allowed) continue;
      ids.push_back(c.id);
      out.cases.push_back({std::move(c), ""});
    }
    auto items = repo.ItemsOf(ids);
    if (!items) return items.error();
    for (auto& item : out.cases) {
      const CaseRecord& c = item.record;
      item.reference = CaseReference(c.seq);
      care::CaseSummary sum;
      sum.case_id = c.id;
      sum.coordinator = c.coordinator.value_or("");
      sum.state = care::ParseCaseState(c.state).value_or(care::CaseState::kClosed);
      sum.acute = c.acute;
      std::vector<store::CarePlanItemRow> own_items;
      for (const auto& i : *items) {
        if (i.case_id == c.id) own_items.push_back(i);
      }
      sum.items = PlanOf(own_items);
      sum.reflection = ReflectionOf(c);
      summaries.push_back(std::move(sum));
    }
  }
  out.dashboard = care::BuildDashboard(summaries, who.user, impl.Today());
  if (Status st = audit_.Record(database_, actor.Event("case.list", "case", "dashboard"));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<std::optional<CaseListItem>> CaseService::CaseOfSignal(const Actor& actor,
                                                              std::string_view signal) {
  std::optional<CaseRecord> row;
  {
    auto db = database_.Acquire();
    auto id = CaseRepository(*db).CaseOfSignal(signal);
    if (!id) return id.error();
    if (!*id) return std::optional<CaseListItem>();
    auto found = CaseRepository(*db).Find(**id);
    if (!found) return found.error();
    row = std::move(*found);
  }
  if (!row || !Decide(actor.principal, Action::kViewCase, CaseResource(*row)).allowed) {
    return std::optional<CaseListItem>();
  }
  const std::string reference = CaseReference(row->seq);
  return std::optional<CaseListItem>(CaseListItem{std::move(*row), reference});
}

Result<CaseView> CaseService::Transition(const Actor& actor, std::string_view id,
                                         const TransitionInput& input) {
  Impl impl{*this};
  auto transition = care::ParseCaseTransition(input.transition);
  if (!transition) {
    return Error::Invalid("transition",
                          "use start_intake, start_care, start_aftercare, close, reopen or "
                          "transfer");
  }
  auto allowed = LoadForAction(actor, id, Action::kManageCase);
  if (!allowed) return allowed.error();
  const std::string action = care::CaseTransitionName(*transition);
  // The policy allowed kManageCase: a care coordinator serving the case's region (or the
  // operator on the command line).
  const care::CaseActor who{actor.principal.system || actor.principal.Has(Role::kCareCoordinator),
                            true};
  std::optional<Error> refusal;
  std::string refused_in;
  auto db = database_.Acquire();
  auto written = store::InTransaction<CaseRecord>(*db, [&](store::Db& tx) -> Result<CaseRecord> {
    auto row = impl.Find(tx, id);
    if (!row) return row.error();
    auto from = care::ParseCaseState(row->state);
    if (!from) return Error::Internal("case has an unknown state");
    auto facts = GatherCaseFacts(tx, *row, queries_);
    if (!facts) return facts.error();
    care::CaseStep step{*transition, TrimSpace(input.closing_reason), impl.Today()};
    auto to = care::ApplyCaseTransition(*from, step, *facts, who, care_data_);
    if (!to) {
      refusal = to.error();
      refused_in = row->state;
      return to.error();
    }
    const std::string before = row->state;
    row->state = care::CaseStateName(*to);
    std::string detail;
    if (*transition == care::CaseTransition::kClose) {
      row->closed_on = impl.TodayText();
      row->closing_reason = step.closing_reason;
      detail = step.closing_reason;
    } else if (*transition == care::CaseTransition::kReopen) {
      row->closing_reason.reset();
    }
    row->updated_at = impl.Now();
    CaseRepository repo(tx);
    if (Status st = repo.Update(*row); !st.ok()) return st.error();
    if (Status st = repo.AddEvent(impl.EventOf(actor, *row, action, before, detail)); !st.ok()) {
      return st.error();
    }
    if (Status st = audit_.Record(tx, actor.Event("case." + action, "case", row->id)); !st.ok()) {
      return st.error();
    }
    return row;
  });
  if (!written && refusal) {
    // The refusal stays on record: a denial in the audit trail, the reason in the history.
    auto recorded = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
      store::CaseEvent e;
      e.case_id = allowed->id;
      e.at = impl.Now();
      e.actor = impl.ActorId(actor);
      e.action = action;
      e.from_state = refused_in;
      e.to_state = refused_in;
      e.result = "refused";
      e.field = refusal->field;
      e.detail = refusal->message;
      if (Status st = CaseRepository(tx).AddEvent(e); !st.ok()) return st.error();
      if (Status st = audit_.Record(
              tx, actor.Event("case." + action, "case", allowed->id, security::AuditResult::kDeny));
          !st.ok()) {
        return st.error();
      }
      return true;
    });
    if (!recorded) return recorded.error();
    return *refusal;
  }
  if (!written) return written.error();
  return impl.View(actor, *written);
}

Result<CaseView> CaseService::RecordConsent(const Actor& actor, std::string_view id,
                                            const ConsentInput& in) {
  Impl impl{*this};
  const std::string reason = TrimSpace(in.override_reason);
  if (Status st = CheckTextLimit("override_reason", reason, kTextLimit); !st.ok()) {
    return st.error();
  }
  if (!in.recorded && reason.empty()) {
    return Error::Invalid("consent",
                          "record the person's consent, or give the reason to go on without it");
  }
  return impl.Change(actor, id, "consent", [&](store::Db&, CaseRecord& c) -> Result<std::string> {
    c.consent_recorded = in.recorded;
    c.sealed.consent_override = impl.Seal(kCases, "consent_override", c.id, reason);
    return std::string(in.recorded ? "recorded" : "override");
  });
}

Result<CaseView> CaseService::AddPlanItem(const Actor& actor, std::string_view id,
                                          const PlanItemInput& in) {
  Impl impl{*this};
  store::CarePlanItemRow item;
  item.id = security::NewUuid(random_);
  item.domain = TrimSpace(in.domain);
  item.responsible_organisation = TrimSpace(in.responsible_organisation);
  const std::string description = TrimSpace(in.description);
  if (Status st = CheckTextLimit("description", description, kTextLimit); !st.ok()) {
    return st.error();
  }
  if (Status st = CheckTextLimit("responsible_organisation", item.responsible_organisation, 200);
      !st.ok()) {
    return st.error();
  }
  care::CarePlanItem check;
  check.id = item.id;
  check.domain = item.domain;
  check.responsible_organisation = item.responsible_organisation;
  if (!TrimSpace(in.due_on).empty()) {
    auto due = DateOf(in.due_on);
    if (!due) return Error::Invalid("due_on", "use a real date like 2026-12-31");
    check.due = due;
    item.due_on = care::FormatDate(*due);
  }
  if (Status st = care::ValidateCarePlan({check}, care_data_); !st.ok()) {
    Error e = st.error();
    // "items[0].domain" → "domain": the form has one item.
    if (auto dot = e.field.find('.'); dot != std::string::npos) e.field = e.field.substr(dot + 1);
    return e;
  }
  return impl.Change(
      actor, id, "plan_item_add", [&](store::Db& tx, CaseRecord& c) -> Result<std::string> {
        if (!care::IsActive(care::ParseCaseState(c.state).value_or(care::CaseState::kClosed))) {
          return Error::Conflict("this case is no longer active; reopen it first");
        }
        item.case_id = c.id;
        item.description = impl.Seal(kItems, "description", item.id, description);
        item.created_by = impl.ActorId(actor);
        item.created_at = impl.Now();
        item.updated_at = item.created_at;
        if (Status st = CaseRepository(tx).InsertItem(item); !st.ok()) {
          return st.error();
        }
        return fmt::format("{} {}", item.id, item.domain);
      });
}

Result<CaseView> CaseService::ChangePlanItem(const Actor& actor, std::string_view id,
                                             std::string_view item_id,
                                             const PlanItemChange& change) {
  Impl impl{*this};
  std::optional<care::ItemStatus> status;
  if (change.status) {
    status = care::ParseItemStatus(*change.status);
    if (!status) return Error::Invalid("status", "use open, in_progress, done or cancelled");
  }
  std::optional<std::optional<std::string>> due;
  if (change.due_on) {
    if (TrimSpace(*change.due_on).empty()) {
      due = std::optional<std::string>();
    } else {
      auto d = DateOf(*change.due_on);
      if (!d) return Error::Invalid("due_on", "use a real date like 2026-12-31");
      due = care::FormatDate(*d);
    }
  }
  if (change.responsible_organisation && TrimSpace(*change.responsible_organisation).empty()) {
    return Error::Invalid("responsible_organisation", "name the organisation responsible");
  }
  return impl.Change(
      actor, id, "plan_item_change", [&](store::Db& tx, CaseRecord& c) -> Result<std::string> {
        CaseRepository repo(tx);
        auto found = repo.FindItem(item_id);
        if (!found) return found.error();
        if (!found->has_value() || (*found)->case_id != c.id) {
          return Error::NotFound("no care-plan item with this id in this case");
        }
        store::CarePlanItemRow item = std::move(**found);
        std::string detail = item.id;
        if (status) {
          auto from = care::ParseItemStatus(item.status).value_or(care::ItemStatus::kOpen);
          if (*status != from) {
            auto to = care::ChangeItemStatus(from, *status);
            if (!to) {
              Error e = to.error();
              if (e.field.empty()) e.field = "status";
              return e;
            }
            item.status = care::ItemStatusName(*to);
            detail += " " + item.status;
          }
        }
        if (due) item.due_on = *due;
        if (change.responsible_organisation) {
          item.responsible_organisation = TrimSpace(*change.responsible_organisation);
        }
        item.updated_at = impl.Now();
        if (Status st = repo.UpdateItem(item); !st.ok()) return st.error();
        return detail;
      });
}

Result<CaseView> CaseService::StartReflection(const Actor& actor, std::string_view id,
                                              std::string_view start) {
  Impl impl{*this};
  auto date = DateOf(start);
  if (!date) return Error::Invalid("reflection_start", "use a real date like 2026-11-30");
  auto period = care::StartReflectionPeriod(*date);
  if (!period) return period.error();
  return impl.Change(actor, id, "reflection_start",
                     [&](store::Db&, CaseRecord& c) -> Result<std::string> {
                       if (c.reflection_start) {
                         return Error::Conflict("the reflection period was started already");
                       }
                       c.reflection_start = care::FormatDate(period->start);
                       c.reflection_last_day = care::FormatDate(period->last_day);
                       return *c.reflection_start;
                     });
}

Result<CaseView> CaseService::RecordReflectionOutcome(const Actor& actor, std::string_view id,
                                                      std::string_view outcome,
                                                      std::string_view on) {
  Impl impl{*this};
  auto parsed = care::ParseReflectionOutcome(TrimSpace(outcome));
  if (!parsed) {
    return Error::Invalid("reflection_outcome",
                          "use reported_crime, cooperates, cannot_cooperate or none");
  }
  care::Date when = impl.Today();
  if (!TrimSpace(on).empty()) {
    auto d = DateOf(on);
    if (!d) return Error::Invalid("reflection_outcome_on", "use a real date like 2026-12-31");
    when = *d;
  }
  return impl.Change(
      actor, id, "reflection_outcome", [&](store::Db&, CaseRecord& c) -> Result<std::string> {
        auto period = ReflectionOf(c);
        if (!period) {
          return Error::Invalid("reflection_start", "start the reflection period first");
        }
        auto recorded = care::RecordReflectionOutcome(*period, *parsed, when);
        if (!recorded) return recorded.error();
        c.reflection_outcome = care::ReflectionOutcomeName(*parsed);
        c.reflection_outcome_on = care::FormatDate(when);
        return *c.reflection_outcome;
      });
}

Result<RegistrationView> CaseService::Registration(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto row = LoadForAction(actor, id, Action::kViewCase);
  if (!row) return row.error();
  RegistrationView out;
  out.recorded = row->registered_on.has_value();
  care::RegistrationRecord& r = out.record;
  r.case_reference = CaseReference(row->seq);
  r.registered_on = row->registered_on ? care::ParseDate(*row->registered_on).value_or(impl.Today())
                                       : impl.Today();
  r.forms = row->forms;
  r.nationality = row->nationality ? CountryAlpha2(*row->nationality) : "";
  r.gender = RegistrationGender(row->gender);
  if (row->age) r.age = static_cast<int>(*row->age);
  // The age on the registration date from the date of birth, when known (an audited read).
  if (row->person) {
    auto person = persons_.Get(actor, *row->person);
    if (!person) return person.error();
    if (person->identity.date_of_birth) {
      auto born = care::ParseDate(*person->identity.date_of_birth);
      if (born && *born <= r.registered_on) r.age = care::AgeOn(*born, r.registered_on);
    }
  }
  {
    auto db = database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(row->region);
    if (!org) return org.error();
    r.reporting_organisation = org->has_value() ? (*org)->name : row->region;
  }
  r.reporting_organisation_kind = "care_coordinator";
  std::vector<std::string> forms;
  for (const auto& f : catalog_.forms) forms.push_back(f.id);
  if (Status st = care::ValidateRegistration(r, forms); !st.ok()) return st.error();
  if (Status st = audit_.Record(database_, actor.Event("case.registration", "case", row->id));
      !st.ok()) {
    return st.error();
  }
  return out;
}

Result<CaseView> CaseService::RecordRegistration(const Actor& actor, std::string_view id,
                                                 std::string_view on) {
  Impl impl{*this};
  care::Date when = impl.Today();
  if (!TrimSpace(on).empty()) {
    auto d = DateOf(on);
    if (!d) return Error::Invalid("registered_on", "use a real date like 2026-12-31");
    if (*d > impl.Today()) return Error::Invalid("registered_on", "the date is in the future");
    when = *d;
  }
  return impl.Change(
      actor, id, "registration", [&](store::Db&, CaseRecord& c) -> Result<std::string> {
        if (c.registered_on) {
          return Error::Conflict("the registration with CoMensha is recorded already");
        }
        c.registered_on = care::FormatDate(when);
        c.registered_by = impl.ActorId(actor);
        return *c.registered_on;
      });
}

}  // namespace schakel::app
