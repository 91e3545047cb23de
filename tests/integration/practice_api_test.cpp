// The Kader in practice over real HTTP: every field error names the field as sent, unknown
// fields are refused, a practice published nationally by Groningen is found by Zwolle's token,
// and the evidence of an assessment follows the registers without touching its answers.
#include "server_fixture.h"

namespace schakel::http {
namespace {

using nlohmann::json;

class PracticeApiTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    bearer_ = Token("GM0014", {app::Role::kPolicyOfficer});
  }
};

TEST_F(PracticeApiTest, TrainingErrorsNameTheFieldAsSent) {
  const json session = {{"title", "Signalen"},
                        {"format", "training"},
                        {"audience", "staff"},
                        {"held_on", "2026-06-01"},
                        {"attendees", {{{"staff_name", "Anna"}, {"department", "Wmo"}}}}};
  json bad = session;
  bad["attendees"][0]["staff_name"] = "";
  auto r = Post("/api/v1/training/sessions", bad);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "attendees[0].staff_name");
  bad = session;
  bad["attendees"][0]["email"] = "a@example.org";  // no personal data beyond name and role
  r = Post("/api/v1/training/sessions", bad);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "attendees[0].email");
  bad = session;
  bad["participants"] = "many";
  EXPECT_EQ(Post("/api/v1/training/sessions", bad).body["error"]["field"], "participants");
  bad = session;
  bad["format"] = "webinar";
  EXPECT_EQ(Post("/api/v1/training/sessions", bad).body["error"]["field"], "format");

  ASSERT_EQ(
      Post("/api/v1/training/departments", {{"department", "Wmo"}, {"relevant_staff", 2}}).status,
      200);
  r = Post("/api/v1/training/sessions", session);
  ASSERT_EQ(r.status, 201) << r.body.dump();
  EXPECT_EQ(r.body["participants"], 1);  // the named attendees by default
  EXPECT_EQ(r.body["refresher_months"], 24);
  auto overview = Get("/api/v1/training");
  ASSERT_EQ(overview.status, 200);
  EXPECT_DOUBLE_EQ(overview.body["overall_share"].get<double>(), 0.5);
  EXPECT_EQ(Get("/api/v1/training/sessions/999").status, 404);
}

TEST_F(PracticeApiTest, ScanPlaceAndReview) {
  const json place = {{"name", "Wasstraat"},      {"sector", "car_wash"},
                      {"neighbourhood", "Noord"}, {"sources", "toezicht"},
                      {"risk", "medium"},         {"reasoning", "signalen"},
                      {"owner", "Team"},          {"review_due", "2027-03-01"}};
  json bad = place;
  bad.erase("owner");
  EXPECT_EQ(Post("/api/v1/environment-scan/places", bad).body["error"]["field"], "owner");
  auto created = Post("/api/v1/environment-scan/places", place);
  ASSERT_EQ(created.status, 201) << created.body.dump();
  const std::string path =
      "/api/v1/environment-scan/places/" + std::to_string(created.body["id"].get<int64_t>());
  auto reviewed = Post(path + "/reviews",
                       {{"risk", "high"}, {"reasoning", "nieuw"}, {"review_due", "2027-01-01"}});
  ASSERT_EQ(reviewed.status, 201) << reviewed.body.dump();
  EXPECT_EQ(reviewed.body["reviews"].size(), 2u);
  auto scan = Get("/api/v1/environment-scan");
  EXPECT_EQ(scan.body["by_neighbourhood_and_sector"][0]["highest_risk"], "high");
}

TEST_F(PracticeApiTest, APracticePublishedNationallyIsFoundByAnotherMunicipality) {
  auto created = Post("/api/v1/practices", {{"title", "Wasstraten"},
                                            {"problem", "p"},
                                            {"approach", "a"},
                                            {"partners", "politie"},
                                            {"result", "r"},
                                            {"requirements", "tijd"},
                                            {"contact", "Team Veiligheid"},
                                            {"forms", {"labour"}},
                                            {"blocks", {"signalling"}},
                                            {"themes", {"toezicht"}}});
  ASSERT_EQ(created.status, 201) << created.body.dump();
  EXPECT_EQ(created.body["publication"], "draft");
  const std::string path = "/api/v1/practices/" + std::to_string(created.body["id"].get<int64_t>());
  EXPECT_EQ(Post(path + "/publish", {{"scope", "everywhere"}}).body["error"]["field"], "scope");
  ASSERT_EQ(Post(path + "/publish", {{"scope", "national"}}).status, 200);
  EXPECT_EQ(Post(path + "/publish", {{"scope", "region"}}).status, 409);

  bearer_ = Token("GM0193", {app::Role::kPolicyOfficer});  // Zwolle
  auto found = Get("/api/v1/practices?form=labour&theme=TOEZICHT");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.body["practices"].size(), 1u);
  EXPECT_EQ(found.body["practices"][0]["organisation"], "GM0014");
  EXPECT_TRUE(Get("/api/v1/practices?form=sexual").body["practices"].empty());
  EXPECT_EQ(Get("/api/v1/practices?form=slavery").body["error"]["field"], "form");
  EXPECT_EQ(Send("PUT", path, json{{"title", "Overgenomen"}}.dump()).status, 403);
}

TEST_F(PracticeApiTest, EvidenceOfAnAssessment) {
  auto a = Post("/api/v1/assessments", {{"organisation", "GM0014"}, {"period", "2026-Q4"}});
  ASSERT_EQ(a.status, 201);
  // A resident used the external reporting form: evidence for the reporting route.
  app::Actor outsider;
  outsider.origin = "web";
  outsider.address = "192.0.2.9";
  app::ExternalReport report;
  report.organisation = "GM0014";
  report.description = "Synthetisch: veel mannen in een pand aan de Quokkasteeg";
  ASSERT_TRUE(signals_->SubmitExternal(outsider, report).ok());
  auto r = Get("/api/v1/assessments/" + std::to_string(a.body["id"].get<int64_t>()) + "/evidence");
  ASSERT_EQ(r.status, 200) << r.body.dump();
  ASSERT_EQ(r.body["criteria"].size(), 8u);
  for (const json& c : r.body["criteria"]) {
    EXPECT_TRUE(c["answer"].is_null());
    if (c["criterion"] == "signalling.plateau1.external_reporting") {
      EXPECT_EQ(c["findings"][0]["state"], "found");
      EXPECT_EQ(c["findings"][0]["values"]["count"], "1");
    }
  }
}

}  // namespace
}  // namespace schakel::http
