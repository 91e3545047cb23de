// The audit trail on a real database: every Kader change leaves an event in the same
// transaction, and each way of tampering with the stored trail is detected and located.
#include <gtest/gtest.h>

#include "app_fixture.h"

namespace schakel::app {
namespace {

class AuditTrailTest : public testing::AppFixture {
 protected:
  void MakeEvents() {
    auto a = kader_->Create("GM0014", "2026-Q4", "2021-concept", actor_);
    ASSERT_TRUE(a.ok());
    for (const char* c :
         {"policy.basis.embedded", "policy.plateau1.insight", "policy.plateau2.trends"}) {
      ASSERT_TRUE(kader_->Answer(a->record.id, {{c, "met", "", "x"}}, actor_).ok());
    }
    ASSERT_TRUE(kader_->Submit(a->record.id, actor_).ok());  // 5 events in all
  }
  AuditTrail::Verification Verify(const std::optional<security::AuditAnchor>& anchor = {}) {
    auto db = database_->Acquire();
    auto v = audit_.Verify(*db, anchor);
    EXPECT_TRUE(v.ok());
    return *v;
  }
  void Sql(const std::string& sql) {
    auto db = database_->Acquire();
    auto r = db->Execute(sql, {});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
};

TEST_F(AuditTrailTest, EveryChangeIsRecordedWithoutPersonalData) {
  MakeEvents();
  auto db = database_->Acquire();
  auto rows = store::AuditRepository(*db).All();
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ(rows->at(0).action, "kader.assessment.create");
  EXPECT_EQ(rows->at(1).action, "kader.assessment.answer");
  EXPECT_EQ(rows->at(4).action, "kader.assessment.submit");
  for (const auto& r : *rows) {
    EXPECT_EQ(r.actor, "user-test");  // an id, not the display name
    EXPECT_EQ(r.object_type, "assessment");
    EXPECT_EQ(r.origin, "api");
  }
  auto v = Verify();
  EXPECT_FALSE(v.finding.has_value());
  EXPECT_EQ(v.events, 5);
  EXPECT_EQ(v.last->sequence, 5);
}

TEST_F(AuditTrailTest, FailedChangeLeavesNoEvent) {
  auto a = kader_->Create("GM0014", "2026-Q4", "2021-concept", actor_);
  ASSERT_FALSE(kader_->Answer(a->record.id, {{"nope", "met", "", "x"}}, actor_).ok());
  EXPECT_EQ(Verify().events, 1);
}

TEST_F(AuditTrailTest, AlteredEventIsFound) {
  MakeEvents();
  Sql("UPDATE audit_events SET actor = 'someone-else' WHERE sequence = 3");
  auto v = Verify();
  ASSERT_TRUE(v.finding.has_value());
  EXPECT_EQ(v.finding->sequence, 3);
  EXPECT_EQ(v.finding->defect, security::AuditDefect::kAltered);
}

TEST_F(AuditTrailTest, DeletedEventIsFound) {
  MakeEvents();
  Sql("DELETE FROM audit_events WHERE sequence = 2");
  auto v = Verify();
  ASSERT_TRUE(v.finding.has_value());
  EXPECT_EQ(v.finding->defect, security::AuditDefect::kGap);
}

TEST_F(AuditTrailTest, DeletedNewestEventsAreFoundWithAnchor) {
  MakeEvents();
  const auto anchor = Verify().last;
  Sql("DELETE FROM audit_events WHERE sequence >= 4");
  EXPECT_FALSE(Verify().finding.has_value());  // a shorter chain is valid on its own …
  auto v = Verify(anchor);                     // … but not against the noted anchor
  ASSERT_TRUE(v.finding.has_value());
  EXPECT_EQ(v.finding->defect, security::AuditDefect::kTruncated);
}

TEST_F(AuditTrailTest, ReorderedEventsAreFound) {
  MakeEvents();
  // Swap the storage positions of events 2 and 3.
  Sql("UPDATE audit_events SET rowid = 100 WHERE sequence = 2");
  Sql("UPDATE audit_events SET rowid = 2 WHERE sequence = 3");
  Sql("UPDATE audit_events SET rowid = 3 WHERE sequence = 2");
  auto v = Verify();
  ASSERT_TRUE(v.finding.has_value());
  EXPECT_EQ(v.finding->index, 1u);
}

TEST_F(AuditTrailTest, InsertedEventIsFound) {
  MakeEvents();
  // Make room after event 2 and insert a forged event 3 whose hash chains from event 2's hash
  // without the key (plain SHA-256 cannot be computed either: the chain is keyed).
  Sql("UPDATE audit_events SET sequence = sequence + 100, rowid = rowid + 100 WHERE sequence > 2");
  Sql("UPDATE audit_events SET sequence = sequence - 99 WHERE sequence > 100");
  Sql("INSERT INTO audit_events (rowid, sequence, timestamp, actor, organisation, action, "
      "object_type, object_id, result, origin, origin_address, correlation_id, hash) "
      "SELECT 3, 3, timestamp, 'forger', organisation, 'kader.assessment.answer', object_type, "
      "object_id, result, origin, origin_address, correlation_id, hash FROM audit_events "
      "WHERE sequence = 2");
  auto v = Verify();
  ASSERT_TRUE(v.finding.has_value());
  EXPECT_EQ(v.finding->sequence, 3);
  EXPECT_EQ(v.finding->defect, security::AuditDefect::kInserted);
}

}  // namespace
}  // namespace schakel::app
