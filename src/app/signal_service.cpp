#include "app/signal_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/access.h"
#include "app/linkage_encoding.h"
#include "security/blind_index.h"
#include "security/field_cipher.h"
#include "store/organisation_repository.h"

namespace schakel::app {

using store::SignalFacts;
using store::SignalRecord;
using Json = nlohmann::json;

namespace {

constexpr const char* kSignals = "signals";
constexpr const char* kAdditions = "signal_additions";
constexpr const char* kReferenceIndex = "signal.reference";
constexpr const char* kExternalActor = "external";
constexpr std::size_t kAdditionLimit = 5000;
// Crockford-like: no 0/O, 1/I/L, so a code read over the phone survives.
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr std::size_t kCodeLength = 12;

std::string IdentityJson(const store::PersonIdentity& id) {
  Json doc = Json::object();
  for (const IdentityField& f : kIdentityFields) {
    if (id.*f.member) doc[f.name] = *(id.*f.member);
  }
  return doc.dump();
}

store::PersonIdentity IdentityFrom(const std::string& text) {
  store::PersonIdentity id;
  auto doc = Json::parse(text, nullptr, false);
  if (!doc.is_object()) return id;
  for (const IdentityField& f : kIdentityFields) {
    if (doc.contains(f.name) && doc[f.name].is_string())
      id.*f.member = doc[f.name].get<std::string>();
  }
  return id;
}

bool IsEmpty(const store::PersonIdentity& id) {
  return id == store::PersonIdentity{};
}

std::optional<signals::TriageState> TriageStateOf(std::string_view status) {
  using S = signals::TriageState;
  for (S s : {S::kNew, S::kAssessed, S::kForwarded, S::kClosed}) {
    if (status == signals::TriageStateName(s)) return s;
  }
  return std::nullopt;
}

std::optional<signals::LabourPosition> LabourPositionOf(std::string_view name) {
  using L = signals::LabourPosition;
  for (L p :
       {L::kNoIndication, L::kBadEmploymentPractice, L::kSeriousDisadvantage, L::kExploitation}) {
    if (name == signals::LabourPositionName(p)) return p;
  }
  return std::nullopt;
}

signals::AgeGroup AgeGroupOf(std::string_view group) {
  if (group == "minor") return signals::AgeGroup::kMinor;
  if (group == "adult") return signals::AgeGroup::kAdult;
  return signals::AgeGroup::kUnknown;
}

bool ParseElementState(std::string_view text, signals::ElementState* out) {
  using E = signals::ElementState;
  for (E s : {E::kPresent, E::kAbsent, E::kUnknown}) {
    if (text == signals::ElementStateName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

Json LabourJson(const signals::LabourFacts& l) {
  return {{"labour_law_violations", l.labour_law_violations},
          {"multiple_dependency", l.multiple_dependency},
          {"very_poor_circumstances", l.very_poor_circumstances},
          {"restricted_basic_freedoms", l.restricted_basic_freedoms}};
}

signals::LabourFacts LabourFrom(const Json& j) {
  signals::LabourFacts l;
  l.labour_law_violations = j.value("labour_law_violations", false);
  l.multiple_dependency = j.value("multiple_dependency", false);
  l.very_poor_circumstances = j.value("very_poor_circumstances", false);
  l.restricted_basic_freedoms = j.value("restricted_basic_freedoms", false);
  return l;
}

bool HasForm(const std::vector<std::string>& forms, std::string_view form) {
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}

// The test's input from the stored findings and the signal's facts (age, forms).
signals::ThreeElementInput TestInputOf(const SignalFacts& f, const Json& states,
                                       const Json& notes) {
  signals::ThreeElementInput in;
  auto element = [&](const char* key, signals::ElementFinding& out) {
    ParseElementState(states.value(key, "unknown"), &out.state);
    out.note = notes.is_object() ? notes.value(key, "") : "";
  };
  element("act", in.act);
  element("means", in.means);
  element("purpose", in.purpose);
  in.age = AgeGroupOf(f.victim_age_group);
  in.forms = f.forms;
  in.smuggling.crossed_border_with_help = states.value("crossed_border_with_help", false);
  in.smuggling.by_own_choice = states.value("by_own_choice", false);
  if (states.contains("labour") && states["labour"].is_object()) {
    in.labour = LabourFrom(states["labour"]);
  }
  return in;
}

SignalStatusView StatusOf(const SignalFacts& f) {
  return {f.id,      SignalReference(f.seq), f.organisation, f.status,
          f.urgency, f.created_at,           f.submitted_at, f.forwarded_to};
}

std::string NormaliseCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out += c;
  }
  return out;
}

}  // namespace

std::string SignalReference(int64_t seq) {
  return fmt::format("S{:06d}", seq);
}

// Everything that needs the service's collaborators but is not part of its interface.
struct SignalService::Impl {
  SignalService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const { return Now().substr(0, 10); }

