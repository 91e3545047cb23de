// "Possibly the same person" in Schakel: encodings are stored with the signal and hold no
// plaintext; two signals about the same synthetic person spelt differently are suggested with
// the right explanation and different people are not; a rejected pair stays hidden; decisions
// and reads are audited; need-to-know (signaller, partner, other region) refused and audited; a
// record of another region is shown without detail; reindex and capture histories.
#include "app/match_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "../signals/fixtures.h"
#include "app/signal_service.h"
#include "person_fixture.h"
#include "stats/capture_table.h"

namespace schakel::app::testing {
namespace {

class MatchServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    matches_.emplace(*database_, clock_, audit_, keys_);
  }

  // A complete signal about a possible victim; synthetic names only.
  static SignalInput About(std::string given, std::string family, std::string dob,
                           std::string organisation = "GM0599", std::string channel = "staff") {
    SignalInput in;
    in.organisation = std::move(organisation);
    in.channel = std::move(channel);
    in.urgency = "normal";
    in.observed_on = "2026-11-02";
    in.forms = {"labour"};
    in.description = "Werknemers slapen in de loods aan de Quokkasteeg.";
    in.victim.identity.given_names = std::move(given);
    in.victim.identity.family_name = std::move(family);
    if (!dob.empty()) in.victim.identity.date_of_birth = std::move(dob);
    in.victim.gender = "female";
    in.victim.nationality = "POL";
    return in;
  }

  std::string Create(const Actor& who, const SignalInput& in) {
    auto created = signals_->Create(who, in);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->facts.id : "";
  }

  static store::LinkedRecordRef Signal(const std::string& id) { return {"signal", id}; }

  int64_t Encodings() {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT COUNT(*) FROM linkage_encodings");
    return rows.ok() ? rows->front().Int(0) : -1;
  }

  std::vector<std::string> AuditOf(const std::string& action) {
    std::vector<std::string> out;
    for (const auto& row : AuditRows()) {
      if (row.action == action) out.push_back(row.actor + "/" + row.result);
    }
    return out;
  }

  static std::string Agreement(const MatchSuggestion& m, const std::string& field) {
    for (const auto& f : m.fields) {
      if (f.field == field) return f.agreement;
    }
    return "?";
  }

  std::optional<SignalService> signals_;
  std::optional<MatchService> matches_;
  const Actor partner_ = PersonActor("u-partner", "GM0599", {"VR17"}, Role::kPartner);
};

TEST_F(MatchServiceTest, SubmittedSignalIsEncodedDraftIsNotAndNoPlaintextReachesTheDisk) {
  SignalInput draft = About("Xanthippe", "Zwavelstok", "1987-03-14");
  ASSERT_TRUE(signals_->SaveDraft(signaller_, "", draft).ok());
  EXPECT_EQ(Encodings(), 0) << "a draft is not linkable";
  Create(signaller_, About("Xanthippe Quirina", "Zwavelstok", "1987-03-14"));
  EXPECT_EQ(Encodings(), 1);
  {
    auto db = database_->Acquire();
    auto rows = db->Query(
        "SELECT length(clk), typeof(clk), (SELECT COUNT(*) FROM linkage_blocking_keys) "
        "FROM linkage_encodings");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->front().Int(0), 128);
    EXPECT_EQ(rows->front().Text(1), "blob");
    EXPECT_GT(rows->front().Int(2), 3);
  }
  std::string disk;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(db_file_.string() + suffix, std::ios::binary);
    disk.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_NE(disk.find("linkage_blocking_keys"), std::string::npos) << "scan reads the schema";
  for (const char* plain : {"Xanthippe", "xanthippe", "Zwavelstok", "zwavelstok", "Quirina",
                            "quirina", "1987-03-14", "14-03-1987", "19870314"}) {
    EXPECT_EQ(disk.find(plain), std::string::npos) << plain << " is on disk";
  }
}

TEST_F(MatchServiceTest, SpellingVariantsAreSuggestedWithTheirExplanationAndOthersAreNot) {
  const std::string first = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  const std::string second = Create(signaller_, About("Ksanthippe", "Zwavelstock", "1987-03-14"));
  const std::string other = Create(signaller_, About("Quirijn", "Ambergris", "1990-07-01"));
  auto found = matches_->For(coordinator_, Signal(second));
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_TRUE(found->encoded);
  ASSERT_EQ(found->suggestions.size(), 1u);
  const MatchSuggestion& m = found->suggestions.front();
  EXPECT_EQ(m.other.ref, Signal(first));
  EXPECT_TRUE(m.other.accessible);
  EXPECT_EQ(m.other.reference, "S000001");
  EXPECT_GE(m.score, 0.75);
  EXPECT_FALSE(m.confirmed);
  EXPECT_EQ(Agreement(m, "date_of_birth"), "agree");
  EXPECT_EQ(Agreement(m, "sex"), "agree");
  EXPECT_EQ(Agreement(m, "nationality"), "agree");
  EXPECT_EQ(Agreement(m, "place_of_birth"), "missing");
  EXPECT_NE(Agreement(m, "family_name"), "disagree");
  EXPECT_NE(Agreement(m, "given_names"), "disagree");
  for (const auto& f : m.fields) {  // a spelling variant is similar, not equal
    if (f.field == "given_names") {
      EXPECT_LT(f.similarity, 1.0) << "Ksanthippe is not Xanthippe";
    }
    if (f.field == "date_of_birth") {
      EXPECT_EQ(f.similarity, 1.0);
    }
  }

  auto alone = matches_->For(coordinator_, Signal(other));
  ASSERT_TRUE(alone.ok());
  EXPECT_TRUE(alone->suggestions.empty());
  EXPECT_EQ(AuditOf("match.read").size(), 2u);
}

