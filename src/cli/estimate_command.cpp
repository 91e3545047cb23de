#include "cli/estimate_command.h"

#include <cstdint>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "stats/estimate_report.h"

namespace schakel::cli {
namespace {

struct EstimateArgs {
  std::string file;
  std::string model;
  std::string method = "stepwise";
  int bootstrap = 0;
  std::uint64_t seed = 1;
  bool json = false;
  bool reselect = false;
  bool store = false;
  std::string region;
  std::string period;
};

[[noreturn]] void StopWith(const Error& error) {
  std::cerr << "schakel estimate: " << error.message << "\n";
  // CLI11_PARSE turns this into the exit code without printing anything more.
  throw CLI::RuntimeError(error.code == ErrorCode::kInvalid ? 2 : 1);
}

// Stores the estimate (stepwise/aic/bic/main; a fixed --model is not stored) for the region.
void Store(Context& ctx, const EstimateArgs& args, const std::string& csv) {
  if (Status s = ctx.Open(); !s.ok()) StopWith(s.error());
  auto stored = ctx.insight().Store({args.region, args.period, csv, args.method}, CliActor());
  if (!stored.ok()) {
    Error e = stored.error();
    if (!e.field.empty()) e.message = e.field + ": " + e.message;
    StopWith(e);
  }
  std::cerr << "Stored as estimate " << stored->id << " for " << stored->region << " "
            << stored->period << "\n";
}

void Run(Context& ctx, const EstimateArgs& args, bool model_given) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) StopWith(Error::Unavailable("cannot read " + args.file));
  std::stringstream text;
  text << in.rdbuf();
  stats::EstimationOptions options;
  if (model_given) options.model_terms = args.model;
  auto method = stats::ParseSelectionMethod(args.method);
  if (!method.ok()) StopWith(method.error());
  options.method = *method;
  options.bootstrap_replicates = args.bootstrap;
  options.seed = args.seed;
  options.bootstrap_reselect = args.reselect;
  auto report = stats::RunEstimateReport(
      text.str(), options, args.json ? stats::ReportFormat::kJson : stats::ReportFormat::kText);
  if (!report.ok()) StopWith(report.error());
  std::cout << *report;
  if (args.store) Store(ctx, args, text.str());
}

}  // namespace

void RegisterEstimateCommand(CLI::App& root, Context& ctx) {
  auto args = std::make_shared<EstimateArgs>();
  CLI::App* cmd = root.add_subcommand(
      "estimate",
      "Estimate the total number of victims, seen and unseen, from lists that overlap (multiple "
      "systems estimation). FILE.csv has one 0/1 column per list and a last column 'count'.");
  cmd->add_option("file", args->file, "capture-history table (CSV)")
      ->required()
      ->check(CLI::ExistingFile);
  CLI::Option* model =
      cmd->add_option("--model", args->model,
                      "fit exactly these two-way interactions, e.g. \"A:B,B:C\" (\"main\" = none)");
  cmd->add_option("--method", args->method, "model choice when --model is not given")
      ->check(CLI::IsMember({"main", "stepwise", "aic", "bic"}))
      ->capture_default_str()
      ->excludes(model);
  cmd->add_option("--bootstrap", args->bootstrap,
                  "also a parametric-bootstrap interval with N replicates")
      ->check(CLI::Range(0, 1'000'000))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "bootstrap seed; the same seed gives the same interval")
      ->capture_default_str();
  cmd->add_flag(
      "--bootstrap-reselect", args->reselect,
      "re-run the model choice in every bootstrap replicate (includes model uncertainty)");
  cmd->add_flag("--json", args->json, "print one JSON object instead of text");
  CLI::Option* store =
      cmd->add_flag("--store", args->store,
                    "also store the estimate for --region and --period (audited; counts only)")
          ->excludes(model);
  cmd->add_option("--region", args->region, "safety region code, e.g. VR17 (with --store)")
      ->needs(store);
  cmd->add_option("--period", args->period, "the year the lists cover, e.g. 2026 (with --store)")
      ->needs(store);
  cmd->callback([args, model, &ctx] {
    if (args->store && (args->region.empty() || args->period.empty())) {
      StopWith(Error::Invalid("region", "--store needs --region CODE and --period YYYY"));
    }
    Run(ctx, *args, model->count() > 0);
  });
}

}  // namespace schakel::cli