  std::optional<std::string> Seal(const SignalFacts& f, const char* column,
                                  const std::string& plain) const {
    if (plain.empty()) return std::nullopt;
    return security::EncryptField(s.keys_, {kSignals, column, f.id}, plain, s.random_);
  }

  Result<std::string> Unseal(const SignalFacts& f, const char* column,
                             const std::optional<std::string>& sealed) const {
    if (!sealed) return std::string();
    auto plain = security::DecryptField(s.keys_, {kSignals, column, f.id}, *sealed);
    if (!plain) {
      Error e = plain.error();
      e.message = fmt::format("signal {}, field {}: {}", f.id, column, e.message);
      return e;
    }
    return plain;
  }

  std::string ReferenceHash(std::string_view code) const {
    const security::BlindIndex index(s.keys_.Derived(security::KeyPurpose::kBlindIndex));
    return index.Compute(kReferenceIndex, NormaliseCode(code));
  }

  // The municipality must exist and be valid today.
  Status CheckMunicipality(const char* field, const std::string& code) const {
    auto db = s.database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(code);
    if (!org) return org.error();
    const std::string today = Today();
    if (!org->has_value() || (*org)->kind != "municipality" || (*org)->valid_from > today ||
        ((*org)->valid_to && *(*org)->valid_to <= today)) {
      return Error::Invalid(field, "not a current municipality (use its CBS code, GM0363)");
    }
    return {};
  }

  Result<Resource> ResourceOf(const SignalFacts& f) const {
    auto db = s.database_.Acquire();
    auto on = OrganisationResource(*db, f.organisation, Today());
    if (!on) return on.error();
    on->owner = f.created_by;
    return on;
  }

  // A draft belongs to its author until it is submitted: anyone else is refused (and audited).
  Status OwnDraft(const Actor& actor, const SignalFacts& f) const {
    if (f.created_by == actor.principal.user && !actor.principal.user.empty()) return {};
    if (Status st =
            s.audit_.Record(s.database_, actor.Event(ActionName(Action::kFileSignal), "signal",
                                                     f.id, security::AuditResult::kDeny));
        !st.ok()) {
      return st;
    }
    return Error::Forbidden("a draft is visible only to the person writing it");
  }

  Status Allow(const Actor& actor, Action action, const SignalFacts& f) const {
    auto on = ResourceOf(f);
    if (!on) return on.error();
    return Authorize(s.database_, s.audit_, actor, action, *on, "signal", f.id);
  }

  // The care-coordination region serving a municipality; the safety region stands in while no
  // care regions are loaded.
  signals::RegionLookup Regions() const {
    return [this](std::string_view municipality) -> std::optional<std::string> {
      auto db = s.database_.Acquire();
      auto regions = store::OrganisationRepository(*db).RegionsOf(municipality, Today());
      if (!regions) return std::nullopt;
      for (const char* kind : {"care_region", "safety_region"}) {
        for (const auto& r : *regions) {
          if (r.region_kind == kind) return r.code;
        }
      }
      return std::nullopt;
    };
  }

  // From the plain facts only (the labour position is stored with the assessment), so deciding
  // a triage step needs no decryption.
  signals::RoutingAdvice Advice(const SignalFacts& f) const {
    signals::RoutingFacts facts;
    facts.municipality = f.organisation;
    facts.urgency = f.urgency.value_or("");
    facts.age = AgeGroupOf(f.victim_age_group);
    facts.living_at_home = f.victim_living_at_home;
    facts.forms = f.forms;
    if (f.labour_position) facts.labour = LabourPositionOf(*f.labour_position);
    return signals::Route(s.routing_, facts, Regions());
  }

  // Fills the facts and sealed content of `row` from validated input (everything but the
  // bookkeeping and the triage columns).
  void Fill(const SignalInput& in, SignalRecord& row) const {
    SignalFacts& f = row.facts;
    auto opt = [](const std::string& v) {
      return v.empty() ? std::nullopt : std::optional<std::string>(v);
    };
    f.channel = opt(in.channel);
    f.urgency = opt(in.urgency);
    f.observed_on = opt(in.observed_on);
    f.observed_municipality = opt(in.observed_municipality);
    f.postal_area = opt(in.postal_area);
    f.forms = in.forms;
    f.indicators = in.indicators;
    f.risk_factors = in.risk_factors;
    f.victim_age =
        in.victim_age.empty() ? std::nullopt : std::optional<int64_t>(std::stoll(in.victim_age));
    f.victim_age_group = in.victim_age_group.empty() ? "unknown" : in.victim_age_group;
    f.victim_gender = in.victim.gender;
    f.victim_nationality = in.victim.nationality;
    f.victim_language = opt(in.victim_language);
    f.victim_living_at_home = in.victim_living_at_home;
    row.sealed.description = Seal(f, "description", in.description);
    row.sealed.perpetrators = Seal(f, "perpetrators", in.perpetrators);
    row.sealed.victim_identity = IsEmpty(in.victim.identity)
                                     ? std::nullopt
                                     : Seal(f, "victim_identity", IdentityJson(in.victim.identity));
  }

