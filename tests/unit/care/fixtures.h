// Test fixtures: the shipped care data (data/care/care.json), loaded once, and its JSON for tests
// that break one entry; dates written as in the docs ("2026-01-31").
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "care/amsterdam_time.h"
#include "care/care_data.h"

namespace schakel::care::testing {

inline nlohmann::json ShippedCareJson() {
  auto doc = ReadJsonFile(SCHAKEL_SOURCE_DIR "/data/care/care.json");
  if (!doc) ADD_FAILURE() << doc.error().message;
  return doc ? *doc : nlohmann::json();
}

inline const CareData& ShippedCareData() {
  static const CareData data = [] {
    auto d = LoadCareDataFile(SCHAKEL_SOURCE_DIR "/data/care/care.json");
    if (!d) ADD_FAILURE() << d.error().message;
    return d ? *d : CareData{};
  }();
  return data;
}

// REQUIRES: `text` is a real date in the form YYYY-MM-DD (a typo in a test fails loudly).
inline Date D(const char* text) {
  auto d = ParseDate(text);
  if (!d) ADD_FAILURE() << "not a date: " << text;
  return d.value_or(Date{});
}

// One way to make a valid T invalid, and the field the refusal must name.
template <typename T>
struct InvalidCase {
  const char* name;
  void (*mutate)(T&);
  const char* field;
};

// Breaks `valid` as `broken` says and checks that `check(value) -> Status` refuses it as invalid,
// naming the field.
template <typename T, typename Check>
void ExpectRefusedNamingField(T valid, const InvalidCase<T>& broken, Check check) {
  broken.mutate(valid);
  const Status s = check(valid);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalid) << s.error().message;
  EXPECT_EQ(s.error().field, broken.field) << s.error().message;
}

// Test names for parameters that carry a `name`.
struct ParamName {
  template <typename P>
  std::string operator()(const ::testing::TestParamInfo<P>& info) const {
    return info.param.name;
  }
};

}  // namespace schakel::care::testing
