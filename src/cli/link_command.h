// `schakel link encode|match|dedup`: the command-line wiring of privacy-preserving record
// linkage. Only parses options and calls schakel::linkage (link_io.h), where the work happens.
#pragma once

#include <CLI/CLI.hpp>

namespace schakel::cli {

// Adds the `link` command with its three subcommands to the root application. Errors are
// printed to stderr and end the process with exit code 2 (invalid input) or 1 (other).
void RegisterLinkCommands(CLI::App& root);

}  // namespace schakel::cli