  // The stored signal as input again (to re-validate a draft on submission).
  Result<SignalInput> InputOf(const SignalRecord& row) const {
    const SignalFacts& f = row.facts;
    SignalInput in;
    in.organisation = f.organisation;
    in.channel = f.channel.value_or("");
    in.urgency = f.urgency.value_or("");
    in.observed_on = f.observed_on.value_or("");
    in.observed_municipality = f.observed_municipality.value_or("");
    in.postal_area = f.postal_area.value_or("");
    in.forms = f.forms;
    in.indicators = f.indicators;
    in.risk_factors = f.risk_factors;
    in.victim_age = f.victim_age ? std::to_string(*f.victim_age) : "";
    in.victim_age_group = f.victim_age_group;
    in.victim.gender = f.victim_gender;
    in.victim.nationality = f.victim_nationality;
    in.victim_language = f.victim_language.value_or("");
    in.victim_living_at_home = f.victim_living_at_home;
    auto description = Unseal(f, "description", row.sealed.description);
    if (!description) return description.error();
    in.description = *description;
    auto perpetrators = Unseal(f, "perpetrators", row.sealed.perpetrators);
    if (!perpetrators) return perpetrators.error();
    in.perpetrators = *perpetrators;
    auto identity = Unseal(f, "victim_identity", row.sealed.victim_identity);
    if (!identity) return identity.error();
    if (!identity->empty()) in.victim.identity = IdentityFrom(*identity);
    return in;
  }

  // The possible victim's identity in the linkage schema's terms (decrypts the identity).
  Result<LinkageIdentity> LinkageIdentityOf(const SignalRecord& row) const {
    auto plain = Unseal(row.facts, "victim_identity", row.sealed.victim_identity);
    if (!plain) return plain.error();
    const store::PersonIdentity id =
        plain->empty() ? store::PersonIdentity{} : IdentityFrom(*plain);
    LinkageIdentity out;
    out.given_names = id.given_names.value_or("");
    out.family_name = id.family_name.value_or("");
    out.date_of_birth = id.date_of_birth.value_or("");
    out.gender = row.facts.victim_gender.value_or("");
    out.nationality = row.facts.victim_nationality.value_or("");
    return out;
  }

  // Validation plus the database checks of the municipalities; the first problem.
  Result<SignalInput> Validated(const SignalInput& raw, Completeness completeness) const {
    auto v = ValidateSignal(raw, s.catalog_, Today(), completeness);
    if (!v.ok()) return v.problems.front();
    if (!v.input.organisation.empty()) {
      if (Status st = CheckMunicipality("organisation", v.input.organisation); !st.ok()) {
        return st.error();
      }
    }
    if (!v.input.observed_municipality.empty()) {
      if (Status st = CheckMunicipality("observed_municipality", v.input.observed_municipality);
          !st.ok()) {
        return st.error();
      }
    }
    return v.input;
  }

  // Validated input becomes a new signal (inserted or the submitted draft), with its event.
  Result<SignalView> Submitted(const Actor& actor, const SignalInput& input, SignalRecord& row,
                               bool insert) const;

  SignalRecord NewRecord(const Actor& actor, const std::string& organisation) const {
    SignalRecord row;
    row.facts.id = security::NewUuid(s.random_);
    row.facts.organisation = organisation;
    row.facts.created_by = actor.principal.user.empty() ? kExternalActor : actor.principal.user;
    row.facts.created_at = Now();
    row.facts.updated_at = row.facts.created_at;
    return row;
  }

  store::SignalEvent EventOf(const Actor& actor, const SignalFacts& f, const char* action,
                             const std::string& from, std::string detail = {}) const {
    return {f.id,
            Now(),
            actor.principal.user.empty() ? kExternalActor : actor.principal.user,
            action,
            from,
            f.status,
            std::move(detail)};
  }