TEST_F(MatchServiceTest, RejectedPairStaysHiddenConfirmedStaysAndBothAreAudited) {
  const std::string first = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  const std::string second = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  const std::string third = Create(signaller_, About("Xantippe", "Zwavelstok", "1987-03-14"));
  auto rejected = matches_->Decide(
      coordinator_, {Signal(third), Signal(first), "rejected", "Andere moeder, Ypsilonia"});
  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_EQ(rejected->reason, "Andere moeder, Ypsilonia");
  auto confirmed = matches_->Decide(neighbour_, {Signal(third), Signal(second), "confirmed", ""});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  auto found = matches_->For(coordinator_, Signal(third));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->suggestions.size(), 1u) << "the rejected pair is not suggested again";
  EXPECT_EQ(found->suggestions.front().other.ref, Signal(second));
  EXPECT_TRUE(found->suggestions.front().confirmed);
  ASSERT_EQ(found->decisions.size(), 2u);
  EXPECT_EQ(found->decisions[0].decision, "rejected");
  EXPECT_EQ(found->decisions[1].decision, "confirmed");
  // From the other side the rejection holds too.
  auto from_first = matches_->For(coordinator_, Signal(first));
  ASSERT_TRUE(from_first.ok());
  for (const auto& s : from_first->suggestions) EXPECT_NE(s.other.ref, Signal(third));
  EXPECT_EQ(AuditOf("match.reject"), std::vector<std::string>{"u-care/success"});
  EXPECT_EQ(AuditOf("match.confirm"), std::vector<std::string>{"u-care2/success"});
  // The reason is encrypted at rest.
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT reason FROM match_decisions WHERE reason IS NOT NULL");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().Text(0).find("Ypsilonia"), std::string::npos);
}

TEST_F(MatchServiceTest, DecisionNeedsASuggestedPairAndAValidDecision) {
  const std::string first = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  const std::string other = Create(signaller_, About("Quirijn", "Ambergris", "1990-07-01"));
  auto unrelated = matches_->Decide(coordinator_, {Signal(first), Signal(other), "confirmed", ""});
  ASSERT_FALSE(unrelated.ok());
  EXPECT_EQ(unrelated.error().code, ErrorCode::kNotFound);
  auto bad = matches_->Decide(coordinator_, {Signal(first), Signal(other), "maybe", ""});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "decision");
  auto long_reason = matches_->Decide(
      coordinator_, {Signal(first), Signal(other), "rejected", std::string(1001, 'x')});
  ASSERT_FALSE(long_reason.ok());
  EXPECT_EQ(long_reason.error().field, "reason");
}

TEST_F(MatchServiceTest, OnlyTheRegionsCoordinatorsSeeSuggestionsRefusalsAreAudited) {
  const std::string first = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  for (const Actor* who : {&signaller_, &partner_, &far_away_, &policy_officer_}) {
    auto refused = matches_->For(*who, Signal(first));
    ASSERT_FALSE(refused.ok()) << who->id;
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden) << who->id;
  }
  const std::vector<std::string> denied = AuditOf("view_matches");
  EXPECT_EQ(denied.size(), 4u);
  for (const auto& d : denied) EXPECT_NE(d.find("/deny"), std::string::npos) << d;
  auto decide = matches_->Decide(signaller_, {Signal(first), Signal(first + "x"), "confirmed", ""});
  ASSERT_FALSE(decide.ok());
  EXPECT_EQ(decide.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(AuditOf("decide_match"), std::vector<std::string>{"u-sig/deny"});
}

TEST_F(MatchServiceTest, ARecordOfAnotherRegionIsShownWithoutDetail) {
  const std::string mine = Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  const std::string theirs =
      Create(far_away_, About("Xanthippe", "Zwavelstok", "1987-03-14", "GM0014"));
  auto found = matches_->For(coordinator_, Signal(mine));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->suggestions.size(), 1u);
  EXPECT_EQ(found->suggestions.front().other.ref, Signal(theirs));
  EXPECT_FALSE(found->suggestions.front().other.accessible);
  EXPECT_TRUE(found->suggestions.front().other.reference.empty());
}

