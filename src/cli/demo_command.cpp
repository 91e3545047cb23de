// `schakel demo kader`: fills an empty database with synthetic Kader self-assessments so a
// newcomer sees a populated system: about two thirds of municipalities with two submitted
// quarters at varied levels, and Groningen (GM0014) with a draft for the current quarter.
// Deterministic for a seed. Only synthetic organisational data; no persons.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "domain/period.h"

namespace schakel::cli {

namespace {

constexpr const char* kDemoActor = "Demo (synthetisch)";

// splitmix64: small, portable, deterministic.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

double Uniform(uint64_t& state) {
  state = Mix(state);
  return static_cast<double>(state >> 11) / 9007199254740992.0;
}

uint64_t Seed(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (char c : s) h = Mix(h ^ static_cast<unsigned char>(c));
  return h;
}

Period Previous(const Period& p, int quarters) {
  int index = p.year() * 4 + (p.quarter() - 1) - quarters;
  return Period::Parse(fmt::format("{}-Q{}", index / 4, index % 4 + 1)).value();
}

// Answers for a municipality of a given maturity (0..1); later periods improve a little.
std::vector<app::AnswerInput> DemoAnswers(const kader::Framework& f, double maturity,
                                          uint64_t& state) {
  std::vector<app::AnswerInput> out;
  for (const auto& c : f.criteria) {
    const int rank = f.FindLevel(c.level)->rank;
    const double p_met = std::max(0.0, maturity * 1.25 - 0.3 * (rank - 1));
    const double u = Uniform(state);
    std::string status = u < p_met ? "met" : (u < p_met + 0.15 ? "partly_met" : "not_met");
    if (Uniform(state) < 0.03) status = "not_applicable";
    out.push_back({c.id, status,
                   status == "met" ? "Demo: synthetisch voorbeeld van onderbouwing" : "", c.id});
  }
  return out;
}

int LoadKaderDemo(Context& ctx, uint64_t seed) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto existing = ctx.kader().List(std::nullopt, CliActor());
  if (!existing) return Fail(existing.error());
  for (const auto& a : *existing) {
    if (a.created_by != kDemoActor) {
      return Fail(Error::Conflict(
          "this database holds real assessments; demo data is only loaded into a database "
          "without them"));
    }
  }
  if (!existing->empty()) {
    std::cout << "demo Kader assessments are already present\n";
    return 0;
  }
  auto municipalities = ctx.organisations().List({"municipality", {}, {}});
  if (!municipalities) return Fail(municipalities.error());
  if (municipalities->empty()) {
    return Fail(
        Error::Conflict("no municipalities yet: run `schakel org import-safety-regions` "
                        "and `schakel org import-municipalities` first"));
  }
  auto framework = ctx.kader().Framework("2021-concept");
  if (!framework) return Fail(framework.error());
  const std::string today = FormatUtc(ctx.clock().Now());
  const Period now = Period::QuarterOf(std::stoi(today.substr(0, 4)),
                                       static_cast<unsigned>(std::stoi(today.substr(5, 2))));
  const app::Actor actor{kDemoActor, "system", "demo", "localhost", app::Principal::System(), ""};
  int created = 0;
  for (const auto& m : *municipalities) {
    if (m.valid_to) continue;
    uint64_t state = Seed(m.code, seed);
    const bool groningen = m.code == "GM0014";
    if (!groningen && Uniform(state) > 0.65) continue;
    const double maturity = groningen ? 0.55 : Uniform(state);
    for (int back = 2; back >= (groningen ? 0 : 1); --back) {
      const std::string period = Previous(now, back).ToString();
      const double grown = std::min(1.0, maturity + 0.08 * (2 - back));
      auto a = ctx.kader().Create(m.code, period, "2021-concept", actor);
      if (!a) return Fail(a.error());
      auto answered =
          ctx.kader().Answer(a->record.id, DemoAnswers(**framework, grown, state), actor);
      if (!answered) return Fail(answered.error());
      if (back > 0) {
        auto submitted = ctx.kader().Submit(a->record.id, actor);
        if (!submitted) return Fail(submitted.error());
      }
      ++created;
    }
  }
  std::cout << fmt::format("created {} synthetic Kader assessments (seed {})\n", created, seed);
  return 0;
}

}  // namespace

CLI::App* RegisterDemoCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto seed = std::make_shared<uint64_t>(1);
  CLI::App* demo = root.add_subcommand("demo", "Synthetic demo data (never real persons)");
  demo->require_subcommand(1);
  CLI::App* kader = demo->add_subcommand("kader", "Synthetic Kader self-assessments");
  kader->add_option("--seed", *seed, "Random seed")->capture_default_str();
  kader->callback([seed, &ctx, &exit_code] { exit_code = LoadKaderDemo(ctx, *seed); });
  return demo;
}

}  // namespace schakel::cli
