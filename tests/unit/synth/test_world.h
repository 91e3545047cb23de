// Shared fixtures for the synthetic-world tests: the repository's model files and the public
// municipality list, loaded once per test binary.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "synth/world_model.h"

namespace schakel::synth::testing {

inline std::string SynthDataDir() {
  return std::string(SCHAKEL_SOURCE_DIR) + "/data/synth";
}
inline std::string MunicipalitiesCsv() {
  return std::string(SCHAKEL_SHARED_DATA_DIR) + "/nl/municipalities-2022.csv";
}

// The model from the repository's data; aborts the test binary when it does not load.
inline const WorldModel& RepositoryModel() {
  static const WorldModel model = [] {
    auto loaded = LoadWorldModel(SynthDataDir(), MunicipalitiesCsv());
    if (!loaded.ok()) {
      std::fprintf(stderr, "cannot load the synthetic world model: %s\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return model;
}

}  // namespace schakel::synth::testing
