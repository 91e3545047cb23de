// `schakel signal import FILE.csv`: signals from another system or a spreadsheet. Every row is
// validated against the catalogue; every problem is reported with its line and column, and
// either all rows are written or none (docs/signals.md, "Import").
#include <fmt/format.h>

#include <iostream>

#include "app/signal_csv.h"
#include "cli/commands.h"

namespace schakel::cli {

namespace {

int Import(Context& ctx, const std::string& file) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto csv = ReadCsvFile(file);
  if (!csv) return Fail(csv.error());
  auto rows = app::SignalsFromCsv(*csv);
  if (!rows) return Fail(rows.error());
  std::vector<app::SignalInput> inputs;
  for (const auto& r : *rows) inputs.push_back(r.input);
  auto report = ctx.signals().Import(CliActor(), inputs);
  if (!report) return Fail(report.error());
  if (!report->problems.empty()) {
    for (const app::ImportProblem& p : report->problems) {
      const auto& row = (*rows)[static_cast<size_t>(p.row - 1)];
      std::cerr << fmt::format("{}: line {}, column {}: {}\n", file, row.line,
                               app::SignalCsvColumnOf(p.error.field), p.error.message);
    }
    std::cerr << fmt::format("error: {} problem(s) in {}; nothing was imported\n",
                             report->problems.size(), file);
    return 2;
  }
  std::cout << fmt::format("imported {} signal(s) from {}\n", report->imported, file);
  return 0;
}

}  // namespace

void RegisterSignalCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* signal = root.add_subcommand("signal", "Signals of possible trafficking");
  signal->require_subcommand(1);
  CLI::App* import = signal->add_subcommand(
      "import", "Import signals from CSV (all rows or none; columns in docs/signals.md)");
  import->add_option("FILE", *file, "CSV file, UTF-8, header row")->required();
  import->callback([file, &ctx, &exit_code] { exit_code = Import(ctx, *file);
});
}  // namespace schakel::cli

}  // namespace schakel::cli
