// `schakel kader validate|import|report|list`.
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/report_table.h"
#include "domain/period.h"
#include "http/kader_json.h"
#include "kader/framework.h"

namespace schakel::cli {

namespace {

struct KaderOptions {
  std::string file;
  std::string org;
  std::string period;
  std::string framework = "2021-concept";
  std::string lang = "nl";
  bool json = false;
};

std::string CurrentQuarter(const Clock& clock) {
  const std::string today = FormatUtc(clock.Now());
  return Period::QuarterOf(std::stoi(today.substr(0, 4)),
                           static_cast<unsigned>(std::stoi(today.substr(5, 2))))
      .ToString();
}

int Validate(const KaderOptions& o) {
  auto f = kader::LoadFrameworkFile(o.file);
  if (!f) return Fail(f.error());
  std::cout << fmt::format("{}: framework {} ({}) is valid: {} blocks, {} levels, {} criteria\n",
                           o.file, f->id, f->status, f->blocks.size(), f->levels.size(),
                           f->criteria.size());
  return 0;
}

int Import(Context& ctx, const KaderOptions& o) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto csv = ReadCsvFile(o.file);
  if (!csv) return Fail(csv.error());
  const std::string period = o.period.empty() ? CurrentQuarter(ctx.clock()) : o.period;
  auto view = ctx.kader().ImportAnswers(o.org, period, o.framework, *csv, CliActor());
  if (!view) return Fail(view.error());
  std::cout << fmt::format("imported {} answer(s) into assessment {} of {} for {}\n",
                           csv->rows.size(), view->record.id, o.org, view->record.period);
  return 0;
}

int Report(Context& ctx, const KaderOptions& o) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto org = ctx.organisations().Get(o.org);
  if (!org) return Fail(org.error());
  std::optional<app::AssessmentView> view;
  if (o.period.empty()) {
    auto list = ctx.kader().List(o.org, CliActor());
    if (!list) return Fail(list.error());
    if (list->empty()) {
      return Fail(Error::NotFound(fmt::format("{} has no assessment yet", o.org)));
    }
    auto v = ctx.kader().Get(list->front().id, CliActor());  // newest period first
    if (!v) return Fail(v.error());
    view = std::move(v).value();
  } else {
    auto v = ctx.kader().FindByPeriod(o.org, o.period, CliActor());
    if (!v) return Fail(v.error());
    if (!v->has_value()) {
      return Fail(Error::NotFound(fmt::format("{} has no assessment for {}", o.org, o.period)));
    }
    view = std::move(**v);
  }
  if (o.json) {
    std::cout << http::AssessmentJson(*view).dump(2) << "\n";
  } else {
    std::cout << RenderReport(*view, *org, o.lang);
  }
  return 0;
}

}  // namespace

void RegisterKaderCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto o = std::make_shared<KaderOptions>();
  CLI::App* kader = root.add_subcommand("kader", "The Kader self-assessment");
  kader->require_subcommand(1);

  CLI::App* validate = kader->add_subcommand("validate", "Check a framework file");
  validate->add_option("FILE", o->file, "Framework JSON file")->required();
  validate->callback([o, &exit_code] { exit_code = Validate(*o); });

  CLI::App* import = kader->add_subcommand(
      "import", "Import answers from CSV (criterion,status[,evidence]); all rows or none");
  import->add_option("--org", o->org, "Municipality code, e.g. GM0014")->required();
  import->add_option("--period", o->period, "Period, e.g. 2026-Q4 (default: this quarter)");
  import->add_option("--framework", o->framework, "Framework version")->capture_default_str();
  import->add_option("FILE", o->file, "CSV file")->required();
  import->callback([o, &ctx, &exit_code] { exit_code = Import(ctx, *o);
});

CLI::App* report = kader->add_subcommand("report", "Print levels and gaps of a municipality");
report->add_option("--org", o->org, "Municipality code, e.g. GM0014")->required();
report->add_option("--period", o->period, "Period (default: the newest)");
report->add_option("--lang", o->lang, "nl or en")
    ->check(CLI::IsMember({"nl", "en"}))
    ->capture_default_str();
report->add_flag("--json", o->json, "Print the assessment as JSON (as the API does)");
report->callback([o, &ctx, &exit_code] { exit_code = Report(ctx, *o); });
}  // namespace schakel::cli

}  // namespace schakel::cli
