// `schakel demo export --format csv`: the command-line wiring of the synthetic-world export for
// the linkage and estimation CLIs. Only parses options and calls schakel::synth::ExportDemoWorld
// (src/synth/demo_export.h), where the work happens.
#pragma once

#include <CLI/CLI.hpp>

namespace schakel::cli {

// Adds the `export` subcommand to `demo` (the `demo` subcommand the caller created). On success
// prints a one-line summary; errors go to stderr and end the process with exit code 2 (invalid
// input) or 1 (other).
void RegisterDemoExportCommand(CLI::App& demo);

}  // namespace schakel::cli
