// `schakel demo setup`: turns an empty installation into a demo installation (demo mode, one demo
// account per role, synthetic signals); `schakel demo signals`: only the signals, drawn from the
// synthetic world (src/synth): the mix of forms, ages, sexes and nationalities follows
// the published figures, names vary between sources as they do in reality (so the same person
// shows up in several signals), and older signals have been assessed and forwarded as a care
// coordinator would; the demo care coordinator has opened cases from part of what reached them, in
// every state of the lifecycle, with care plans, reflection periods and a few grants to the demo
// police. Only synthetic persons; deterministic for a seed and a day.
#include "cli/demo_setup_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <tuple>

#include "app/case_service.h"
#include "app/placement_service.h"
#include "app/referral_service.h"
#include "app/sharing_service.h"
#include "cli/commands.h"
#include "store/organisation_repository.h"
#include "synth/demo_export.h"
#include "synth/prng.h"
#include "synth/world.h"

namespace schakel::cli {

namespace {

struct DemoSignalsArgs {
  std::uint64_t seed = 7;
  double scale = 0.5;
  int years = 1;  // signals reported in the last `years` years
  std::size_t max = 500;
  std::size_t max_cases = 0;  // demo setup: cases opened by the demo care coordinator
  std::string municipalities;
  std::string model_dir = synth::DefaultSynthDataDir();
};

std::string ChannelOf(const std::string& source) {
  if (source == "municipality") return "staff";
  if (source == "comensha") return "anonymous";
  return "partner";
}

const char* FormWords(const std::string& form) {
  if (form == "sexual") return "seksuele uitbuiting";
  if (form == "labour") return "arbeidsuitbuiting";
  if (form == "criminal") return "criminele uitbuiting";
  return "gedwongen orgaanverwijdering";
}

// The signal a source would have filed about one record of the synthetic world.
app::SignalInput SignalOf(const synth::World& world, const synth::WorldModel& model,
                          const synth::Record& record, const signals::Catalog& catalog,
                          synth::Rng& rng) {
  const synth::Person& person = world.persons[record.person];
  const auto& d = model.distributions;
  const std::string form = d.forms[person.form].code;
  const std::string source = d.sources[record.source];
  app::SignalInput in;
  in.organisation = model.municipalities.municipalities[person.municipality].cbs_code;
  in.channel = ChannelOf(source);
  const double u = rng.UniformDouble();
  in.urgency = u < 0.04 ? "acute" : (u < 0.25 ? "urgent" : "normal");
  in.observed_on = synth::FormatIsoDate(record.reported_on);
  in.forms = {form};
  const auto indicators = catalog.IndicatorsOf(form);
  const int count = indicators.empty() ? 0 : rng.Between(1, 3);
  for (int i = 0; i < count; ++i) {
    in.indicators.push_back(indicators[rng.Below(indicators.size())]->id);
  }
  if (person.age <= 24) in.risk_factors.push_back("age_12_24");
  if (form == "labour" && record.has_nationality() &&
      std::string(record.nationality.data(), 3) != "NLD") {
    in.risk_factors.push_back("labour_migrant");
  }
  in.description =
      fmt::format("Synthetisch demosignaal ({}): aanwijzingen voor {}. Geen echt persoon.", source,
                  FormWords(form));
  auto given = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); };
  in.victim.identity.given_names = given(record.given_names);
  in.victim.identity.family_name = given(record.family_name);
  in.victim.identity.date_of_birth = given(synth::FormatIsoDate(record.date_of_birth));
  in.victim.gender = record.sex == synth::Sex::kFemale ? "female"
                     : record.sex == synth::Sex::kMale ? "male"
                                                       : "unknown";
  if (record.has_nationality()) in.victim.nationality = std::string(record.nationality.data(), 3);
  in.victim_age = std::to_string(person.age);
  in.victim_living_at_home = person.age < 18 && source == "veilig_thuis";
  return in;
}

