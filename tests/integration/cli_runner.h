// Runs the real `schakel` binary (SCHAKEL_BINARY) on a data folder, as an operator would, and
// returns its exit code and combined output.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace schakel::testing {

struct RunResult {
  int exit_code;
  std::string output;  // stdout and stderr
};

// The paths involved must have no spaces or shell characters (temporary folder, source tree).
inline RunResult RunSchakel(const std::filesystem::path& data_dir, const std::string& args) {
  const std::string command = std::string(SCHAKEL_BINARY) + " --data-dir " + data_dir.string() +
                              " --log-level warn " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {127, "popen failed"};
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, out};
}

// Loads the public safety regions and municipalities (../shared/data/nl) through Schakel's own
// import commands; false when either fails.
inline bool ImportReferenceLists(const std::filesystem::path& data_dir) {
  return RunSchakel(data_dir,
                    "org import-safety-regions " SCHAKEL_SHARED_DATA_DIR "/nl/safety-regions.csv")
                 .exit_code == 0 &&
         RunSchakel(data_dir, "org import-municipalities " SCHAKEL_SHARED_DATA_DIR
                              "/nl/municipalities-2022.csv")
                 .exit_code == 0;
}

}  // namespace schakel::testing
