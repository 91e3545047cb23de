// `schakel retention run [--dry-run]`, `schakel retention periods`, `schakel retention
// set-period TYPE MONTHS`: the erasure job after the retention period (app/retention_service.h,
// docs/care.md "Retention", docs/operations.md for a daily timer). A run prints one line per
// record and a summary; a dry run prints the same and changes nothing.
// Exit codes: 0 done (also when nothing was due), 2 invalid input (an unknown record type, a bad
// number of months, a bad retention setting), 1 any other failure (the records printed before
// the failure were erased; a rerun continues with the rest).
#include <fmt/format.h>

#include <iostream>
#include <map>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

std::string Line(const app::RetentionItem& item, bool dry_run) {
  std::string what = item.record_type + " " + item.id;
  if (!item.reference.empty()) what += " (" + item.reference + ")";
  std::string extra;
  if (item.record_type == "case") {
    extra = !item.has_person   ? "; no person"
            : item.person_kept ? "; person kept: another case refers to it"
                               : "; person's identity erased";
  }
  return fmt::format("{} {}: closed {}, {} months, retention ended {}{}",
                     dry_run ? "would erase" : "erased", what, item.closed_on, item.months,
                     item.retention_ends, extra);
}

int Run(Context& ctx, bool dry_run) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto report = ctx.retention().Run(CliActor(), dry_run);
  if (!report) return Fail(report.error());
  std::map<std::string, int> per_type;
  for (const app::RetentionItem& item : report->items) {
    std::cout << Line(item, dry_run) << "\n";
    ++per_type[item.record_type];
  }
  std::string counts;
  for (const auto& [type, n] : per_type) {
    counts += fmt::format("{}{} {}", counts.empty() ? " (" : ", ", n, type);
  }
  if (!counts.empty()) counts += ")";
  std::cout << fmt::format("{} {} record(s){} past retention on {}{}\n",
                           dry_run ? "dry run:" : "done:", report->items.size(), counts,
                           report->today, dry_run ? "; nothing was changed" : " erased");
  return 0;
}

int Periods(Context& ctx) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto periods = ctx.retention().Periods(CliActor());
  if (!periods) return Fail(periods.error());
  for (const auto& p : *periods) {
    std::cout << fmt::format("{:<20} {:>4} months  ({})  {}\n", p.record_type, p.months,
                             p.from_setting ? "setting" : "care data", p.name_en);
  }
  return 0;
}

int SetPeriod(Context& ctx, const std::string& type, const std::string& months) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  if (Status s = ctx.retention().SetPeriod(CliActor(), type, months); !s.ok()) {
    return Fail(s.error());
  }
  std::cout << fmt::format(
      "retention period of {} set to {} months; it applies from the next start of Schakel "
      "(restart the server)\n",
      type, months);
  return 0;
}

}  // namespace

void RegisterRetentionCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto dry_run = std::make_shared<bool>(false);
  auto type = std::make_shared<std::string>();
  auto months = std::make_shared<std::string>();
  CLI::App* retention =
      root.add_subcommand("retention", "Retention: erase identifying data past its period");
  retention->require_subcommand(1);
  CLI::App* run = retention->add_subcommand(
      "run", "Erase identifying data of closed records past their retention period; audited");
  run->add_flag("--dry-run", *dry_run, "List what would be erased and change nothing");
  run->callback([dry_run, &ctx, &exit_code] { exit_code = Run(ctx, *dry_run); });
  CLI::App* periods =
      retention->add_subcommand("periods", "The retention period per record type in force");
  periods->callback([&ctx, &exit_code] { exit_code = Periods(ctx); });
  CLI::App* set = retention->add_subcommand(
      "set-period", "Override the care data's retention period of a record type (a setting)");
  set->add_option("TYPE", *type, "record type: case, signal, placement, conference_minutes, …")
      ->required();
  set->add_option("MONTHS", *months, "months after closing, 1 to 1200")->required();
  set->callback([type, months, &ctx, &exit_code] { exit_code = SetPeriod(ctx, *type, *months); });
}

}  // namespace schakel::cli