// The documented demo password (docs/operations.md); accepted only in demo mode.
constexpr const char* kDemoPassword = "demo-schakel";
constexpr const char* kDemoNational = "SCHAKEL";
constexpr const char* kDemoPartner = "POLITIE-DEMO";

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* organisation;
  app::Role role;
};
constexpr DemoAccount kDemoAccounts[] = {
    {"demo-beheer", "Demo Beheerder", kDemoNational, app::Role::kAdmin},
    {"demo-beleid", "Demo Beleidsadviseur Groningen", "GM0014", app::Role::kPolicyOfficer},
    {"demo-signaal", "Demo Signaleerder Rotterdam", "GM0599", app::Role::kSignaller},
    {"demo-zorg", "Demo Zorgcoördinator Rotterdam", "GM0599", app::Role::kCareCoordinator},
    {"demo-keten", "Demo Ketenregisseur Rotterdam", "GM0599", app::Role::kChainDirector},
    {"demo-partner", "Demo Politie (partner)", kDemoPartner, app::Role::kPartner},
    {"demo-monitor", "Demo Landelijke monitor", kDemoNational, app::Role::kMonitor},
    {"demo-audit", "Demo Auditor Groningen", "GM0014", app::Role::kAuditor},
};

// The national and the partner organisation the demo accounts belong to.
Status EnsureDemoOrganisations(Context& ctx) {
  auto db = ctx.database().Acquire();
  store::OrganisationRepository orgs(*db);
  const std::string today = FormatUtc(ctx.clock().Now()).substr(0, 10);
  for (const auto& [code, kind, name] :
       {std::tuple{kDemoNational, "national", "Schakel landelijk (demo)"},
        std::tuple{kDemoPartner, "partner", "Politie (demo, synthetisch)"}}) {
    auto found = orgs.Find(code);
    if (!found) return found.error();
    if (found->has_value()) continue;
    if (Status s = orgs.Upsert({code, kind, std::nullopt, name, today, std::nullopt, std::nullopt});
        !s.ok()) {
      return s;
    }
  }
  return {};
}

Status EnsureDemoAccounts(Context& ctx) {
  if (Status s = EnsureDemoOrganisations(ctx); !s.ok()) return s;
  const app::Actor operator_actor = CliActor();
  for (const DemoAccount& a : kDemoAccounts) {
    auto existing = ctx.identity().FindUserByName(operator_actor, a.username);
    if (existing.ok()) continue;
    if (existing.error().code != ErrorCode::kNotFound) return existing.error();
    auto created = ctx.identity().CreateDemoUser(
        operator_actor, {a.organisation, a.username, a.display_name, {a.role}}, kDemoPassword);
    if (!created) return created.error();
  }
  return {};
}

// The demo care coordinator (demo-zorg) as the web would see them.
Result<app::Actor> DemoCoordinator(Context& ctx) {
  const DemoAccount& a = kDemoAccounts[3];
  auto user = ctx.identity().FindUserByName(CliActor(), a.username);
  if (!user) return user.error();
  auto db = ctx.database().Acquire();
  auto principal = app::PrincipalFor(*db, user->id, user->organisation, user->roles,
                                     FormatUtc(ctx.clock().Now()).substr(0, 10));
  if (!principal) return principal.error();
  return app::Actor{user->display_name, "cli", user->id, "localhost", *principal, ""};
}

std::string DaysFromToday(const Clock& clock, int days) {
  return FormatUtc(clock.Now() + std::chrono::hours(24) * days).substr(0, 10);
}