TEST_F(MatchServiceTest, ReindexRestoresEncodingsOnlyForTheOperator) {
  Create(signaller_, About("Xanthippe", "Zwavelstok", "1987-03-14"));
  ASSERT_TRUE(persons_->Create(coordinator_, SyntheticPerson()).ok());
  EXPECT_EQ(Encodings(), 2);
  {
    auto db = database_->Acquire();
    ASSERT_TRUE(db->Execute("DELETE FROM linkage_blocking_keys").ok());
    ASSERT_TRUE(db->Execute("DELETE FROM linkage_encodings").ok());
  }
  auto refused = matches_->Reindex(coordinator_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Encodings(), 0);
  const Actor system{"Operator", "cli", "cli:test", "localhost", Principal::System(), ""};
  auto done = matches_->Reindex(system);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->signals, 1);
  EXPECT_EQ(done->persons, 1);
  EXPECT_EQ(Encodings(), 2);
  EXPECT_EQ(AuditOf("linkage.reindex"),
            (std::vector<std::string>{"u-care/deny", "cli:test/success"}));
}

TEST_F(MatchServiceTest, CaptureHistoriesCountPersonsPerCombinationOfChannels) {
  // Anna: staff and partner; Bea: staff only (twice: one person); Cor: partner only; a signal
  // without a name counts nowhere; a signal of another region neither.
  Create(signaller_, About("Annegien", "Quackelbeen", "1990-01-02", "GM0599", "staff"));
  Create(coordinator_, About("Annegien", "Quakelbeen", "1990-01-02", "GM0606", "partner"));
  Create(signaller_, About("Beatrix", "Zonnebloemhof", "1985-05-06", "GM0599", "staff"));
  Create(signaller_, About("Beatrix", "Zonnebloemhof", "1985-05-06", "GM0599", "staff"));
  Create(signaller_, About("Cornelia", "Ypsilantis", "1979-09-10", "GM0599", "partner"));
  Create(signaller_, About("", "", "", "GM0599", "anonymous"));
  Create(far_away_, About("Dorothea", "Wervelwind", "1970-02-03", "GM0014", "anonymous"));
  const Actor system{"Operator", "cli", "cli:test", "localhost", Principal::System(), ""};
  auto histories = matches_->CaptureHistoriesOf(system, "VR17", "2026-01-01", "2026-12-31");
  ASSERT_TRUE(histories.ok()) << histories.error().message;
  EXPECT_EQ(histories->records, 5);
  EXPECT_EQ(histories->persons, 3);
  const std::string csv = CaptureHistoriesCsv(*histories);
  EXPECT_EQ(csv, "partner,staff,count\n1,0,1\n0,1,1\n1,1,1\n");
  auto table = stats::ParseCaptureCsv(csv);
  ASSERT_TRUE(table.ok()) << table.error().message;
  EXPECT_EQ(table->list_count(), 2);
  // A period without signals has no lists; a policy officer of the region may, a signaller not.
  auto empty = matches_->CaptureHistoriesOf(system, "VR17", "2020-01-01", "2020-12-31");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "region");
  EXPECT_TRUE(
      matches_->CaptureHistoriesOf(policy_officer_, "VR17", "2026-01-01", "2026-12-31").ok());
  auto refused = matches_->CaptureHistoriesOf(signaller_, "VR17", "2026-01-01", "2026-12-31");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  auto bad = matches_->CaptureHistoriesOf(system, "VR17", "2026-13-01", "2026-12-31");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "from");
}

// The coordinators' decisions count in the capture histories: a rejected pair is two persons,
// and the last decision on a pair is the one that counts.
TEST_F(MatchServiceTest, CaptureHistoriesFollowTheCoordinatorsDecisions) {
  const std::string staff =
      Create(signaller_, About("Annegien", "Quackelbeen", "1990-01-02", "GM0599", "staff"));
  const std::string partner =
      Create(coordinator_, About("Annegien", "Quakelbeen", "1990-01-02", "GM0606", "partner"));
  Create(signaller_, About("Cornelia", "Ypsilantis", "1979-09-10", "GM0599", "partner"));
  const Actor system{"Operator", "cli", "cli:test", "localhost", Principal::System(), ""};
  auto before = matches_->CaptureHistoriesOf(system, "VR17", "2026-01-01", "2026-12-31");
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_EQ(CaptureHistoriesCsv(*before), "partner,staff,count\n1,0,1\n1,1,1\n");

  ASSERT_TRUE(
      matches_->Decide(coordinator_, {Signal(partner), Signal(staff), "rejected", "Zussen"}).ok());
  auto apart = matches_->CaptureHistoriesOf(system, "VR17", "2026-01-01", "2026-12-31");
  ASSERT_TRUE(apart.ok());
  EXPECT_EQ(apart->persons, 3);
  EXPECT_EQ(CaptureHistoriesCsv(*apart), "partner,staff,count\n1,0,2\n0,1,1\n");

  ASSERT_TRUE(
      matches_->Decide(coordinator_, {Signal(staff), Signal(partner), "confirmed", ""}).ok());
  auto together = matches_->CaptureHistoriesOf(system, "VR17", "2026-01-01", "2026-12-31");
  ASSERT_TRUE(together.ok());
  EXPECT_EQ(together->persons, 2);
  EXPECT_EQ(CaptureHistoriesCsv(*together), CaptureHistoriesCsv(*before));
}

}  // namespace
}  // namespace schakel::app::testing
