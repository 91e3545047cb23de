// Test fixtures: the shipped catalogue and routing rules (data/catalog/), loaded once; their JSON
// for tests that break one entry and expect the loader to name it; a three-element input.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "signals/catalog.h"
#include "signals/routing.h"
#include "signals/three_elements.h"

namespace schakel::signals::testing {

inline nlohmann::json ShippedJson(const char* file) {
  auto doc = ReadJsonFile(std::string(SCHAKEL_SOURCE_DIR "/data/catalog/") + file);
  if (!doc) ADD_FAILURE() << doc.error().message;
  return doc ? *doc : nlohmann::json();
}

inline const Catalog& ShippedCatalog() {
  static const Catalog catalog = [] {
    auto c = LoadCatalogFile(SCHAKEL_SOURCE_DIR "/data/catalog/catalog.json");
    if (!c) ADD_FAILURE() << c.error().message;
    return c ? *c : Catalog{};
  }();
  return catalog;
}

inline const RoutingRules& ShippedRouting() {
  static const RoutingRules rules = [] {
    auto r = LoadRoutingFile(SCHAKEL_SOURCE_DIR "/data/catalog/routing.json", ShippedCatalog());
    if (!r) ADD_FAILURE() << r.error().message;
    return r ? *r : RoutingRules{};
  }();
  return rules;
}

// One way to break a shipped file, and what the loader must say about it.
struct BrokenCase {
  const char* name;
  void (*mutate)(nlohmann::json&);
  const char* field;
  const char* message_part;
};

inline std::string BrokenCaseName(const ::testing::TestParamInfo<BrokenCase>& info) {
  return info.param.name;
}

// Breaks the shipped `file` as `broken` says and checks that `parse(json)` refuses it as invalid,
// naming the entry.
template <typename Parse>
void ExpectRefusedNamingEntry(const char* file, const BrokenCase& broken, Parse parse) {
  nlohmann::json doc = ShippedJson(file);
  broken.mutate(doc);
  auto parsed = parse(doc);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(parsed.error().field, broken.field);
  EXPECT_NE(parsed.error().message.find(broken.message_part), std::string::npos)
      << parsed.error().message;
}

// The professional's findings on the three elements for a person of `age`, on these forms.
inline ThreeElementInput MakeInput(ElementState act, ElementState means, ElementState purpose,
                                   AgeGroup age, std::vector<std::string> forms) {
  ThreeElementInput in;
  in.act.state = act;
  in.means.state = means;
  in.purpose.state = purpose;
  in.age = age;
  in.forms = std::move(forms);
  return in;
}

}  // namespace schakel::signals::testing