// Cases opened by the demo care coordinator from signals forwarded to them, spread over the
// lifecycle: just registered, in intake, in a care trajectory (plan items, some overdue, a
// reflection period close to its end), in aftercare, closed. Every step goes through the use
// cases, so guards, history and audit are as in real use.
Result<int> RunDemoCases(Context& ctx, std::size_t max_cases) {
  auto zorg = DemoCoordinator(ctx);
  if (!zorg) return zorg.error();
  auto inbox = ctx.signals().InboxOf(*zorg, {{"forwarded"}});
  if (!inbox) return inbox.error();
  const Clock& clock = ctx.clock();
  app::CaseService& cases = ctx.cases();
  int opened = 0;
  for (const auto& f : inbox->signals) {
    if (static_cast<std::size_t>(opened) >= max_cases) break;
    if (f.forwarded_to.value_or("") != "care_coordinator") continue;
    app::OpenCaseInput in;
    in.signals = {f.id};
    auto c = cases.Open(*zorg, in);
    if (!c) return c.error();
    const std::string id = c->record.id;
    const int stage = opened % 6;  // 0 registered … 5 closed
    ++opened;
    if (stage == 0) continue;
    auto step = [&](auto&& result) -> Status {
      if (!result) return result.error();
      return {};
    };
    if (Status s = step(cases.RecordConsent(*zorg, id, {true, ""})); !s.ok()) return s.error();
    if (Status s = step(cases.Transition(*zorg, id, {"start_intake", ""})); !s.ok()) {
      return s.error();
    }
    if (stage == 1) continue;
    // A care plan: safety first, then shelter and legal aid; one item overdue in some cases.
    const int due_shift = (opened % 4 == 0) ? -5 : 10 + opened % 20;
    for (const auto& [domain, org, days, text] :
         {std::tuple{"safety", "Politie (demo)", due_shift, "Veiligheidsplan opstellen"},
          std::tuple{"shelter", "Opvang (demo)", 7 + opened % 10, "Passende opvangplek zoeken"},
          std::tuple{"legal_aid", "Advocatuur (demo)", 21, "Advocaat toewijzen"}}) {
      app::PlanItemInput item{domain, org, DaysFromToday(clock, days), text};
      if (Status s = step(cases.AddPlanItem(*zorg, id, item)); !s.ok()) return s.error();
    }
    if (Status s = step(cases.Transition(*zorg, id, {"start_care", ""})); !s.ok()) {
      return s.error();
    }
    // B8 reflection period: some started long enough ago that a warning is due.
    const int started = stage == 2 ? 80 + opened % 8 : 40 + opened % 30;
    if (Status s = step(cases.StartReflection(*zorg, id, DaysFromToday(clock, -started)));
        !s.ok()) {
      return s.error();
    }
    if (stage == 2) continue;
    if (stage >= 3) {
      const char* outcome = opened % 3 == 0 ? "reported_crime" : "cooperates";
      if (Status s = step(cases.RecordReflectionOutcome(*zorg, id, outcome, "")); !s.ok()) {
        return s.error();
      }
    }
    if (stage == 3) continue;
    app::PlanItemInput after{"aftercare", "Gemeente (demo)", DaysFromToday(clock, 60),
                             "Nazorg en woonbegeleiding"};
    if (Status s = step(cases.AddPlanItem(*zorg, id, after)); !s.ok()) return s.error();
    if (Status s = step(cases.Transition(*zorg, id, {"start_aftercare", ""})); !s.ok()) {
      return s.error();
    }
    if (stage == 4) continue;
    if (Status s = step(cases.Transition(*zorg, id, {"close", "care_completed"})); !s.ok()) {
      return s.error();
    }
  }
  return opened;
}

