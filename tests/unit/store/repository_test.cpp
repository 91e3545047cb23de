// Repositories on a real temporary SQLite database.
#include <gtest/gtest.h>

#include "store/assessment_repository.h"
#include "store/migrations.h"
#include "store/organisation_repository.h"
#include "temp_database.h"

namespace schakel::store {
namespace {

class RepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenFreshSqlite();
    auto db = database_->Acquire();
    const FixedClock clock(std::chrono::system_clock::time_point{});
    ASSERT_TRUE(Migrate(*db, clock).ok());
    OrganisationRepository orgs(*db);
    ASSERT_TRUE(
        orgs.Upsert({"VR17", "region", "safety_region", "Rotterdam-Rijnmond", "2000-01-01", {}, {}})
            .ok());
    for (const char* code : {"GM0501", "GM0530", "GM0599"}) {
      ASSERT_TRUE(orgs.Upsert({code, "municipality", {}, code, "2000-01-01", {}, {}}).ok());
      ASSERT_TRUE(orgs.AddMember("VR17", code, "2000-01-01", {}).ok());
    }
    FrameworkRepository fw(*db);
    ASSERT_TRUE(fw.Upsert({"f1", "provisional", "{}", "h", "2026-01-01T00:00:00Z"}).ok());
  }
  std::unique_ptr<Database> database_;
};

TEST_F(RepositoryTest, MergerEndsOldMunicipalitiesAndMembership) {
  auto db = database_->Acquire();
  OrganisationRepository orgs(*db);
  ASSERT_TRUE(
      orgs.Upsert({"GM1992", "municipality", {}, "Voorne aan Zee", "2023-01-01", {}, {}}).ok());
  ASSERT_TRUE(orgs.AddMember("VR17", "GM1992", "2023-01-01", {}).ok());
  ASSERT_TRUE(orgs.End("GM0501", "2023-01-01", "GM1992").ok());
  ASSERT_TRUE(orgs.End("GM0530", "2023-01-01", "GM1992").ok());

  auto before = orgs.List({"municipality", "VR17", "2022-06-01"});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->size(), 3u);  // GM0501, GM0530, GM0599
  auto after = orgs.List({"municipality", "VR17", "2024-06-01"});
  ASSERT_EQ(after->size(), 2u);  // GM0599, GM1992
  EXPECT_EQ(after->at(0).code, "GM0599");
  EXPECT_EQ(after->at(1).code, "GM1992");
  auto ended = orgs.Find("GM0501");
  EXPECT_EQ(ended->value().successor, "GM1992");
  EXPECT_TRUE(orgs.RegionsOf("GM0501", "2024-01-01")->empty());
  EXPECT_EQ(orgs.RegionsOf("GM0501", "2022-01-01")->size(), 1u);
}

TEST_F(RepositoryTest, OnePeriodOneAssessmentPerOrganisation) {
  auto db = database_->Acquire();
  AssessmentRepository repo(*db);
  AssessmentRecord a{0, "GM0501", "2026-Q4", "f1", "draft", "t", "tester", {}, {}};
  ASSERT_TRUE(repo.Create(a).ok());
  auto dup = repo.Create(a);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_F(RepositoryTest, AnswersKeepHistoryAndSubmitIsOnce) {
  auto db = database_->Acquire();
  AssessmentRepository repo(*db);
  const int64_t id =
      repo.Create({0, "GM0501", "2026-Q4", "f1", "draft", "t", "tester", {}, {}}).value();
  ASSERT_TRUE(repo.SetAnswer(id, {"c1", "not_met", "", "ann", "t1"}).ok());
  ASSERT_TRUE(repo.SetAnswer(id, {"c1", "met", "plan 2026", "bob", "t2"}).ok());
  auto answers = repo.Answers(id);
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ(answers->front().status, "met");
  EXPECT_EQ(answers->front().answered_by, "bob");
  auto history = db->Query("SELECT COUNT(*) FROM assessment_answer_history", {});
  EXPECT_EQ(history->front().Int(0), 2);
  ASSERT_TRUE(repo.MarkSubmitted(id, "bob", "t3").ok());
  auto again = repo.MarkSubmitted(id, "bob", "t4");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(RepositoryTest, LatestSubmittedPicksNewestPeriodPerOrganisation) {
  auto db = database_->Acquire();
  AssessmentRepository repo(*db);
  const auto make = [&](const char* org, const char* period, bool submit) {
    const int64_t id = repo.Create({0, org, period, "f1", "draft", "t", "x", {}, {}}).value();
    if (submit) {
      EXPECT_TRUE(repo.MarkSubmitted(id, "x", "t").ok());
    }
    return id;
  };
  make("GM0501", "2026-Q1", true);
  const int64_t q2 = make("GM0501", "2026-Q2", true);
  make("GM0501", "2026-Q3", false);  // drafts do not count
  const int64_t other = make("GM0530", "2026-Q1", true);
  auto latest = repo.LatestSubmitted("f1", "");
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ(latest->at(0).id, q2);
  EXPECT_EQ(latest->at(1).id, other);
  auto upto = repo.LatestSubmitted("f1", "2026-Q1");
  ASSERT_EQ(upto->size(), 2u);
  EXPECT_EQ(upto->at(0).period, "2026-Q1");
}

}  // namespace
}  // namespace schakel::store
