// The retention job on real, encrypted data (app/retention_service.h): a case opened from a
// signal through the use cases, closed long ago, loses every ciphertext of its person, signal,
// case texts and plan while the case still opens for its coordinator and says it was erased; a
// logged-in user may not run the job (audited); a dry run writes nothing.
#include "app/retention_service.h"

#include <gtest/gtest.h>

#include "../care/fixtures.h"
#include "../signals/fixtures.h"
#include "app/case_service.h"
#include "app/encrypted_columns.h"
#include "person_fixture.h"

namespace schakel::app::testing {
namespace {

class RetentionServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    cases_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                   signals::testing::ShippedCatalog(), *persons_, *signals_);
    retention_.emplace(*database_, clock_, audit_, care::testing::ShippedCareData());
  }

  // A case opened from a forwarded signal about a synthetic person, with a plan item, closed on
  // `closed_on` (written directly: the clock of the fixture is fixed).
  std::string ClosedCase(const std::string& closed_on) {
    SignalInput in;
    in.organisation = "GM0599";
    in.channel = "staff";
    in.urgency = "normal";
    in.observed_on = "2026-11-02";
    in.forms = {"labour"};
    in.description = "Werknemers slapen in de loods aan de Quokkasteeg.";
    in.victim.identity.given_names = "Xanthippe";
    in.victim.identity.family_name = "Zwavelstok";
    in.victim.identity.date_of_birth = "1990-05-17";
    in.victim.gender = "female";
    in.victim.nationality = "POL";
    in.victim_age = "36";
    auto created = signals_->Create(signaller_, in);
    EXPECT_TRUE(created.ok()) << created.error().message;
    AssessmentInput a;
    a.act.state = "present";
    a.means.state = "present";
    a.purpose.state = "present";
    a.act.note = "Werving via een uitzendbureau";
    EXPECT_TRUE(signals_->Assess(coordinator_, created->facts.id, a).ok());
    EXPECT_TRUE(signals_->Forward(coordinator_, created->facts.id, "care_coordinator").ok());
    OpenCaseInput open;
    open.signals = {created->facts.id};
    auto opened = cases_->Open(coordinator_, open);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    PlanItemInput item;
    item.domain = "housing";
    item.responsible_organisation = "GM0599";
    item.description = "Woonruimte zoeken bij familie in Zwolle";
    EXPECT_TRUE(cases_->AddPlanItem(coordinator_, opened->record.id, item).ok());
    auto db = database_->Acquire();
    EXPECT_TRUE(db->Execute("UPDATE cases SET state = 'closed', closed_on = ?, closing_reason = "
                            "'care_completed' WHERE id = ?",
                            {store::Text(closed_on), store::Text(opened->record.id)})
                    .ok());
    return opened->record.id;
  }

  // Non-NULL values in the encrypted columns of victim data (users' TOTP secrets aside).
  int64_t Ciphertexts() {
    int64_t n = 0;
    auto db = database_->Acquire();
    for (const auto& c : EncryptedColumns()) {
      if (c.table == "users") continue;
      auto rows =
          db->Query("SELECT COUNT(*) FROM " + c.table + " WHERE " + c.column + " IS NOT NULL");
      EXPECT_TRUE(rows.ok()) << c.table << "." << c.column;
      if (rows.ok()) n += rows->front().Int(0);
    }
    return n;
  }

  std::optional<SignalService> signals_;
  std::optional<CaseService> cases_;
  std::optional<RetentionService> retention_;
  const Actor operator_{"operator", "cli", "cli:op", "localhost", Principal::System(), ""};
};

TEST_F(RetentionServiceTest, AnErasedCaseHasNoCiphertextsLeftAndStillOpensWithTheNotice) {
  const std::string id = ClosedCase("2020-01-15");
  ASSERT_GE(Ciphertexts(), 5);  // person names and date of birth, signal content, notes, plan
  auto report = retention_->Run(operator_, false);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->items.size(), 1u);
  EXPECT_EQ(report->items[0].record_type, "case");
  EXPECT_EQ(report->items[0].retention_ends, "2025-01-15");
  EXPECT_EQ(Ciphertexts(), 0);
  // The coordinator still opens the case: the facts, the notice, no person, empty texts.
  auto view = cases_->Get(coordinator_, id);
  ASSERT_TRUE(view.ok()) << view.error().message;
  ASSERT_TRUE(view->erasure.has_value());
  EXPECT_EQ(view->erasure->erased_on, "2026-11-18");
  EXPECT_EQ(view->erasure->retention_months, 60);
  EXPECT_FALSE(view->person.has_value());
  EXPECT_EQ(view->record.forms, (std::vector<std::string>{"labour"}));
  EXPECT_EQ(view->record.nationality, "POL");
  EXPECT_EQ(view->record.closing_reason, "care_completed");
  ASSERT_EQ(view->plan.size(), 1u);
  EXPECT_EQ(view->plan[0].description, "");
  EXPECT_EQ(view->plan[0].row.domain, "housing");
  ASSERT_EQ(view->signals.size(), 1u);
  EXPECT_EQ(view->events.back().action, "erase");
  // The signal opens too, without content, its facts intact.
  auto signal = signals_->Get(coordinator_, view->signals[0]);
  ASSERT_TRUE(signal.ok()) << signal.error().message;
  EXPECT_EQ(signal->facts.forms, (std::vector<std::string>{"labour"}));
  EXPECT_EQ(signal->description, "");
  EXPECT_FALSE(signal->victim.family_name.has_value());
}

TEST_F(RetentionServiceTest, ACaseStillInItsPeriodIsKeptAndADryRunWritesNothing) {
  ClosedCase("2024-06-01");
  const std::string old = ClosedCase("2019-06-01");
  const int64_t before = Ciphertexts();
  auto dry = retention_->Run(operator_, true);
  ASSERT_TRUE(dry.ok());
  ASSERT_EQ(dry->items.size(), 1u);
  EXPECT_EQ(dry->items[0].id, old);
  EXPECT_EQ(Ciphertexts(), before);
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM case_erasures")->front().Int(0), 0);
  auto run = retention_->Run(operator_, false);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(Ciphertexts(), before / 2);  // the two cases hold the same number of ciphertexts
  auto again = retention_->Run(operator_, false);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->items.empty());
}

TEST_F(RetentionServiceTest, NoLoggedInUserRunsTheJobAndTheRefusalIsAudited) {
  ClosedCase("2019-06-01");
  auto refused = retention_->Run(coordinator_, true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  int denials = 0;
  for (const auto& row : AuditRows()) {
    denials += row.action == "manage_retention" && row.result == "deny";
  }
  EXPECT_EQ(denials, 1);
  EXPECT_FALSE(retention_->SetPeriod(coordinator_, "case", "12").ok());
}

}  // namespace
}  // namespace schakel::app::testing
