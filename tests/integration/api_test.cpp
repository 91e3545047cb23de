// The JSON API over real HTTP: happy paths, every kind of bad input, limits and concurrency.
#include <atomic>

#include "server_fixture.h"

namespace schakel::http {
namespace {

using nlohmann::json;

class ApiTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    bearer_ = Token("GM0014", {app::Role::kPolicyOfficer});  // labelled "test GM0014"
  }

  int64_t CreateAssessment(const char* org = "GM0014", const char* period = "2026-Q4") {
    auto r = Post("/api/v1/assessments",
                  {{"organisation", org}, {"period", period}, {"by", "Anna Beleid"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", int64_t{0});
  }
};

TEST_F(ApiTest, FrameworkShowsFiveBlocksTimesThreeLevels) {
  auto r = Get("/api/v1/frameworks/2021-concept");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["blocks"].size(), 5u);
  EXPECT_EQ(r.body["levels"].size(), 3u);
  EXPECT_EQ(r.body["status"], "provisional");
  EXPECT_EQ(Get("/api/v1/frameworks").body["frameworks"][0]["id"], "2021-concept");
  EXPECT_EQ(Get("/api/v1/frameworks/nope").status, 404);
}

TEST_F(ApiTest, OrganisationsFilterAndDetail) {
  auto all = Get("/api/v1/organisations?kind=municipality");
  EXPECT_EQ(all.body["organisations"].size(), 342u);
  auto vr01 = Get("/api/v1/organisations?kind=municipality&region=VR01");
  EXPECT_GT(vr01.body["organisations"].size(), 0u);
  EXPECT_LT(vr01.body["organisations"].size(), 342u);
  auto groningen = Get("/api/v1/organisations/GM0014");
  EXPECT_EQ(groningen.body["name"], "Groningen");
  EXPECT_EQ(groningen.body["regions"][0]["code"], "VR01");
  EXPECT_EQ(Get("/api/v1/organisations/GM9999").status, 404);
  EXPECT_EQ(Get("/api/v1/organisations?valid_on=yesterday").body["error"]["field"], "valid_on");
}

TEST_F(ApiTest, AnswerSubmitAndSeeLevels) {
  const int64_t id = CreateAssessment();
  const std::string base = "/api/v1/assessments/" + std::to_string(id);
  auto put = Send("PUT", base + "/answers/policy.basis.embedded",
                  json{{"status", "met"}, {"evidence", "Beleidsplan 2026"}, {"by", "Anna"}}.dump());
  ASSERT_EQ(put.status, 200) << put.body.dump();
  EXPECT_EQ(put.body["blocks"][0]["level"], "basis");
  EXPECT_EQ(put.body["blocks"][0]["next_level"], "plateau1");
  EXPECT_EQ(put.body["blocks"][0]["gaps"][0]["criterion"], "policy.plateau1.insight");
  EXPECT_EQ(put.body["answers"][0]["answered_by"], "test GM0014");  // who, from the token

  auto batch = Post(base + "/answers",
                    {{"answers",
                      {{{"criterion", "policy.plateau1.insight"}, {"status", "met"}},
                       {{"criterion", "policy.plateau2.trends"}, {"status", "partly_met"}}}}});
  ASSERT_EQ(batch.status, 200);
  EXPECT_EQ(batch.body["blocks"][0]["level"], "plateau1");

  auto submit = Send("POST", base + "/submit");
  ASSERT_EQ(submit.status, 200) << submit.body.dump();
  EXPECT_EQ(submit.body["status"], "submitted");
  auto frozen = Send("PUT", base + "/answers/policy.basis.embedded", R"({"status":"not_met"})");
  EXPECT_EQ(frozen.status, 409);
  EXPECT_EQ(Get(base).body["blocks"][0]["level"], "plateau1");
}

TEST_F(ApiTest, MalformedJsonIs400) {
  auto r = Send("POST", "/api/v1/assessments", R"({"organisation": "GM0014",)");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["code"], "malformed_json");
  EXPECT_EQ(Send("POST", "/api/v1/assessments", "[1,2]").status, 400);
}

TEST_F(ApiTest, WrongContentTypeIs415) {
  auto r = Send("POST", "/api/v1/assessments", "organisation=GM0014", "text/plain");
  EXPECT_EQ(r.status, 415);
}

TEST_F(ApiTest, WrongTypesNameTheField) {
  auto r = Post("/api/v1/assessments", {{"organisation", 14}, {"period", "2026-Q4"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "organisation");
  const int64_t id = CreateAssessment();
  auto bad = Post("/api/v1/assessments/" + std::to_string(id) + "/answers",
                  {{"answers", {{{"criterion", "policy.basis.embedded"}, {"status", true}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["error"]["field"], "answers[0].status");
  auto not_list =
      Post("/api/v1/assessments/" + std::to_string(id) + "/answers", {{"answers", "met"}});
  EXPECT_EQ(not_list.body["error"]["field"], "answers");
  auto status =
      Send("PUT", "/api/v1/assessments/" + std::to_string(id) + "/answers/policy.basis.embedded",
           R"({"status":"maybe"})");
  EXPECT_EQ(status.status, 422);
  EXPECT_EQ(status.body["error"]["field"], "status");
}

TEST_F(ApiTest, UnknownIdsAre404) {
  EXPECT_EQ(Get("/api/v1/assessments/999999").status, 404);
  EXPECT_EQ(Get("/api/v1/assessments/abc").status, 404);
  EXPECT_EQ(Get("/api/v1/assessments/-1").status, 404);
  const int64_t id = CreateAssessment();
  auto r = Send("PUT", "/api/v1/assessments/" + std::to_string(id) + "/answers/no.such",
                R"({"status":"met"})");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Get("/api/v1/nothing-here").status, 404);
  EXPECT_EQ(Get("/api/v1/rollup?region=VR99").status, 403);  // not the caller's region
}

TEST_F(ApiTest, DuplicateAssessmentIs409) {
  CreateAssessment();
  auto r = Post("/api/v1/assessments", {{"organisation", "GM0014"}, {"period", "2026-Q4"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body["error"]["code"], "conflict");
}

TEST_F(ApiTest, WrongMethodIs405WithAllow) {
  auto r = Send("DELETE", "/api/v1/frameworks/2021-concept");
  EXPECT_EQ(r.status, 405);
  bool has_allow = false;
  for (const auto& [k, v] : r.headers) {
    if (k == "Allow") has_allow = v.find("GET") != std::string::npos;
  }
  EXPECT_TRUE(has_allow);
}

TEST_F(ApiTest, TenMegabyteBodyIsRefusedAndServerStaysUp) {
  const std::string huge(10 * 1024 * 1024, 'x');
  auto r = client_->Post("/api/v1/assessments", huge, "application/json");
  if (r) {  // the server may also close the connection after answering
    EXPECT_EQ(r->status, 413);
  }
  httplib::Client fresh("127.0.0.1", server_->port());
  auto health = fresh.Get("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponse) {
  for (const char* path : {"/api/v1/health", "/api/v1/nothing"}) {
    auto r = client_->Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
    EXPECT_FALSE(r->get_header_value("X-Correlation-Id").empty());
  }
}

TEST_F(ApiTest, ConcurrentWritersToOneAssessmentAllLand) {
  const int64_t id = CreateAssessment();
  auto framework = Get("/api/v1/frameworks/2021-concept").body;
  std::vector<std::string> criteria;
  for (const auto& c : framework["criteria"]) criteria.push_back(c["id"]);
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (size_t w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", server_->port());
      c.set_bearer_token_auth(bearer_);
      for (size_t i = w; i < criteria.size() * 3; i += 8) {
        const std::string& criterion = criteria[i % criteria.size()];
        auto r =
            c.Put(("/api/v1/assessments/" + std::to_string(id) + "/answers/" + criterion).c_str(),
                  json{{"status", "met"}, {"by", "writer " + std::to_string(w)}}.dump(),
                  "application/json");
        if (!r || r->status != 200) ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto final = Get("/api/v1/assessments/" + std::to_string(id));
  EXPECT_EQ(final.body["answered"], criteria.size());
  for (const auto& b : final.body["blocks"]) EXPECT_EQ(b["level"], "plateau2");
  // Every write is in the history, none lost.
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM assessment_answer_history", {})->front().Int(0),
            static_cast<int64_t>(criteria.size() * 3));
}

TEST_F(ApiTest, CompareAndRollup) {
  const int64_t q3 = CreateAssessment("GM0014", "2026-Q3");
  ASSERT_EQ(Post("/api/v1/assessments/" + std::to_string(q3) + "/answers",
                 {{"answers", {{{"criterion", "policy.basis.embedded"}, {"status", "not_met"}}}}})
                .status,
            200);
  ASSERT_EQ(Send("POST", "/api/v1/assessments/" + std::to_string(q3) + "/submit").status, 200);
  const int64_t q4 = CreateAssessment("GM0014", "2026-Q4");
  ASSERT_EQ(Post("/api/v1/assessments/" + std::to_string(q4) + "/answers",
                 {{"answers", {{{"criterion", "policy.basis.embedded"}, {"status", "met"}}}}})
                .status,
            200);
  auto cmp = Get("/api/v1/comparisons?from=" + std::to_string(q3) + "&to=" + std::to_string(q4));
  ASSERT_EQ(cmp.status, 200) << cmp.body.dump();
  EXPECT_EQ(cmp.body["blocks"][0]["direction"], "up");
  EXPECT_EQ(cmp.body["criteria"][0]["before"], "not_met");
  EXPECT_EQ(Get("/api/v1/comparisons?from=x&to=1").body["error"]["field"], "from");

  auto rollup = Get("/api/v1/rollup?region=VR01");
  ASSERT_EQ(rollup.status, 200);
  EXPECT_EQ(rollup.body["assessed"], 1);  // only the submitted Q3 counts
  EXPECT_EQ(rollup.body["blocks"][0]["levels"][0]["reached"], 0);
  auto national = Get("/api/v1/rollup");
  EXPECT_EQ(national.body["municipalities"], 342);
  EXPECT_EQ(national.body["scope"], "national");
  EXPECT_EQ(Get("/api/v1/rollup?period=soon").status, 422);
}

}  // namespace
}  // namespace schakel::http
