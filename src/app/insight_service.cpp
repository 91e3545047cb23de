#include "app/insight_service.h"

#include <fmt/format.h>

#include "app/access.h"
#include "stats/estimation.h"
#include "stats/model_terms.h"
#include "store/organisation_repository.h"
#include "store/signal_repository.h"

namespace schakel::app {

namespace {

// Every signal of the organisations (all when empty), drafts excluded. Only plain facts are used.
Result<std::vector<store::SignalFacts>> FactsOf(store::Db& db,
                                                const std::vector<std::string>& organisations) {
  store::SignalQuery q;
  q.organisations = organisations;
  q.limit = std::numeric_limits<int32_t>::max();
  auto rows = store::SignalRepository(db).List(q);
  if (!rows) return rows.error();
  std::vector<store::SignalFacts> out;
  out.reserve(rows->size());
  for (auto& r : *rows) out.push_back(std::move(r.facts));
  return out;
}

}  // namespace

std::string InsightService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

stats::DisclosureOptions InsightService::Disclosure(const InsightOptions& options) const {
  stats::DisclosureOptions d;
  d.threshold = options.threshold;
  d.rounding_base = options.rounding_base;
  return d;
}

Status InsightService::CheckRegion(store::Db& db, std::string_view region) {
  auto org = store::OrganisationRepository(db).Find(region);
  if (!org) return org.error();
  if (!*org) return Error::NotFound(fmt::format("no region {}", region));
  if ((*org)->kind != "region" ||
      (*org)->region_kind != std::optional<std::string>("safety_region")) {
    return Error::Invalid("regio", fmt::format("{} is not a safety region", region));
  }
  return {};
}

Result<InsightView> InsightService::Region(std::string_view region, const InsightOptions& options,
                                           const Actor& actor) {
  if (region.empty()) {  // a user without a region: refused (and audited) like any other
    if (Status s =
            Authorize(database_, audit_, actor, Action::kViewRegionInsight, {}, "region", "");
        !s.ok()) {
      return s.error();
    }
    return Error::Invalid("regio", "choose a region");
  }
  {
    auto db = database_.Acquire();
    if (Status s = CheckRegion(*db, region); !s.ok()) return s.error();
  }
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kViewRegionInsight,
                                         region, Today(), "region", region);
      !s.ok()) {
    return s.error();
  }
  InsightView view;
  view.scope = std::string(region);
  view.year = options.year > 0 ? options.year : std::stoi(Today().substr(0, 4));
  view.disclosure = Disclosure(options);
  {
    auto db = database_.Acquire();
    auto members = store::OrganisationRepository(*db).List(
        {std::string("municipality"), std::string(region), Today()});
    if (!members) return members.error();
    std::vector<std::string> municipalities;
    for (const auto& m : *members) municipalities.push_back(m.code);
    if (municipalities.empty()) municipalities.push_back("-");  // no member: no signals either
    auto facts = FactsOf(*db, municipalities);
    if (!facts) return facts.error();
    auto tables = BuildProtectedTables(*facts, RegionTableSpecs(), view.year, municipalities,
                                       view.disclosure);
    if (!tables) return tables.error();
    view.tables = std::move(*tables);
    auto estimates = store::EstimateRepository(*db).List({std::string(region)});
    if (!estimates) return estimates.error();
    view.estimates = std::move(*estimates);
  }
  if (Status s = audit_.Record(database_, actor.Event("insight.read", "region", view.scope));
      !s.ok()) {
    return s.error();
  }
  return view;
}

Result<InsightView> InsightService::National(const InsightOptions& options, const Actor& actor) {
  if (Status s = Authorize(database_, audit_, actor, Action::kViewNationalInsight, {}, "insight",
                           "national");
      !s.ok()) {
    return s.error();
  }
  InsightView view;
  view.scope = "national";
  view.year = options.year > 0 ? options.year : std::stoi(Today().substr(0, 4));
  view.disclosure = Disclosure(options);
  {
    auto db = database_.Acquire();
    auto facts = FactsOf(*db, {});
    if (!facts) return facts.error();
    auto tables =
        BuildProtectedTables(*facts, NationalTableSpecs(), view.year, {}, view.disclosure);
    if (!tables) return tables.error();
    view.tables = std::move(*tables);
    auto estimates = store::EstimateRepository(*db).List({});
    if (!estimates) return estimates.error();
    view.estimates = std::move(*estimates);
  }
  if (Status s = audit_.Record(database_, actor.Event("insight.read", "insight", "national"));
      !s.ok()) {
    return s.error();
  }
  return view;
}

