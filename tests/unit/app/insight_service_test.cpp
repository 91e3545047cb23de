// Insight as use cases: signals counted into protected tables (each signal once, drafts and other
// years and regions left out), the CSV a user can download withstands differencing, estimates
// computed and stored with their audit event, the Kader evidence rule reading them, and
// need-to-know (only the region's policy officers and chain director; the monitor nationally).
#include "app/insight_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "app/evidence_service.h"
#include "app_fixture.h"
#include "store/audit_repository.h"
#include "store/signal_repository.h"

namespace schakel::app {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class InsightServiceTest : public testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    if (HasFatalFailure()) return;
    insight_.emplace(*database_, clock_, audit_);
    auto vr01 = orgs_->List({"municipality", std::string("VR01"), std::nullopt});
    ASSERT_TRUE(vr01.ok());
    for (const auto& m : *vr01) {
      if (m.code != "GM0014") neighbour_ = m.code;
    }
    ASSERT_FALSE(neighbour_.empty());
  }

  static Actor As(Role role, const std::string& org, const std::string& region) {
    Principal p;
    p.user = "user-" + std::string(RoleName(role)) + "-" + org;
    p.organisation = org;
    p.organisation_kind = org == "SCHAKEL" ? "national" : "municipality";
    if (!region.empty()) p.regions = {region};
    p.roles = {role};
    return {RoleName(role), "web", p.user, "127.0.0.1", p, ""};
  }

  // A submitted signal (or a draft) with these plain facts; no content is needed for counting.
  void AddSignal(const std::string& org, const std::string& submitted,
                 std::vector<std::string> forms, const std::string& status = "new",
                 const std::string& gender = "female") {
    auto db = database_->Acquire();
    store::SignalRepository repo(*db);
    store::SignalRecord s;
    s.facts.seq = *repo.NextSeq();
    s.facts.id = "signal-" + std::to_string(s.facts.seq);
    s.facts.organisation = org;
    s.facts.status = status;
    s.facts.channel = "staff";
    s.facts.urgency = "normal";
    s.facts.forms = std::move(forms);
    s.facts.victim_age_group = "adult";
    s.facts.victim_gender = gender;
    s.facts.victim_nationality = "NLD";
    s.facts.created_by = "user-signaller";
    s.facts.created_at = submitted + "T09:00:00Z";
    s.facts.updated_at = s.facts.created_at;
    if (status != "draft") s.facts.submitted_at = s.facts.created_at;
    ASSERT_TRUE(repo.Insert(s).ok());
  }

  // Groningen 40 signals in 2026 (3 criminal, 2 with two forms), its neighbour 4, Amsterdam 25;
  // besides 5 drafts and 7 signals of 2025 in Groningen that must not count.
  void Fixture() {
    for (int i = 0; i < 20; ++i)
      AddSignal("GM0014", i < 12 ? "2026-02-10" : "2026-05-10", {"sexual"});
    for (int i = 0; i < 15; ++i) AddSignal("GM0014", "2026-08-01", {"labour"}, "new", "male");
    for (int i = 0; i < 3; ++i) AddSignal("GM0014", "2026-10-01", {"criminal"});
    for (int i = 0; i < 2; ++i) AddSignal("GM0014", "2026-10-02", {"sexual", "labour"});
    for (int i = 0; i < 4; ++i) AddSignal(neighbour_, "2026-03-03", {"sexual"});
    for (int i = 0; i < 25; ++i) AddSignal("GM0363", "2026-03-03", {"sexual"});
    for (int i = 0; i < 5; ++i) AddSignal("GM0014", "2026-03-03", {"labour"}, "draft");
    for (int i = 0; i < 7; ++i) AddSignal("GM0014", "2025-03-03", {"labour"});
  }

  int64_t AuditCount(const std::string& action, const std::string& result) {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.actions = {action};
    q.result = result;
    return static_cast<int64_t>(store::AuditRepository(*db).Find(q)->size());
  }

  EstimateInput UkInput() {
    return {"VR01", "2026", ReadFile(SCHAKEL_SHARED_DATA_DIR "/mse/UKdat_5.csv"), "stepwise"};
  }

  std::optional<InsightService> insight_;
  std::string neighbour_;
};