// Demo shelters in each region of the demo coordinator's cases, and stays of their persons: a
// recent one for part of the cases in intake, one for every case in a care trajectory, an ended
// one for cases in aftercare. Women go to the women's shelter, men to the men's, minors to youth
// care; every third adult to the small OMM shelter, which fills up — and one more is placed there
// by override with its reason. Deterministic: cases in the order they were opened.
struct DemoStays {
  int placed = 0;
  int overrides = 0;
};
Result<DemoStays> RunDemoPlacements(Context& ctx) {
  auto zorg = DemoCoordinator(ctx);
  if (!zorg) return zorg.error();
  auto overview = ctx.cases().Overview(*zorg);
  if (!overview) return overview.error();
  std::vector<app::CaseListItem> list = overview->cases;
  std::sort(list.begin(), list.end(),
            [](const auto& a, const auto& b) { return a.record.seq < b.record.seq; });
  // Per region: shelter type → id.
  std::map<std::string, std::map<std::string, int64_t>> shelters;
  for (const auto& item : list) {
    const std::string& region = item.record.region;
    if (shelters.count(region)) continue;
    for (const auto& [name, type, capacity] :
         {std::tuple{"Vrouwenopvang De Haven (demo)", "womens", 12},
          std::tuple{"Mannenopvang Het Anker (demo)", "mens", 8},
          std::tuple{"OMM-opvang De Brug (demo)", "omm", 2},
          std::tuple{"Jeugdzorg Het Kompas (demo)", "youth", 4}}) {
      auto added = ctx.shelters().Add({name, type, region, capacity}, *zorg);
      if (!added) return added.error();
      shelters[region][type] = added->id;
    }
  }
  app::PlacementService& placements = ctx.placements();
  DemoStays out;
  int omm_open = 0;
  bool overridden = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const store::CaseRecord& c = list[i].record;
    const bool intake = c.state == "intake" && i % 2 == 0;
    if (!intake && c.state != "care_trajectory" && c.state != "aftercare") continue;
    const bool ended = c.state == "aftercare";
    app::PlacementInput in;
    in.from = DaysFromToday(ctx.clock(), intake  ? -static_cast<int>(3 + i % 5)
                                         : ended ? -static_cast<int>(100 + i % 20)
                                                 : -static_cast<int>(20 + i % 30));
    if (ended) in.until = DaysFromToday(ctx.clock(), -static_cast<int>(20 + i % 10));
    std::string type = c.age_group == "minor"            ? "youth"
                       : c.gender.value_or("") == "male" ? "mens"
                                                         : "womens";
    if (type != "youth" && !ended && i % 3 == 0 && (omm_open < 2 || !overridden)) {
      type = "omm";
      if (omm_open >= 2) {
        in.override_reason =
            "Acuut onveilig na dreiging door de uitbuiter; geen andere passende plek in de regio "
            "vannacht (demo)";
        overridden = true;
      }
      ++omm_open;
    }
    in.shelter = shelters[c.region][type];
    auto done = placements.Place(*zorg, c.id, in);
    if (!done) {
      // A full shelter without an override in the demo: this person waits for a place.
      if (done.error().code == ErrorCode::kConflict) continue;
      return done.error();
    }
    ++out.placed;
    if (!in.override_reason.empty()) ++out.overrides;
  }
  return out;
}

// A few cases shared with the demo police for an investigation: only the case facts and the
// reflection period, with the person's consent, for three months.
Result<int> RunDemoGrants(Context& ctx, int max_grants) {
  auto zorg = DemoCoordinator(ctx);
  if (!zorg) return zorg.error();
  auto overview = ctx.cases().Overview(*zorg);
  if (!overview) return overview.error();
  int granted = 0;
  for (const auto& item : overview->cases) {
    if (granted >= max_grants) break;
    if (item.record.state != "care_trajectory" && item.record.state != "aftercare") continue;
    app::GrantInput grant;
    grant.partner_organisation = kDemoPartner;
    grant.purpose = "Opsporingsonderzoek (demo): samenhang met andere signalen";
    grant.legal_basis = "Toestemming van betrokkene (demo)";
    grant.field_groups = {"case_facts", "reflection_period"};
    grant.expires_on = DaysFromToday(ctx.clock(), 90);
    grant.consent_recorded = true;
    auto done = ctx.sharing().Grant(*zorg, item.record.id, grant);
    if (!done) return done.error();
    ++granted;
  }
  return granted;
}

// Referrals and transfers of demo cases: one transfer of a case in intake to the first other
// region (by code), accepted on that region's behalf by the operator (the demo has no account
// there), and one referral of a case in a care trajectory to the demo police, still in progress,
// showing only the case facts and the care plan — what demo-partner sees under Verwijzingen.
// Deterministic: the newest matching case of the demo coordinator's overview.
Result<int> RunDemoReferrals(Context& ctx) {
  auto zorg = DemoCoordinator(ctx);
  if (!zorg) return zorg.error();
  auto overview = ctx.cases().Overview(*zorg);
  if (!overview) return overview.error();
  auto regions = ctx.organisations().List({std::string("region"), std::nullopt, std::nullopt});
  if (!regions) return regions.error();
  std::string other_region;
  for (const auto& r : *regions) {
    const auto& own = zorg->principal.regions;
    if (std::find(own.begin(), own.end(), r.code) == own.end() && !r.valid_to) {
      other_region = r.code;
      break;
    }
  }
  auto first_in = [&](const char* state) -> std::string {
    for (const auto& item : overview->cases) {
      if (item.record.state == state) return item.record.id;
    }
    return "";
  };
  int made = 0;
  if (const std::string id = first_in("intake"); !id.empty() && !other_region.empty()) {
    app::ReferralInput transfer;
    transfer.kind = "transfer";
    transfer.to_organisation = other_region;
    transfer.to_region = other_region;
    transfer.field_groups = {"identity", "contact", "case_facts", "care_plan"};
    transfer.consent_recorded = true;
    auto sent = ctx.referrals().Create(*zorg, id, transfer);
    if (!sent) return sent.error();
    auto accepted = ctx.referrals().Step(CliActor(), sent->record.id, "accept", "");
    if (!accepted) return accepted.error();
    ++made;
  }
  if (const std::string id = first_in("care_trajectory"); !id.empty()) {
    app::ReferralInput referral;
    referral.kind = "referral";
    referral.to_organisation = kDemoPartner;
    referral.field_groups = {"case_facts", "care_plan"};
    referral.consent_recorded = true;
    auto sent = ctx.referrals().Create(*zorg, id, referral);
    if (!sent) return sent.error();
    ++made;
  }
  return made;
}

