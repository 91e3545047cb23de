// CLI11 wiring of `schakel demo export` (see demo_export_command.h); the work is in src/synth.
#include "cli/demo_export_command.h"

#include <iostream>
#include <memory>
#include <string>

#include "synth/demo_export.h"

namespace schakel::cli {
namespace {

struct DemoExportArgs {
  std::string format = "csv";
  std::uint64_t seed = 1;
  int years = 6;
  int last_year = 2024;
  double scale = 1.0;
  bool independent = false;
  std::string out;
  std::string data_dir = synth::DefaultSynthDataDir();
  std::string municipalities;
};

void Run(const DemoExportArgs& args) {
  synth::DemoExportOptions options;
  options.data_dir = args.data_dir;
  options.municipalities_csv = args.municipalities;
  options.out_dir = args.out;
  options.params.seed = args.seed;
  options.params.years = args.years;
  options.params.first_year = args.last_year - args.years + 1;
  options.params.scale = args.scale;
  options.params.capture.independent = args.independent;
  auto summary = synth::ExportDemoWorld(options);
  if (!summary.ok()) {
    std::cerr << "schakel demo export: " << summary.error().message << "\n";
    // CLI11_PARSE turns this into the exit code without printing anything more.
    throw CLI::RuntimeError(summary.error().code == ErrorCode::kInvalid ? 2 : 1);
  }
  std::cout << "synthetic world written to " << args.out << ": " << summary->true_size
            << " persons in the true population, " << summary->registered
            << " registered by at least one source, " << summary->records << " records\n";
}

}  // namespace

void RegisterDemoExportCommand(CLI::App& demo) {
  auto args = std::make_shared<DemoExportArgs>();
  CLI::App* cmd = demo.add_subcommand(
      "export",
      "Write a synthetic world (records, ground truth, capture histories) as CSV for the "
      "linkage and estimation commands. Synthetic persons only; deterministic per seed.");
  cmd->add_option("--format", args->format, "output format")
      ->check(CLI::IsMember({"csv"}))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "random seed; the same seed gives identical files")
      ->capture_default_str();
  cmd->add_option("--years", args->years, "number of years, ending with --last-year")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  cmd->add_option("--last-year", args->last_year, "last calendar year generated")
      ->check(CLI::Range(1950, 2100))
      ->capture_default_str();
  cmd->add_option("--scale", args->scale,
                  "multiplies the population (1 = the published Dutch figures)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--out", args->out, "output folder (created if missing)")->required();
  cmd->add_option("--municipalities", args->municipalities,
                  "municipality list CSV with header cbs_code,name,safety_region")
      ->required()
      ->check(CLI::ExistingFile);
  // Not --data-dir: that global option names the database folder.
  cmd->add_option("--model-dir", args->data_dir,
                  "folder with distributions.csv, names.csv and municipality_size.csv")
      ->capture_default_str();
  cmd->add_flag("--independent-sources", args->independent,
                "no heterogeneity or dependence between sources (validates simple MSE models)");
  cmd->callback([args] { Run(*args); });
}

}  // namespace schakel::cli
