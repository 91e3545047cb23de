// docs/api/openapi.yaml must describe exactly the routes the server has: a route missing from the
// spec, or a spec entry without a route, fails this test.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "server_fixture.h"

namespace schakel::http {
namespace {

// Reads "path METHOD" pairs from the paths: section (two-space indented paths, four-space
// indented methods).
std::set<std::string> SpecOperations() {
  std::ifstream in(SCHAKEL_SOURCE_DIR "/docs/api/openapi.yaml");
  EXPECT_TRUE(in) << "docs/api/openapi.yaml is missing";
  std::set<std::string> ops;
  std::string line;
  std::string path;
  bool in_paths = false;
  const std::regex path_re(R"(^  (/[^:]*):\s*$)");
  const std::regex method_re(R"(^    (get|put|post|delete|patch):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re)) {
      path = m[1];
    } else if (std::regex_match(line, m, method_re)) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      ops.insert(path + " " + method);
    }
  }
  return ops;
}

class OpenApiTest : public testing::ServerFixture {};

TEST_F(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  const std::set<std::string> spec = SpecOperations();
  ASSERT_FALSE(spec.empty());
  std::set<std::string> routes;
  for (const RouteInfo& r : server_->routes()) {
    // The spec lists paths relative to the server URL /api/v1.
    ASSERT_EQ(r.pattern.rfind("/api/v1", 0), 0u) << r.pattern;
    routes.insert(r.pattern.substr(7) + " " + r.method);
  }
  for (const auto& op : routes) {
    EXPECT_TRUE(spec.count(op)) << "route missing from docs/api/openapi.yaml: " << op;
  }
  for (const auto& op : spec) {
    EXPECT_TRUE(routes.count(op)) << "documented route does not exist: " << op;
  }
}

}  // namespace
}  // namespace schakel::http