Result<std::vector<std::string>> InsightService::RegionsFor(const Actor& actor) {
  std::vector<std::string> out;
  auto db = database_.Acquire();
  for (const std::string& region : actor.principal.regions) {
    if (!CheckRegion(*db, region).ok()) continue;
    if (Decide(actor.principal, Action::kViewRegionInsight, {region, {region}, {}, {}}).allowed) {
      out.push_back(region);
    }
  }
  return out;
}

Result<store::EstimateRecord> InsightService::Validate(const EstimateInput& input,
                                                       const Actor& actor) {
  if (input.period.size() != 4 ||
      input.period.find_first_not_of("0123456789") != std::string::npos) {
    return Error::Invalid("periode", "'periode' must be a year, e.g. 2026");
  }
  auto method = stats::ParseSelectionMethod(input.method);
  if (!method) return Error::Invalid("methode", method.error().message);
  if (input.csv.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::Invalid("tabel", "'tabel' is empty: paste or upload a capture-history table");
  }
  auto table = stats::ParseCaptureCsv(input.csv);
  if (!table) return Error::Invalid("tabel", table.error().message);
  stats::EstimationOptions options;
  options.method = *method;
  auto estimate = stats::EstimatePopulation(*table, options);
  if (!estimate) return Error::Invalid("tabel", estimate.error().message);
  const stats::ModelFit& fit = estimate->fit();
  store::EstimateRecord record;
  record.region = input.region;
  record.period = input.period;
  record.lists = table->list_names();
  record.model = stats::FormatModel(fit.model, *table);
  record.method = estimate->method;
  record.observed = fit.observed;
  record.hidden = fit.unobserved;
  record.total = fit.total;
  record.ci_low = estimate->profile.low;
  record.ci_high = estimate->profile.high;
  record.structural_zeros = stats::ModelTermNames(fit.structural_zeros, *table);
  record.input_table = input.csv;
  record.created_by = actor.id;
  record.created_at = FormatUtc(clock_.Now());
  return record;
}

Status InsightService::MayStore(std::string_view region, const Actor& actor) {
  if (region.empty()) {
    if (Status s = Authorize(database_, audit_, actor, Action::kStoreEstimate, {}, "region", "");
        !s.ok()) {
      return s;
    }
    return Error::Invalid("regio", "choose a region");
  }
  {
    auto db = database_.Acquire();
    if (Status s = CheckRegion(*db, region); !s.ok()) return s;
  }
  return AuthorizeOnOrganisation(database_, audit_, actor, Action::kStoreEstimate, region, Today(),
                                 "region", region);
}

Result<store::EstimateRecord> InsightService::Compute(const EstimateInput& input,
                                                      const Actor& actor) {
  if (Status s = MayStore(input.region, actor); !s.ok()) return s.error();
  return Validate(input, actor);
}

Result<store::EstimateRecord> InsightService::Store(const EstimateInput& input,
                                                    const Actor& actor) {
  auto computed = Compute(input, actor);
  if (!computed) return computed.error();
  store::EstimateRecord record = std::move(computed).value();
  auto db = database_.Acquire();
  return store::InTransaction<store::EstimateRecord>(
      *db, [&](store::Db& tx) -> Result<store::EstimateRecord> {
        auto id = store::EstimateRepository(tx).Insert(record);
        if (!id) return id.error();
        record.id = *id;
        if (Status s =
                audit_.Record(tx, actor.Event("estimate.store", "estimate", std::to_string(*id)));
            !s.ok()) {
          return s.error();
        }
        return record;
      });
}

}  // namespace schakel::app