  // Inserts (seq assigned here) or updates the row, with its signal event and audit event, in
  // one transaction.
  Status Write(const Actor& actor, SignalRecord& row, bool insert, const char* audit_action,
               std::optional<store::SignalEvent> event) const {
    // A signal becomes linkable when it is submitted (drafts are not): its possible victim's
    // encoding is stored with it (linkage_encoding.h).
    std::optional<PendingEncoding> encoding;
    if (row.facts.status != "draft" && event && event->action == "submit") {
      auto identity = LinkageIdentityOf(row);
      if (!identity) return identity.error();
      encoding = EncodeForStore(LinkageKeyOf(s.keys_), {kSignalRecord, row.facts.id},
                                row.facts.organisation, *identity, Now());
    }
    auto db = s.database_.Acquire();
    auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
      store::SignalRepository repo(tx);
      if (insert) {
        auto seq = repo.NextSeq();
        if (!seq) return seq.error();
        row.facts.seq = *seq;
        if (Status st = repo.Insert(row); !st.ok()) return st.error();
      } else if (Status st = repo.Update(row); !st.ok()) {
        return st.error();
      }
      if (event) {
        if (Status st = repo.AddEvent(*event); !st.ok()) return st.error();
      }
      if (encoding) {
        if (Status st = StoreEncoding(tx, *encoding); !st.ok()) return st.error();
      }
      if (Status st = s.audit_.Record(tx, actor.Event(audit_action, "signal", row.facts.id));
          !st.ok()) {
        return st.error();
      }
      return true;
    });
    if (!written) return written.error();
    return {};
  }
};

Result<SignalView> SignalService::Impl::Submitted(const Actor& actor, const SignalInput& input,
                                                  SignalRecord& row, bool insert) const {
  Fill(input, row);
  row.facts.status = "new";
  row.facts.submitted_at = Now();
  row.facts.updated_at = *row.facts.submitted_at;
  auto event = EventOf(actor, row.facts, "submit", "draft");
  if (Status st = Write(actor, row, insert, "signal.submit", event); !st.ok()) return st.error();
  return s.Open(actor, row, false);
}

SignalService::SignalService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                             const security::KeyRing& keys, const signals::Catalog& catalog,
                             const signals::RoutingRules& routing, security::RandomFill random)
    : database_(database),
      clock_(clock),
      audit_(audit),
      keys_(keys),
      catalog_(catalog),
      routing_(routing),
      random_(std::move(random)) {}

Result<SignalRecord> SignalService::Load(std::string_view id) {
  auto db = database_.Acquire();
  auto found = store::SignalRepository(*db).Find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound("no signal with this id");
  return std::move(**found);
}

Result<SignalView> SignalService::Open(const Actor& actor, const SignalRecord& row,
                                       bool audit_read) {
  Impl impl{*this};
  const SignalFacts& f = row.facts;
  SignalView v;
  v.facts = f;
  v.reference = SignalReference(f.seq);
  auto content = impl.InputOf(row);
  Result<std::string> notes = impl.Unseal(f, "assessment_notes", row.sealed.assessment_notes);
  if (audit_read) {
    const bool ok = content.ok() && notes.ok();
    if (Status st = audit_.Record(database_, actor.Event("signal.read", "signal", f.id,
                                                         ok ? security::AuditResult::kSuccess
                                                            : security::AuditResult::kFailure));
        !st.ok()) {
      return st.error();
    }
  }
  if (!content) return content.error();
  if (!notes) return notes.error();
  v.description = content->description;
  v.perpetrators = content->perpetrators;
  v.victim = content->victim.identity;
  if (f.assessment) {
    const Json states = Json::parse(*f.assessment, nullptr, false);
    const Json note_doc = notes->empty() ? Json::object() : Json::parse(*notes, nullptr, false);
    SignalAssessment a;
    a.input = TestInputOf(f, states.is_object() ? states : Json::object(), note_doc);
    a.result = signals::EvaluateThreeElements(a.input);
    v.assessment = std::move(a);
  }
  v.advice = impl.Advice(f);
  const signals::Urgency* urgency = f.urgency ? catalog_.FindUrgency(*f.urgency) : nullptr;
  v.emergency_guidance =
      v.advice.emergency_guidance || (urgency != nullptr && !urgency->guidance.nl.empty());
  auto db = database_.Acquire();
  store::SignalRepository repo(*db);
  auto events = repo.Events(f.id);
  if (!events) return events.error();
  v.events = std::move(events).value();
  auto additions = repo.Additions(f.id);
  if (!additions) return additions.error();
  for (const auto& a : *additions) {
    auto text = security::DecryptField(keys_, {kAdditions, "text", a.id}, a.text);
    if (!text) return text.error();
    v.additions.push_back({a.added_at, std::move(text).value()});
  }
  return v;
}

