// `schakel retention run [--dry-run]` (care-shelter): erases the identifying data of closed
// cases (and the free texts of ended placements and finished referrals) past their retention
// period, keeps the anonymous facts, and audits each erasure (app/retention_service.h). A dry
// run prints the same list and changes nothing. Meant for a daily timer (docs/operations.md).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

int Run(Context& ctx, bool dry_run) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  app::Actor actor = CliActor();
  auto report = ctx.retention().Run(actor, dry_run);
  if (!report) return Fail(report.error());
  for (const app::RetentionItem& item : report->erased) {
    std::cout << fmt::format("{} {} {} (closed {}, retention ended {})\n",
                             dry_run ? "would erase" : "erased", item.record_type, item.id,
                             item.closed_on, item.retention_ends);
  }
  std::cout << fmt::format("{} {} record(s) past retention on {}{}\n",
                           dry_run ? "dry run:" : "done:", report->erased.size(), report->today,
                           dry_run ? "; nothing was changed" : "");
  return 0;
}

}  // namespace

void RegisterRetentionCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* retention =
      root.add_subcommand("retention", "Retention: erase identifying data past its period");
  retention->require_subcommand(1);
  CLI::App* run = retention->add_subcommand(
      "run", "Erase identifying data of closed cases past their retention period; audited");
  run->add_flag("--dry-run", *dry_run, "List what would be erased and change nothing");
  run->callback([dry_run, &ctx, &exit_code] { exit_code = Run(ctx, *dry_run); });
}

}  // namespace schakel::cli
