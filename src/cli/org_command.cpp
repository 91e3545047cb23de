// `schakel org
// import-safety-regions|import-municipalities|import-regions|import-members|merge|list`.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

struct OrgOptions {
  std::string file;
  std::string valid_from = "2022-01-01";
  std::string kind;
  std::string region;
  std::string code;
  std::string name;
  std::vector<std::string> merged;
  std::string date;
};

using Importer = Result<app::ImportReport> (*)(app::OrganisationService&, const CsvTable&,
                                               const OrgOptions&);

int RunImport(Context& ctx, const OrgOptions& o, Importer importer) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto csv = ReadCsvFile(o.file);
  if (!csv) return Fail(csv.error());
  auto report = importer(ctx.organisations(), *csv, o);
  if (!report) return Fail(report.error());
  std::cout << fmt::format("imported {} organisation(s) and {} membership(s) from {}\n",
                           report->organisations, report->memberships, o.file);
  return 0;
}

void AddImport(CLI::App& org, const char* name, const char* help, std::shared_ptr<OrgOptions> o,
               Context& ctx, int& exit_code, Importer importer) {
  CLI::App* cmd = org.add_subcommand(name, help);
  cmd->add_option("FILE", o->file, "CSV file")->required();
  cmd->add_option("--valid-from", o->valid_from, "Date from which the rows are valid")
      ->capture_default_str();
  if (std::string(name) == "import-regions") {
    cmd->add_option("--kind", o->kind, "care_region, shelter_region or safety_region")->required();
  }
  cmd->callback([o, &ctx, &exit_code, importer] { exit_code = RunImport(ctx, *o, importer); });
}

int List(Context& ctx, const OrgOptions& o) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  store::OrganisationFilter filter;
  if (!o.kind.empty()) filter.kind = o.kind;
  if (!o.region.empty()) filter.region = o.region;
  auto list = ctx.organisations().List(filter);
  if (!list) return Fail(list.error());
  for (const auto& org : *list) {
    std::cout << fmt::format("{}\t{}\t{}{}\n", org.code, org.kind, org.name,
                             org.valid_to ? fmt::format("\t(until {})", *org.valid_to) : "");
  }
  return 0;
}

}  // namespace

void RegisterOrgCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto o = std::make_shared<OrgOptions>();
  CLI::App* org = root.add_subcommand("org", "Municipalities, regions and partner organisations");
  org->require_subcommand(1);
  AddImport(*org, "import-safety-regions", "Import safety regions (code,name)", o, ctx, exit_code,
            [](app::OrganisationService& s, const CsvTable& c, const OrgOptions& op) {
              return s.ImportSafetyRegions(c, op.valid_from);
            });
  AddImport(*org, "import-municipalities", "Import municipalities (cbs_code,name,safety_region)", o,
            ctx, exit_code,
            [](app::OrganisationService& s, const CsvTable& c, const OrgOptions& op) {
              return s.ImportMunicipalities(c, op.valid_from);
            });
  AddImport(*org, "import-regions", "Import regions of one kind (code,name)", o, ctx, exit_code,
            [](app::OrganisationService& s, const CsvTable& c, const OrgOptions& op) {
              return s.ImportRegions(c, op.kind, op.valid_from);
            });
  AddImport(*org, "import-members", "Import region membership (region,municipality)", o, ctx,
            exit_code, [](app::OrganisationService& s, const CsvTable& c, const OrgOptions& op) {
              return s.ImportMembers(c, op.valid_from);
            });

  CLI::App* merge = org->add_subcommand("merge", "Record a municipal merger");
  merge->add_option("--code", o->code, "Code of the new municipality (GMxxxx)")->required();
  merge->add_option("--name", o->name, "Name of the new municipality")->required();
  merge->add_option("--from", o->merged, "Codes of the merging municipalities")
      ->required()
      ->delimiter(',');
  merge->add_option("--date", o->date, "Date the merger takes effect (YYYY-MM-DD)")->required();
  merge->callback([o, &ctx, &exit_code] {
    if (Status s = ctx.Open(); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    auto r = ctx.organisations().Merge({o->code, o->name, o->merged, o->date});
    if (!r) {
      exit_code = Fail(r.error());
      return;
    }
    std::cout << fmt::format("{} {} formed on {} from {} municipalities\n", o->code, o->name,
                             o->date, o->merged.size());
  });

  CLI::App* list = org->add_subcommand("list", "List organisations");
  list->add_option("--kind", o->kind, "municipality, region, partner or national");
  list->add_option("--region", o->region, "Only members of this region");
  list->callback([o, &ctx, &exit_code] { exit_code = List(ctx, *o); });
}

}  // namespace schakel::cli