// Parses TablesCsv into table → (row, column) → value text.
using Grid = std::map<std::pair<std::string, std::string>, std::string>;
std::map<std::string, Grid> ParseTablesCsv(const std::string& csv) {
  std::map<std::string, Grid> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string part;
    while (std::getline(ls, part, ',')) f.push_back(part);
    EXPECT_EQ(f.size(), 6u) << line;
    if (f.size() == 6) out[f[0]][{f[2], f[4]}] = f[5];
  }
  return out;
}

// The attacker: every row and column (margins included) sums to its total; whenever a line has
// exactly one unknown, work it out; repeat until nothing changes. Returns what was recovered.
std::map<std::pair<std::string, std::string>, int64_t> Difference(const Grid& grid) {
  std::vector<std::string> rows, columns;
  for (const auto& [key, v] : grid) {
    if (key.first != "total" && std::find(rows.begin(), rows.end(), key.first) == rows.end())
      rows.push_back(key.first);
    if (key.second != "total" &&
        std::find(columns.begin(), columns.end(), key.second) == columns.end())
      columns.push_back(key.second);
  }
  std::map<std::pair<std::string, std::string>, std::optional<int64_t>> known;
  for (const auto& [key, v] : grid) {
    known[key] = v.rfind("<", 0) == 0 ? std::nullopt : std::optional<int64_t>(std::stoll(v));
  }
  std::map<std::pair<std::string, std::string>, int64_t> recovered;
  const auto solve = [&](std::vector<std::pair<std::string, std::string>> parts,
                         std::pair<std::string, std::string> total) {
    int unknown = 0;
    std::pair<std::string, std::string> missing;
    int64_t sum = 0;
    for (const auto& p : parts) {
      if (known[p]) {
        sum += *known[p];
      } else {
        ++unknown;
        missing = p;
      }
    }
    if (!known[total]) {
      if (unknown == 0) {
        known[total] = sum;
        recovered[total] = sum;
        return true;
      }
      return false;
    }
    if (unknown != 1) return false;
    known[missing] = *known[total] - sum;
    recovered[missing] = *known[missing];
    return true;
  };
  rows.push_back("total");
  columns.push_back("total");
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& r : rows) {
      std::vector<std::pair<std::string, std::string>> parts;
      for (const auto& c : columns)
        if (c != "total") parts.push_back({r, c});
      progress = solve(parts, {r, "total"}) || progress;
    }
    for (const auto& c : columns) {
      std::vector<std::pair<std::string, std::string>> parts;
      for (const auto& r : rows)
        if (r != "total") parts.push_back({r, c});
      progress = solve(parts, {"total", c}) || progress;
    }
  }
  return recovered;
}

TEST_F(InsightServiceTest, EverySubmittedSignalOfTheRegionAndYearCountsOnce) {
  Fixture();
  auto view = insight_->Region("VR01", {2026, 0, 10}, As(Role::kChainDirector, "GM0014", "VR01"));
  ASSERT_TRUE(view.ok()) << view.error().message;
  ASSERT_EQ(view->tables.size(), 4u);
  const ProtectedTable& trend = view->tables[0];
  const auto& p = trend.published;
  ASSERT_EQ(trend.spec.id, "trend");
  // 40 + 4: drafts, 2025 and Amsterdam left out; the two with two forms counted once.
  EXPECT_EQ(p.values[p.index(p.rows(), p.columns())], 44);
  const int labour = 1, criminal = 2, multiple = 4;
  EXPECT_EQ(p.column_labels[labour], "labour");
  EXPECT_EQ(p.values[p.index(p.rows(), labour)], 15);
  // Three criminal and two "multiple": fewer than 10, so suppressed.
  EXPECT_FALSE(p.values[p.index(p.rows(), criminal)].has_value());
  EXPECT_FALSE(p.values[p.index(p.rows(), multiple)].has_value());
  EXPECT_EQ(CellText(p, p.rows(), criminal, 10), "<10");
  // The neighbour's 4 signals are suppressed in the municipality table, and so is Groningen's
  // row total, else it would give the neighbour's away (44 - 40).
  const auto tables = ParseTablesCsv(TablesCsv(view->tables, 10));
  const Grid& by_municipality = tables.at("municipality");
  EXPECT_EQ(by_municipality.at({neighbour_, "total"}), "<10");
  EXPECT_EQ(by_municipality.at({"GM0014", "total"}), "<10");
  EXPECT_EQ(by_municipality.at({"total", "total"}), "44");
  EXPECT_EQ(AuditCount("insight.read", "success"), 1);
}