Result<SignalView> SignalService::SaveDraft(const Actor& actor, std::string_view id,
                                            const SignalInput& raw) {
  Impl impl{*this};
  SignalInput with_org = raw;
  if (with_org.organisation.empty()) with_org.organisation = actor.principal.organisation;
  auto input = impl.Validated(with_org, Completeness::kDraft);
  if (!input) return input.error();
  SignalRecord row;
  const bool insert = id.empty();
  if (insert) {
    row = impl.NewRecord(actor, input->organisation);
    row.facts.status = "draft";
  } else {
    auto loaded = Load(id);
    if (!loaded) return loaded.error();
    row = std::move(loaded).value();
    if (Status st = impl.OwnDraft(actor, row.facts); !st.ok()) return st.error();
    if (row.facts.status != "draft") {
      return Error::Conflict("the signal was submitted; it can no longer be changed as a draft");
    }
    if (input->organisation != row.facts.organisation) {
      return Error::Invalid("organisation", "a draft stays with the municipality it was begun for");
    }
  }
  if (Status st = impl.Allow(actor, Action::kFileSignal, row.facts); !st.ok()) return st.error();
  impl.Fill(*input, row);
  row.facts.updated_at = impl.Now();
  if (Status st = impl.Write(actor, row, insert, "signal.draft", std::nullopt); !st.ok()) {
    return st.error();
  }
  return Open(actor, row, false);
}

Result<SignalView> SignalService::Submit(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto loaded = Load(id);
  if (!loaded) return loaded.error();
  SignalRecord row = std::move(loaded).value();
  if (Status st = impl.OwnDraft(actor, row.facts); !st.ok()) return st.error();
  if (row.facts.status != "draft") return Error::Conflict("the signal was already submitted");
  if (Status st = impl.Allow(actor, Action::kFileSignal, row.facts); !st.ok()) return st.error();
  auto current = impl.InputOf(row);
  if (!current) return current.error();
  auto input = impl.Validated(*current, Completeness::kComplete);
  if (!input) return input.error();
  return impl.Submitted(actor, *input, row, false);
}

Result<SignalView> SignalService::Create(const Actor& actor, const SignalInput& raw) {
  Impl impl{*this};
  auto input = impl.Validated(raw, Completeness::kComplete);
  if (!input) return input.error();
  SignalRecord row = impl.NewRecord(actor, input->organisation);
  if (Status st = impl.Allow(actor, Action::kFileSignal, row.facts); !st.ok()) return st.error();
  return impl.Submitted(actor, *input, row, true);
}

Result<SignalView> SignalService::Get(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto loaded = Load(id);
  if (!loaded) return loaded.error();
  const bool draft = loaded->facts.status == "draft";
  if (draft && !actor.principal.system) {
    if (Status st = impl.OwnDraft(actor, loaded->facts); !st.ok()) return st.error();
  }
  const Action action = draft ? Action::kFileSignal : Action::kViewSignal;
  if (Status st = impl.Allow(actor, action, loaded->facts); !st.ok()) return st.error();
  return Open(actor, *loaded, true);
}

Result<SignalStatusView> SignalService::GetStatus(const Actor& actor, std::string_view id) {
  Impl impl{*this};
  auto loaded = Load(id);
  if (!loaded) return loaded.error();
  if (Status st = impl.Allow(actor, Action::kViewSignalStatus, loaded->facts); !st.ok()) {
    return st.error();
  }
  return StatusOf(loaded->facts);
}

Status SignalService::MayFile(const Actor& actor, std::string_view organisation) {
  Impl impl{*this};
  Result<Resource> on = [&]() -> Result<Resource> {
    auto db = database_.Acquire();
    return OrganisationResource(*db, organisation, impl.Today());
  }();
  if (!on) return on.error();
  return Authorize(database_, audit_, actor, Action::kFileSignal, *on, "signal", "new");
}

Result<std::vector<SignalStatusView>> SignalService::Mine(const Actor& actor) {
  if (!actor.principal.authenticated() || actor.principal.user.empty()) {
    return Error::Forbidden("log in to see your signals");
  }
  std::vector<SignalRecord> rows;
  {
    auto db = database_.Acquire();
    store::SignalQuery q;
    q.created_by = actor.principal.user;
    q.include_drafts = true;
    auto listed = store::SignalRepository(*db).List(q);
    if (!listed) return listed.error();
    rows = std::move(listed).value();
  }
  if (Status st = audit_.Record(database_, actor.Event("signal.list", "signal", "own")); !st.ok()) {
    return st.error();
  }
  std::vector<SignalStatusView> out;
  for (const auto& r : rows) out.push_back(StatusOf(r.facts));
  return out;
}

