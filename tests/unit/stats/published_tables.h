// Loads the published capture-recapture tables in $SCHAKEL_SHARED_DATA_DIR/mse for the tests.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "stats/capture_table.h"

namespace schakel::stats::testing {

inline std::string PublishedTablePath(const std::string& name) {
  return std::string(SCHAKEL_SHARED_DATA_DIR) + "/mse/" + name + ".csv";
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Fails the test (and returns an empty-ish table) if the file is missing or malformed.
inline CaptureTable LoadPublishedTable(const std::string& name) {
  auto table = ParseCaptureCsv(ReadText(PublishedTablePath(name)));
  if (!table.ok()) {
    ADD_FAILURE() << name << ": " << table.error().message;
    return *CaptureTable::Create({"A", "B"}, {0, 1, 1, 1});
  }
  return std::move(*table);
}

}  // namespace schakel::stats::testing
