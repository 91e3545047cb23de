// ExportDemoWorld: the whole of `schakel demo export --format csv` — load the model, generate the
// world, write the CSV folder — so that the CLI only parses options and prints the summary.
#pragma once

#include <cstdint>
#include <string>

#include "domain/result.h"
#include "synth/world.h"

namespace schakel::synth {

struct DemoExportOptions {
  std::string data_dir;  // folder with distributions.csv, names.csv, municipality_size.csv
  std::string municipalities_csv;  // cbs_code,name,safety_region
  std::string out_dir;             // created if missing; existing files are overwritten
  WorldParams params;
};

struct DemoExportSummary {
  std::uint64_t true_size = 0;   // persons in the true population
  std::uint64_t registered = 0;  // persons captured by at least one source
  std::uint64_t records = 0;     // rows of records.csv
};

// The compiled-in default for DemoExportOptions::data_dir (the repository's data/synth).
std::string DefaultSynthDataDir();

Result<DemoExportSummary> ExportDemoWorld(const DemoExportOptions& options);

}  // namespace schakel::synth
