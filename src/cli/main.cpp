// schakel: the single binary — web server and operator commands.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/demo_export_command.h"
#include "cli/demo_setup_command.h"
#include "cli/estimate_command.h"
#include "cli/link_command.h"

#ifndef SCHAKEL_DEFAULT_SHARE_DIR
#error "SCHAKEL_DEFAULT_SHARE_DIR must be defined by the build"
#endif

int main(int argc, char** argv) {
  using namespace schakel::cli;
  Config config;
  config.share_dir = SCHAKEL_DEFAULT_SHARE_DIR;

  CLI::App app{
      "Schakel — de gemeentelijke aanpak van mensenhandel / the municipal approach to human "
      "trafficking.\nEvery option can also be set through the environment variable shown."};
  app.set_version_flag("--version", SCHAKEL_VERSION);
  app.require_subcommand(1);
  app.add_option("--data-dir", config.data_dir, "Folder for the database and keys")
      ->envname("SCHAKEL_DATA_DIR")
      ->capture_default_str();
  app.add_option("--share-dir", config.share_dir,
                 "Folder with Schakel's data (kader/ framework versions)")
      ->envname("SCHAKEL_SHARE_DIR")
      ->capture_default_str();
  app.add_option(
         "--key-file", config.key_file,
         "Key file for field encryption and the audit chain (default <data-dir>/schakel.keys); "
         "created with mode 0600 on first start; back it up apart from the database")
      ->envname("SCHAKEL_KEY_FILE");
  app.add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
      ->envname("SCHAKEL_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  Context ctx(config);
  int exit_code = 0;
  RegisterServeCommands(app, ctx, exit_code);
  RegisterKaderCommands(app, ctx, exit_code);
  RegisterOrgCommands(app, ctx, exit_code);
  RegisterAuditCommands(app, ctx, exit_code);
  RegisterUserCommands(app, ctx, exit_code);
  RegisterTokenCommands(app, ctx, exit_code);
  RegisterKeysCommands(app, ctx, exit_code);
  RegisterSignalCommands(app, ctx, exit_code);
  CLI::App* demo = RegisterDemoCommands(app, ctx, exit_code);
  RegisterDemoExportCommand(*demo);
  RegisterDemoSetupCommands(*demo, ctx, exit_code);
  RegisterLinkCommands(app);
  RegisterLinkStoreCommands(app, ctx, exit_code);
  RegisterEstimateCommand(app, ctx);
  RegisterRetentionCommands(app, ctx, exit_code);

  // Options are parsed before callbacks run; the context must see the parsed values.
  app.parse_complete_callback([&] {
    auto logger = spdlog::stderr_color_mt("schakel");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(config.log_level));
  });
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
