#include "stats/estimate_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "published_tables.h"
#include "stats/estimation.h"

namespace schakel::stats {
namespace {

using ::testing::HasSubstr;

std::string Korea() {
  return testing::ReadText(testing::PublishedTablePath("Korea"));
}

TEST(EstimateReport, JsonHasTheAgreedFields) {
  EstimationOptions options;
  options.model_terms = "b:c";
  options.bootstrap_replicates = 50;
  options.seed = 3;
  auto out = RunEstimateReport(Korea(), options, ReportFormat::kJson);
  ASSERT_TRUE(out.ok()) << out.error().message;
  const auto j = nlohmann::json::parse(*out);
  EXPECT_EQ(j["observed"], 123);
  EXPECT_EQ(j["method"], "fixed");
  EXPECT_EQ(j["model"], nlohmann::json::array({"b:c"}));
  EXPECT_NEAR(j["estimate"].get<double>(), 268.8, 0.1);
  EXPECT_LT(j["ci_low"].get<double>(), j["estimate"].get<double>());
  EXPECT_GT(j["ci_high"].get<double>(), j["estimate"].get<double>());
  EXPECT_EQ(j["bootstrap"]["replicates"], 50);
  EXPECT_EQ(j["bootstrap"]["seed"], 3);
  EXPECT_TRUE(j["considered"].is_array());
}

TEST(EstimateReport, TextListsModelsChosenModelEstimateAndInterval) {
  EstimationOptions options;
  options.method = SelectionMethod::kStepwise;
  auto out = RunEstimateReport(Korea(), options, ReportFormat::kText);
  ASSERT_TRUE(out.ok());
  EXPECT_THAT(*out, HasSubstr("Observed: 123 people on 3 lists (b, c, d)"));
  EXPECT_THAT(*out, HasSubstr("Models considered:"));
  EXPECT_THAT(*out, HasSubstr("<- chosen"));
  EXPECT_THAT(*out, HasSubstr("Chosen model: main effects + b:c"));
  EXPECT_THAT(*out, HasSubstr("Estimate: 268.8 people"));
  EXPECT_THAT(*out, HasSubstr("95% interval (profile likelihood): "));
}

TEST(EstimateReport, ModelWithoutMleIsAnErrorNotAnEstimate) {
  EstimationOptions options;
  options.model_terms = "A:B";
  auto out = RunEstimateReport(testing::ReadText(testing::PublishedTablePath("Artificial_3")),
                               options, ReportFormat::kJson);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kInvalid);
  EXPECT_THAT(out.error().message, HasSubstr("no maximum-likelihood estimate"));
}

TEST(EstimateReport, BadCsvAndUnknownListsAreReported) {
  EstimationOptions options;
  auto bad = RunEstimateReport("A,B,count\n1,7,3\n", options, ReportFormat::kText);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, HasSubstr("line 2, column 2 (B)"));
  options.model_terms = "b:x";
  auto unknown = RunEstimateReport(Korea(), options, ReportFormat::kText);
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().message, HasSubstr("unknown list 'x'"));
}

TEST(StratifiedEstimate, OneEstimatePerStratumAndTheirSum) {
  std::vector<Stratum> strata;
  for (const char* name : {"Korea", "NewOrl_5", "Kosovo"})
    strata.push_back({name, testing::LoadPublishedTable(name)});
  EstimationOptions options;
  options.method = SelectionMethod::kMain;
  options.bootstrap_replicates = 100;
  auto est = EstimateStrata(strata, options);
  ASSERT_TRUE(est.ok()) << est.error().message;
  ASSERT_EQ(est->strata.size(), 3u);
  double sum = 0;
  for (const auto& [name, e] : est->strata) sum += e.fit().total;
  EXPECT_DOUBLE_EQ(est->total, sum);
  EXPECT_EQ(est->observed, 123 + 186 + 4400);
  ASSERT_TRUE(est->bootstrap.has_value());
  EXPECT_LT(est->bootstrap->low, est->total);
  EXPECT_GT(est->bootstrap->high, est->total);
}

TEST(StratifiedEstimate, ErrorNamesTheStratum) {
  std::vector<Stratum> strata{{"minors", testing::LoadPublishedTable("Artificial_3")}};
  EstimationOptions options;
  options.model_terms = "A:B";
  auto est = EstimateStrata(strata, options);
  ASSERT_FALSE(est.ok());
  EXPECT_THAT(est.error().message, HasSubstr("stratum 'minors'"));
}

}  // namespace
}  // namespace schakel::stats