Result<Inbox> SignalService::InboxOf(const Actor& actor, const InboxFilter& filter) {
  Impl impl{*this};
  const Principal& who = actor.principal;
  // Only someone who may read signals of their own region has an inbox; ask once, audited.
  Resource own{who.organisation, who.regions, "", {}};
  if (Status st = Authorize(database_, audit_, actor, Action::kViewSignal, own, "signal", "inbox");
      !st.ok()) {
    return st.error();
  }
  store::SignalQuery q;
  q.statuses =
      filter.statuses.empty() ? std::vector<std::string>{"new", "assessed"} : filter.statuses;
  std::vector<SignalRecord> rows;
  {
    auto db = database_.Acquire();
    if (!who.system) {
      store::OrganisationRepository orgs(*db);
      std::set<std::string> municipalities;
      if (!who.organisation.empty()) municipalities.insert(who.organisation);
      for (const std::string& region : who.regions) {
        store::OrganisationFilter members;
        members.kind = "municipality";
        members.region = region;
        members.valid_on = impl.Today();
        auto listed = orgs.List(members);
        if (!listed) return listed.error();
        for (const auto& m : *listed) municipalities.insert(m.code);
      }
      q.organisations.assign(municipalities.begin(), municipalities.end());
    }
    auto listed = store::SignalRepository(*db).List(q);
    if (!listed) return listed.error();
    rows = std::move(listed).value();
  }
  Inbox inbox;
  auto rank = [&](const SignalFacts& f) {
    const signals::Urgency* u = f.urgency ? catalog_.FindUrgency(*f.urgency) : nullptr;
    return u != nullptr ? u->rank : 1000;
  };
  // Viewing depends on the municipality, not the author: one look-up per municipality.
  std::map<std::string, bool, std::less<>> visible;
  for (auto& r : rows) {
    // A coordinator of a municipality outside every region still sees only what the policy
    // allows; the query is a pre-filter, the policy decides.
    auto known = visible.find(r.facts.organisation);
    if (known == visible.end()) {
      auto on = impl.ResourceOf(r.facts);
      if (!on) return on.error();
      known = visible.emplace(r.facts.organisation, Decide(who, Action::kViewSignal, *on).allowed)
                  .first;
    }
    if (!known->second) continue;
    const bool open = r.facts.status == "new" || r.facts.status == "assessed";
    if (r.facts.status == "new") ++inbox.new_count;
    if (r.facts.status == "assessed") ++inbox.assessed_count;
    if (open && rank(r.facts) == 1) ++inbox.acute_count;
    inbox.signals.push_back(std::move(r.facts));
  }
  std::stable_sort(inbox.signals.begin(), inbox.signals.end(),
                   [&](const SignalFacts& a, const SignalFacts& b) { return rank(a) < rank(b); });
  if (Status st = audit_.Record(database_, actor.Event("signal.list", "signal", "inbox"));
      !st.ok()) {
    return st.error();
  }
  return inbox;
}

Result<SignalView> SignalService::Triage(const Actor& actor, std::string_view id,
                                         const signals::TriageStep& step) {
  Impl impl{*this};
  auto loaded = Load(id);
  if (!loaded) return loaded.error();
  if (loaded->facts.status == "draft") return Error::NotFound("no signal with this id");
  if (Status st = impl.Allow(actor, Action::kTriageSignal, loaded->facts); !st.ok()) {
    return st.error();
  }
  const signals::RoutingAdvice advice = impl.Advice(loaded->facts);
  auto from = TriageStateOf(loaded->facts.status);
  if (!from) return Error::Internal("signal has an unknown status");
  auto to = signals::ApplyTriageStep(*from, step, catalog_, advice);
  if (!to) return to.error();
  SignalRecord row = std::move(loaded).value();
  const std::string before = row.facts.status;
  row.facts.status = signals::TriageStateName(*to);
  row.facts.updated_at = impl.Now();
  std::string detail;
  const char* audit_action = "signal.assess";
  if (step.action == signals::TriageAction::kForward) {
    row.facts.forwarded_to = step.target;
    const signals::ForwardTarget* target = advice.Find(step.target);
    row.facts.forwarded_region =
        target != nullptr && !target->region.empty() ? std::optional(target->region) : std::nullopt;
    detail = step.target;
    audit_action = "signal.forward";
  } else if (step.action == signals::TriageAction::kClose) {
    row.facts.closing_reason = step.closing_reason;
    detail = step.closing_reason;
    audit_action = "signal.close";
  }
  auto event =
      impl.EventOf(actor, row.facts, signals::TriageActionName(step.action), before, detail);
  if (Status st = impl.Write(actor, row, false, audit_action, event); !st.ok()) {
    return st.error();
  }
  return Open(actor, row, false);
}

