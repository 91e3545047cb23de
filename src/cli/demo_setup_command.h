// `schakel demo setup` (demo mode, demo accounts, synthetic signals) and `schakel demo signals`
// (demo_setup_command.cpp).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace schakel::cli {

void RegisterDemoSetupCommands(CLI::App& demo, Context& ctx, int& exit_code);

}  // namespace schakel::cli
