// `schakel link reindex` and `schakel link capture-histories`: the linkage commands that work on
// the installation's database (the file commands `link encode|match|dedup` are in
// link_command.cpp). Only option parsing; the work is in app/match_service.h.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

struct CaptureArgs {
  std::string region, from, to, out;
};

int Reindex(Context& ctx) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto report = ctx.matches().Reindex(CliActor());
  if (!report) return Fail(report.error());
  std::cout << fmt::format(
      "encoded {} signal(s) and {} person(s); {} record(s) without a name were left out\n",
      report->signals, report->persons, report->without_name);
  return 0;
}

int Capture(Context& ctx, const CaptureArgs& args) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto histories = ctx.matches().CaptureHistoriesOf(CliActor(), args.region, args.from, args.to);
  if (!histories) return Fail(histories.error());
  const std::string csv = app::CaptureHistoriesCsv(*histories);
  if (args.out.empty() || args.out == "-") {
    std::cout << csv;
  } else {
    const std::string tmp = args.out + ".tmp";
    {
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      file << csv;
      if (!file.good()) return Fail(Error::Unavailable("cannot write " + tmp));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, args.out, ec);
    if (ec) return Fail(Error::Unavailable("cannot write " + args.out + ": " + ec.message()));
  }
  std::cerr << fmt::format("{} signal(s) with a name, {} person(s), lists: {}\n",
                           histories->records, histories->persons,
                           fmt::join(histories->lists, ", "));
  return 0;
}

}  // namespace

void RegisterLinkStoreCommands(CLI::App& root, Context& ctx, int& exit_code) {
  CLI::App* link = root.get_subcommand("link");
  CLI::App* reindex = link->add_subcommand(
      "reindex", "Encode every submitted signal and person for linkage (audited)");
  reindex->callback([&ctx, &exit_code] { exit_code = Reindex(ctx); });

  auto args = std::make_shared<CaptureArgs>();
  CLI::App* capture = link->add_subcommand(
      "capture-histories",
      "Cluster a region's signals into persons and write the capture histories per channel "
      "(CSV for `schakel estimate`)");
  capture->add_option("--region", args->region, "region code (VR13, ZR…)")->required();
  capture->add_option("--from", args->from, "first day, YYYY-MM-DD")->required();
  capture->add_option("--to", args->to, "last day, YYYY-MM-DD")->required();
  capture->add_option("--out", args->out, "CSV file to write (default: standard output)");
  capture->callback([args, &ctx, &exit_code] { exit_code = Capture(ctx, *args); });
}

}  // namespace schakel::cli