Result<SignalView> SignalService::Assess(const Actor& actor, std::string_view id,
                                         const AssessmentInput& input) {
  Impl impl{*this};
  Json states = Json::object();
  Json notes = Json::object();
  const std::array<std::pair<const char*, const ElementInput*>, 3> elements = {
      {{"act", &input.act}, {"means", &input.means}, {"purpose", &input.purpose}}};
  for (const auto& [key, element] : elements) {
    signals::ElementState state{};
    if (!ParseElementState(element->state, &state)) {
      return Error::Invalid(key, "use present, absent or unknown");
    }
    if (Status st = CheckTextLimit(std::string(key) + "_note", element->note, 2000); !st.ok()) {
      return st.error();
    }
    states[key] = element->state;
    const std::string note = TrimSpace(element->note);
    if (!note.empty()) notes[key] = note;
  }
  states["crossed_border_with_help"] = input.smuggling.crossed_border_with_help;
  states["by_own_choice"] = input.smuggling.by_own_choice;
  auto loaded = Load(id);
  if (!loaded) return loaded.error();
  if (input.labour && HasForm(loaded->facts.forms, "labour")) {
    states["labour"] = LabourJson(*input.labour);
  }
  // Check the transition first: Triage writes the state; the findings are written with it.
  if (loaded->facts.status == "draft") return Error::NotFound("no signal with this id");
  if (Status st = impl.Allow(actor, Action::kTriageSignal, loaded->facts); !st.ok()) {
    return st.error();
  }
  auto from = TriageStateOf(loaded->facts.status);
  if (!from) return Error::Internal("signal has an unknown status");
  SignalRecord row = std::move(loaded).value();
  signals::TriageStep step;
  step.action = signals::TriageAction::kAssess;
  auto to = signals::ApplyTriageStep(*from, step, catalog_, signals::RoutingAdvice{});
  if (!to) return to.error();
  row.facts.assessment = states.dump();
  row.sealed.assessment_notes =
      notes.empty() ? std::nullopt : impl.Seal(row.facts, "assessment_notes", notes.dump());
  const signals::ThreeElementResult result =
      signals::EvaluateThreeElements(TestInputOf(row.facts, states, notes));
  row.facts.outcome = signals::TestOutcomeName(result.outcome);
  row.facts.labour_position =
      result.labour ? std::optional<std::string>(signals::LabourPositionName(*result.labour))
                    : std::nullopt;
  const std::string before = row.facts.status;
  row.facts.status = signals::TriageStateName(*to);
  row.facts.updated_at = impl.Now();
  auto event = impl.EventOf(actor, row.facts, "assess", before, *row.facts.outcome);
  if (Status st = impl.Write(actor, row, false, "signal.assess", event); !st.ok()) {
    return st.error();
  }
  return Open(actor, row, false);
}

Result<SignalView> SignalService::Forward(const Actor& actor, std::string_view id,
                                          std::string_view target) {
  signals::TriageStep step;
  step.action = signals::TriageAction::kForward;
  step.target = std::string(target);
  return Triage(actor, id, step);
}

Result<SignalView> SignalService::Close(const Actor& actor, std::string_view id,
                                        std::string_view reason) {
  signals::TriageStep step;
  step.action = signals::TriageAction::kClose;
  step.closing_reason = std::string(reason);
  return Triage(actor, id, step);
}

Result<ExternalReceipt> SignalService::SubmitExternal(const Actor& actor,
                                                      const ExternalReport& report) {
  Impl impl{*this};
  SignalInput raw;
  raw.organisation = report.organisation;
  raw.channel = "external_form";
  raw.urgency = report.acute ? catalog_.urgencies.front().id : catalog_.urgencies.back().id;
  raw.observed_on = report.observed_on.empty() ? impl.Today() : report.observed_on;
  raw.observed_municipality = report.observed_municipality;
  raw.postal_area = report.postal_area;
  raw.description = report.description;
  raw.forms = report.forms;
  if (TrimSpace(raw.description).empty()) {
    return Error::Invalid("description", "describe what you saw or heard");
  }
  if (TrimSpace(raw.organisation).empty()) {
    return Error::Invalid("organisation", "choose the municipality");
  }
  auto input = impl.Validated(raw, Completeness::kComplete);
  if (!input) return input.error();
  SignalRecord row = impl.NewRecord(Actor{}, input->organisation);
  impl.Fill(*input, row);
  row.facts.status = "new";
  row.facts.submitted_at = row.facts.created_at;
  ExternalReceipt receipt;
  const auto bytes = security::RandomBytes(random_, kCodeLength);
  for (std::size_t i = 0; i < kCodeLength; ++i) {
    if (i > 0 && i % 4 == 0) receipt.reference_code += '-';
    receipt.reference_code += kCodeAlphabet[bytes[i] % kCodeAlphabet.size()];
  }
  row.reference_hash = impl.ReferenceHash(receipt.reference_code);
  Actor external = actor;
  external.id = kExternalActor;
  external.principal = Principal{};
  auto event = impl.EventOf(external, row.facts, "submit", "draft", "external_form");
  if (Status st = impl.Write(external, row, true, "signal.external", event); !st.ok()) {
    return st.error();
  }
  const signals::Urgency* urgency = catalog_.FindUrgency(*row.facts.urgency);
  receipt.emergency_guidance = urgency != nullptr && !urgency->guidance.nl.empty();
  return receipt;
}

