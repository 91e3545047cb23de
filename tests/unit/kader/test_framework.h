// A small framework for tests: two blocks ("a", "b") × three levels, with two criteria in a/basis.
#pragma once

#include <nlohmann/json.hpp>

namespace schakel::kader::testing {

inline nlohmann::json SmallFrameworkJson() {
  const auto t = [](const char* s) { return nlohmann::json{{"nl", s}, {"en", s}}; };
  nlohmann::json criteria = nlohmann::json::array();
  const auto add = [&](const char* id, const char* block, const char* level) {
    criteria.push_back({{"id", id}, {"block", block}, {"level", level}, {"text", t(id)}});
  };
  add("a1", "a", "basis");
  add("a2", "a", "basis");
  add("a3", "a", "plateau1");
  add("a4", "a", "plateau2");
  add("b1", "b", "basis");
  add("b2", "b", "plateau1");
  add("b3", "b", "plateau2");
  return {{"id", "test-1"},
          {"status", "provisional"},
          {"title", t("Test")},
          {"levels",
           {{{"id", "basis"}, {"rank", 1}, {"name", t("Basis")}},
            {{"id", "plateau1"}, {"rank", 2}, {"name", t("P1")}},
            {{"id", "plateau2"}, {"rank", 3}, {"name", t("P2")}}}},
          {"blocks",
           {{{"id", "a"}, {"number", 1}, {"name", t("A")}},
            {{"id", "b"}, {"number", 2}, {"name", t("B")}}}},
          {"criteria", criteria},
          {"goals",
           {{{"id", "a_basis"}, {"name", t("A basis")}, {"block", "a"}, {"level", "basis"}},
            {{"id", "b1_met"}, {"name", t("B1")}, {"criterion", "b1"}}}}};
}

}  // namespace schakel::kader::testing