TEST_F(InsightServiceTest, DifferencingTheDownloadedCsvRecoversNoSuppressedCell) {
  Fixture();
  for (const auto& [role, org] : std::vector<std::pair<Role, std::string>>{
           {Role::kChainDirector, "GM0014"}, {Role::kPolicyOfficer, neighbour_}}) {
    auto view = insight_->Region("VR01", {2026, 0, 10}, As(role, org, "VR01"));
    ASSERT_TRUE(view.ok());
    const std::string csv = TablesCsv(view->tables, 10);
    int suppressed = 0;
    for (const auto& [id, grid] : ParseTablesCsv(csv)) {
      for (const auto& [cell, v] : grid) suppressed += v == "<10";
      const auto recovered = Difference(grid);
      for (const auto& [cell, value] : recovered) {
        ADD_FAILURE() << id << " " << cell.first << "/" << cell.second << " recovered as " << value;
      }
    }
    EXPECT_GT(suppressed, 4);  // there was something to attack
  }
  // The same holds with rounding to 5, and the HTCDS export shows only published margins.
  auto rounded =
      insight_->Region("VR01", {2026, 5, 10}, As(Role::kChainDirector, "GM0014", "VR01"));
  ASSERT_TRUE(rounded.ok());
  for (const auto& [id, grid] : ParseTablesCsv(TablesCsv(rounded->tables, 10))) {
    for (const auto& [cell, v] : grid) {
      if (v != "<10") {
        EXPECT_EQ(std::stoll(v) % 5, 0) << id << " " << v;
      }
    }
  }
  const std::string htcds = HtcdsCsv(
      rounded->tables, 10,
      {{"sexual", "SexualExploitation"}, {"labour", "ForcedLabour"}, {"criminal", "Other"}});
  EXPECT_NE(htcds.find("vic_TypeOfExploitation,ForcedLabour,form,labour,15"), std::string::npos)
      << htcds;
  EXPECT_NE(htcds.find("vic_TypeOfExploitation,Other,form,criminal,<10"), std::string::npos);
}

TEST_F(InsightServiceTest, OnlyTheRegionsPolicyOfficersAndChainDirectorSeeItsDashboard) {
  Fixture();
  EXPECT_TRUE(insight_->Region("VR01", {}, As(Role::kPolicyOfficer, neighbour_, "VR01")).ok());
  for (const Actor& who :
       {As(Role::kSignaller, "GM0014", "VR01"), As(Role::kCareCoordinator, "GM0014", "VR01"),
        As(Role::kPartner, "POLITIE", ""), As(Role::kAdmin, "GM0014", "VR01"),
        As(Role::kChainDirector, "GM0363", "VR13"), As(Role::kMonitor, "SCHAKEL", "")}) {
    auto view = insight_->Region("VR01", {}, who);
    ASSERT_FALSE(view.ok()) << who.name;
    EXPECT_EQ(view.error().code, ErrorCode::kForbidden) << who.name;
  }
  EXPECT_EQ(AuditCount("insight.read", "success"), 1);
  EXPECT_EQ(AuditCount("view_region_insight", "deny"), 6);  // every refusal is in the trail
  // Nationally: the monitor, nobody else.
  auto national = insight_->National({2026, 0, 10}, As(Role::kMonitor, "SCHAKEL", ""));
  ASSERT_TRUE(national.ok()) << national.error().message;
  const auto& trend = national->tables[0].published;
  EXPECT_EQ(trend.values[trend.index(trend.rows(), trend.columns())], 69);  // 44 + Amsterdam's 25
  EXPECT_EQ(insight_->National({}, As(Role::kChainDirector, "GM0014", "VR01")).error().code,
            ErrorCode::kForbidden);
  // Not a safety region: said so by field.
  EXPECT_EQ(
      insight_->Region("GM0014", {}, As(Role::kChainDirector, "GM0014", "VR01")).error().field,
      "regio");
}