int RunSignals(Context& ctx, const DemoSignalsArgs& args) {
  const app::Actor demo = CliActor();
  auto demo_mode = ctx.identity().DemoMode();
  if (!demo_mode) return Fail(demo_mode.error());
  if (!*demo_mode) {
    return Fail(Error::Conflict(
        "synthetic signals go only into a demo installation (see `schakel demo setup`)"));
  }
  auto existing = ctx.signals().InboxOf(demo, {{"new", "assessed", "forwarded", "closed"}});
  if (!existing) return Fail(existing.error());
  if (!existing->signals.empty()) {
    std::cout << "demo signals: the installation has signals already; nothing added\n";
    return 0;
  }
  auto model = synth::LoadWorldModel(args.model_dir, args.municipalities);
  if (!model) return Fail(model.error());
  const std::string today = FormatUtc(ctx.clock().Now()).substr(0, 10);
  synth::WorldParams params;
  params.seed = args.seed;
  params.first_year = std::stoi(today.substr(0, 4)) - args.years;
  params.years = args.years + 1;  // the calendar years the last `years` years touch
  params.scale = args.scale;
  auto world = synth::GenerateWorld(*model, params);
  if (!world) return Fail(world.error());
  // The records of the last `years` years, in the world's (shuffled) order.
  const std::string year_ago =
      fmt::format("{}{}", std::stoi(today.substr(0, 4)) - args.years, today.substr(4));
  synth::Rng rng = synth::Rng::ForStream(args.seed, 5);
  std::vector<app::SignalInput> inputs;
  for (const synth::Record& r : world->records) {
    const std::string on = synth::FormatIsoDate(r.reported_on);
    if (on.empty() || on > today || on <= year_ago) continue;
    inputs.push_back(SignalOf(*world, *model, r, ctx.signals().catalog(), rng));
    if (inputs.size() >= args.max) break;
  }
  auto imported = ctx.signals().Import(demo, inputs);
  if (!imported) return Fail(imported.error());
  if (!imported->problems.empty()) {
    const auto& p = imported->problems.front();
    return Fail(Error::Internal(
        fmt::format("demo signal {} is invalid: {} ({})", p.row, p.error.message, p.error.field)));
  }
  // Signals older than three months have been dealt with: assessed and forwarded to the
  // recommended partner. Newer ones wait in the inboxes.
  auto listed = ctx.signals().InboxOf(demo, {{"new"}});
  if (!listed) return Fail(listed.error());
  const std::string two_months_ago = FormatUtc(ctx.clock().Now() - std::chrono::hours(24 * 90));
  int forwarded = 0;
  for (const auto& f : listed->signals) {
    if (!f.observed_on || *f.observed_on > two_months_ago.substr(0, 10)) continue;
    app::AssessmentInput findings;
    findings.act = {"present", ""};
    findings.means = {rng.Chance(0.6) ? "present" : "unknown", ""};
    findings.purpose = {"present", ""};
    auto assessed = ctx.signals().Assess(demo, f.id, findings);
    if (!assessed) return Fail(assessed.error());
    for (const auto& target : assessed->advice.targets) {
      if (!target.recommended) continue;
      auto done = ctx.signals().Forward(demo, f.id, target.partner_kind);
      if (!done) return Fail(done.error());
      ++forwarded;
      break;
    }
  }
  std::cout << fmt::format(
      "demo signals: {} synthetic signals of the last {}, {} assessed and forwarded\n",
      imported->imported, args.years == 1 ? "twelve months" : fmt::format("{} years", args.years),
      forwarded);
  if (args.max_cases > 0) {
    auto opened = RunDemoCases(ctx, args.max_cases);
    if (!opened) return Fail(opened.error());
    auto granted = RunDemoGrants(ctx, 3);
    if (!granted) return Fail(granted.error());
    std::cout << fmt::format(
        "demo cases: {} cases opened by demo-zorg in every state of the lifecycle, {} shared with "
        "the demo police\n",
        *opened, *granted);
    auto placed = RunDemoPlacements(ctx);
    if (!placed) return Fail(placed.error());
    std::cout << fmt::format(
        "demo placements: {} stays in demo shelters, some ended, {} over capacity by override\n",
        placed->placed, placed->overrides);
    auto referred = RunDemoReferrals(ctx);
    if (!referred) return Fail(referred.error());
    std::cout << fmt::format(
        "demo referrals: {} (a transfer accepted by another region, a referral to the demo "
        "police)\n",
        *referred);
  }
  return 0;
}

