// Load, generate and write a synthetic world (see demo_export.h).
#include "synth/demo_export.h"

#include "synth/world_csv.h"
#include "synth/world_model.h"

namespace schakel::synth {

std::string DefaultSynthDataDir() {
#ifdef SCHAKEL_SYNTH_DEFAULT_DATA_DIR
  return SCHAKEL_SYNTH_DEFAULT_DATA_DIR;
#else
  return "data/synth";
#endif
}

Result<DemoExportSummary> ExportDemoWorld(const DemoExportOptions& options) {
  if (options.out_dir.empty()) return Error::Invalid("out", "an output folder is required");
  auto model = LoadWorldModel(options.data_dir, options.municipalities_csv);
  if (!model.ok()) return model.error();
  auto world = GenerateWorld(*model, options.params);
  if (!world.ok()) return world.error();
  if (Status s = WriteWorldCsv(*world, *model, options.out_dir); !s.ok()) return s.error();
  DemoExportSummary summary;
  summary.true_size = world->TrueSize(StratumFilter::All());
  summary.registered = world->persons.size();
  summary.records = world->records.size();
  return summary;
}

}  // namespace schakel::synth