TEST_F(InsightServiceTest, AStoredEstimateKeepsItsFiguresAndIsAudited) {
  const Actor director = As(Role::kChainDirector, "GM0014", "VR01");
  auto stored = insight_->Store(UkInput(), director);
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->observed, 2744);
  EXPECT_NEAR(stored->total, 11313.0, 0.5);  // Chan, Silverman and Vincent (2021)
  EXPECT_NEAR(stored->hidden, 11313.0 - 2744, 0.5);
  EXPECT_LT(stored->ci_low, stored->total);
  EXPECT_GT(stored->ci_high, stored->total);
  EXPECT_EQ(stored->lists, (std::vector<std::string>{"LA", "NG", "PFNCA", "GO", "GP"}));
  EXPECT_EQ(stored->method, "stepwise");
  EXPECT_EQ(AuditCount("estimate.store", "success"), 1);
  auto view = insight_->Region("VR01", {}, director);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->estimates.size(), 1u);
  EXPECT_EQ(view->estimates[0].id, stored->id);
  EXPECT_NEAR(view->estimates[0].ci_high, stored->ci_high, 1e-9);
}

TEST_F(InsightServiceTest, BadInputNamesTheFieldAndStoresNothing) {
  const Actor director = As(Role::kChainDirector, "GM0014", "VR01");
  EstimateInput bad = UkInput();
  bad.csv = "A,B,count\n1,0,5\n0,1,2\n1,1,x\n";
  EXPECT_EQ(insight_->Store(bad, director).error().field, "tabel");
  bad = UkInput();
  bad.period = "26";
  EXPECT_EQ(insight_->Store(bad, director).error().field, "periode");
  bad = UkInput();
  bad.method = "guess";
  EXPECT_EQ(insight_->Store(bad, director).error().field, "methode");
  bad = UkInput();
  bad.csv = "";
  EXPECT_EQ(insight_->Store(bad, director).error().field, "tabel");
  // Another region's chain director may not store one for VR01.
  EXPECT_EQ(insight_->Store(UkInput(), As(Role::kChainDirector, "GM0363", "VR13")).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(insight_->Store(UkInput(), As(Role::kMonitor, "SCHAKEL", "")).error().code,
            ErrorCode::kForbidden);
  auto db = database_->Acquire();
  EXPECT_TRUE(store::EstimateRepository(*db).List({})->empty());
  EXPECT_EQ(AuditCount("estimate.store", "success"), 0);
}

TEST_F(InsightServiceTest, TheKaderEvidenceRuleFindsTheRegionsStoredEstimate) {
  const auto state = [&](const std::string& org) {
    auto db = database_->Acquire();
    auto facts = EvidenceService::Gather(*db, org, "2026-11-20");
    EXPECT_TRUE(facts.ok());
    return facts->regional_estimate;
  };
  EXPECT_EQ(state("GM0014"), std::optional<bool>(false));
  ASSERT_TRUE(insight_->Store(UkInput(), As(Role::kPolicyOfficer, "GM0014", "VR01")).ok());
  EXPECT_EQ(state("GM0014"), std::optional<bool>(true));
  EXPECT_EQ(state(neighbour_), std::optional<bool>(true));  // same region
  EXPECT_EQ(state("GM0363"), std::optional<bool>(false));   // Amsterdam: VR13, none stored
  // And as the assessment shows it: criterion policy.plateau1.insight.
  auto assessment = kader_->Create("GM0014", "2026-Q4", "2021-concept", actor_);
  ASSERT_TRUE(assessment.ok());
  EvidenceService evidence(*database_, clock_, *kader_);
  auto view = evidence.ForAssessment(assessment->record.id, actor_);
  ASSERT_TRUE(view.ok());
  bool seen = false;
  for (const auto& c : view->criteria) {
    if (c.criterion->id != "policy.plateau1.insight") continue;
    seen = true;
    EXPECT_EQ(c.findings.at(0).state, kader::EvidenceState::kFound);
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace schakel::app
