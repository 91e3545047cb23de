// Registration of the command groups on the root CLI11 app. Each group lives in its own file.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace schakel::cli {

// Each Register* adds subcommands whose callbacks set `exit_code`.
void RegisterServeCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterKaderCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterOrgCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterAuditCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterUserCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterTokenCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterKeysCommands(CLI::App& root, Context& ctx, int& exit_code);
void RegisterSignalCommands(CLI::App& root, Context& ctx, int& exit_code);
// Retention: `retention run|periods|set-period`.
void RegisterRetentionCommands(CLI::App& root, Context& ctx, int& exit_code);
// `link reindex` and `link capture-histories` (link_store_command.cpp); call after
// RegisterLinkCommands, which creates `link`.
void RegisterLinkStoreCommands(CLI::App& root, Context& ctx, int& exit_code);
// Returns the `demo` subcommand so other modules can add to it.
CLI::App* RegisterDemoCommands(CLI::App& root, Context& ctx, int& exit_code);

}  // namespace schakel::cli