// The synthetic world's options, the same for `demo signals` and `demo setup`.
void AddWorldOptions(CLI::App& cmd, DemoSignalsArgs& args) {
  cmd.add_option("--seed", args.seed, "random seed; the same seed gives the same world")
      ->capture_default_str();
  cmd.add_option("--years", args.years, "signals reported in this many years up to today")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  cmd.add_option("--scale", args.scale, "size of the synthetic world (1 = the published figures)")
      ->check(CLI::Range(0.001, 10.0))
      ->capture_default_str();
  cmd.add_option("--max", args.max, "at most this many signals")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  cmd.add_option("--municipalities", args.municipalities,
                 "municipality list CSV with header cbs_code,name,safety_region")
      ->required()
      ->check(CLI::ExistingFile);
  cmd.add_option("--model-dir", args.model_dir,
                 "folder with distributions.csv, names.csv and municipality_size.csv")
      ->capture_default_str();
}

}  // namespace

void RegisterDemoSetupCommands(CLI::App& demo, Context& ctx, int& exit_code) {
  auto args = std::make_shared<DemoSignalsArgs>();
  CLI::App* cmd = demo.add_subcommand(
      "signals",
      "Fill an installation without signals with synthetic signals of the last --years years "
      "(never real persons; deterministic per seed)");
  AddWorldOptions(*cmd, *args);
  cmd->callback([args, &ctx, &exit_code] {
    if (Status s = ctx.Open(); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    exit_code = RunSignals(ctx, *args);
  });

  auto setup_args = std::make_shared<DemoSignalsArgs>();
  setup_args->max_cases = 40;
  CLI::App* setup = demo.add_subcommand(
      "setup",
      "Make an EMPTY installation a demo installation: demo mode (marked on every page), one demo "
      "account per role with the documented password, synthetic signals. An installation with "
      "users, persons or signals is left alone.");
  AddWorldOptions(*setup, *setup_args);
  setup->callback([setup_args, &ctx, &exit_code] {
    if (Status s = ctx.Open(); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    if (Status s = ctx.identity().EnableDemoMode(CliActor()); !s.ok()) {
      if (s.error().code != ErrorCode::kConflict) {
        exit_code = Fail(s.error());
        return;
      }
      std::cout << "demo setup: not a demo installation (it has users or case data); demo "
                   "accounts and signals are not added\n";
      exit_code = 0;
      return;
    }
    if (Status s = EnsureDemoAccounts(ctx); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    std::cout << fmt::format("demo setup: demo mode; accounts {} … {}, password '{}'\n",
                             kDemoAccounts[0].username, kDemoAccounts[7].username, kDemoPassword);
    exit_code = RunSignals(ctx, *setup_args);
  });
}

}  // namespace schakel::cli