Status SignalService::AddInformation(const Actor& actor, std::string_view reference_code,
                                     std::string_view text) {
  Impl impl{*this};
  const std::string plain = TrimSpace(text);
  if (plain.empty()) return Error::Invalid("text", "write what you want to add");
  if (Status st = CheckTextLimit("text", plain, kAdditionLimit); !st.ok()) return st;
  const std::string code = NormaliseCode(reference_code);
  if (code.size() != kCodeLength) {
    return Error::Invalid("reference_code", "the code has 12 letters and digits (XXXX-XXXX-XXXX)");
  }
  std::optional<SignalRecord> row;
  {
    auto db = database_.Acquire();
    auto found = store::SignalRepository(*db).FindByReferenceHash(impl.ReferenceHash(code));
    if (!found) return found.error();
    row = std::move(*found);
  }
  if (!row) return Error::NotFound("no report has this code; check the code you were given");
  Actor external = actor;
  external.id = kExternalActor;
  external.principal = Principal{};
  store::SignalAddition addition;
  addition.id = security::NewUuid(random_);
  addition.signal = row->facts.id;
  addition.added_at = impl.Now();
  addition.text = security::EncryptField(keys_, {kAdditions, "text", addition.id}, plain, random_);
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    store::SignalRepository repo(tx);
    if (Status st = repo.AddAddition(addition); !st.ok()) return st.error();
    auto event = impl.EventOf(external, row->facts, "add_information", row->facts.status);
    if (Status st = repo.AddEvent(event); !st.ok()) return st.error();
    if (Status st =
            audit_.Record(tx, external.Event("signal.add_information", "signal", row->facts.id));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!written) return written.error();
  return {};
}

Result<SignalImport> SignalService::Import(const Actor& actor,
                                           const std::vector<SignalInput>& rows) {
  Impl impl{*this};
  SignalImport report;
  std::vector<SignalInput> valid;
  std::set<std::string> organisations;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto v = ValidateSignal(rows[i], catalog_, impl.Today(), Completeness::kComplete);
    for (const Error& e : v.problems) report.problems.push_back({static_cast<int>(i + 1), e});
    if (!v.ok()) continue;
    for (const auto& [field, code] :
         {std::pair<const char*, const std::string*>{"organisation", &v.input.organisation},
          {"observed_municipality", &v.input.observed_municipality}}) {
      if (code->empty()) continue;
      if (Status st = impl.CheckMunicipality(field, *code); !st.ok()) {
        if (st.error().code != ErrorCode::kInvalid) return st.error();
        report.problems.push_back({static_cast<int>(i + 1), st.error()});
      }
    }
    organisations.insert(v.input.organisation);
    valid.push_back(std::move(v.input));
  }
  if (!report.problems.empty()) return report;
  for (const std::string& organisation : organisations) {
    SignalFacts f;
    f.organisation = organisation;
    if (Status st = impl.Allow(actor, Action::kFileSignal, f); !st.ok()) return st.error();
  }
  std::vector<SignalRecord> records;
  std::vector<LinkageIdentity> identities;
  for (const SignalInput& input : valid) {
    SignalRecord row = impl.NewRecord(actor, input.organisation);
    impl.Fill(input, row);
    row.facts.status = "new";
    row.facts.submitted_at = row.facts.created_at;
    auto identity = impl.LinkageIdentityOf(row);
    if (!identity) return identity.error();
    identities.push_back(std::move(identity).value());
    records.push_back(std::move(row));
  }
  const linkage::LinkageKey linkage_key = LinkageKeyOf(keys_);
  std::vector<PendingEncoding> encodings;
  encodings.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    encodings.push_back(EncodeForStore(linkage_key, {kSignalRecord, records[i].facts.id},
                                       records[i].facts.organisation, identities[i], impl.Now()));
  }
  auto db = database_.Acquire();
  auto written = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    store::SignalRepository repo(tx);
    for (std::size_t i = 0; i < records.size(); ++i) {
      SignalRecord& row = records[i];
      auto seq = repo.NextSeq();
      if (!seq) return seq.error();
      row.facts.seq = *seq;
      if (Status st = repo.Insert(row); !st.ok()) return st.error();
      if (Status st = StoreEncoding(tx, encodings[i]); !st.ok()) return st.error();
      if (Status st = repo.AddEvent(impl.EventOf(actor, row.facts, "submit", "draft", "import"));
          !st.ok()) {
        return st.error();
      }
      if (Status st = audit_.Record(tx, actor.Event("signal.import", "signal", row.facts.id));
          !st.ok()) {
        return st.error();
      }
    }
    return true;
  });
  if (!written) return written.error();
  report.imported = static_cast<int>(records.size());
  return report;
}

}  // namespace schakel::app
