// Shelter placements through the use case, on cases of the case core and shelters of the
// registry: placing within capacity (and the shelter's occupancy counting it), a full shelter on
// any night of the stay refused with a conflict on "override_reason" until a reason is given
// (kept encrypted at rest), overlapping stays of one person, the day of leaving, closed cases, the
// lifecycle guard "no open placement" through CaseService, and every permission boundary denied
// and audited with nothing written. Today is 2026-11-18 (the fixture's clock). Synthetic data.
#include "app/placement_service.h"

#include <gtest/gtest.h>

#include "../care/fixtures.h"
#include "../signals/fixtures.h"
#include "app/case_service.h"
#include "app/shelter_service.h"
#include "person_fixture.h"

namespace schakel::app::testing {
namespace {

constexpr const char* kToday = "2026-11-18";

class PlacementServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    if (HasFatalFailure()) return;
    const care::CareData& data = care::testing::ShippedCareData();
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    cases_.emplace(*database_, clock_, audit_, keys_, data, signals::testing::ShippedCatalog(),
                   *persons_, *signals_);
    shelters_.emplace(*database_, clock_, audit_, data);
    placements_.emplace(*database_, clock_, audit_, keys_, data, *cases_);
    CaseFactQueries facts;
    facts.open_placement = [this](store::Db& db, std::string_view id) {
      return placements_->OpenPlacement(db, id);
    };
    cases_->SetFactQueries(std::move(facts));
  }

  std::string OpenCase(const std::string& family_name, const std::string& age = "",
                       const std::string& region = "VR17", const Actor* by = nullptr) {
    OpenCaseInput in;
    in.region = region;
    in.opened_directly_because = "Plaatsingsverzoek van CoMensha (synthetisch)";
    in.identity.given_names = "Quirina";
    in.identity.family_name = family_name;
    in.age = age;
    auto opened = cases_->Open(by ? *by : coordinator_, in);
    EXPECT_TRUE(opened.ok()) << opened.error().field << ": " << opened.error().message;
    return opened.ok() ? opened->record.id : "";
  }

  int64_t AddShelter(const std::string& name, int64_t capacity, const std::string& region = "VR17",
                     const std::string& type = "womens") {
    const Actor& by = region == "VR17" ? coordinator_ : far_away_;
    auto s = shelters_->Add({name, type, region, capacity}, by);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? s->id : 0;
  }

  int Count(const std::string& action, const std::string& result = "success") {
    int n = 0;
    for (const auto& row : AuditRows()) n += row.action == action && row.result == result;
    return n;
  }

  int64_t StoredPlacements() {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT count(*) FROM placements");
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->front().Int(0) : -1;
  }

  int OccupiedTonight(int64_t shelter) {
    auto s = shelters_->Get(shelter, coordinator_);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.ok() ? s->occupied : -1;
  }

  std::optional<SignalService> signals_;
  std::optional<CaseService> cases_;
  std::optional<ShelterService> shelters_;
  std::optional<PlacementService> placements_;
};

TEST_F(PlacementServiceTest, PlacesWithinCapacityAndTheShelterCountsThePlace) {
  const std::string c = OpenCase("Ypsilanti-Vork");
  const int64_t s = AddShelter("Huis aan de Haven", 3);
  auto placed = placements_->Place(coordinator_, c, {s, "18-11-2026", "", ""});
  ASSERT_TRUE(placed.ok()) << placed.error().field << ": " << placed.error().message;
  EXPECT_EQ(placed->record.from, kToday);  // the Dutch way of writing a date is understood
  EXPECT_FALSE(placed->record.until.has_value());
  EXPECT_TRUE(placed->open);
  EXPECT_EQ(placed->shelter_name, "Huis aan de Haven");
  EXPECT_EQ(placed->record.over_capacity_reason, "");
  EXPECT_EQ(Count("placement.create"), 1);
  EXPECT_EQ(Count("placement.override"), 0);

  // The registry's occupancy reads the stored placement: tonight, the region's total and the
  // last point of the chart.
  EXPECT_EQ(OccupiedTonight(s), 1);
  auto overview = shelters_->Overview("VR17", coordinator_);
  ASSERT_TRUE(overview.ok()) << overview.error().message;
  EXPECT_EQ(overview->tonight.occupied, 1);
  EXPECT_EQ(overview->tonight.capacity, 3);
  EXPECT_EQ(overview->over_time.back().regions.front().occupied, 1);
  EXPECT_EQ(overview->over_time.front().regions.front().occupied, 0);  // twelve weeks ago
  auto choices = placements_->ShelterChoices(coordinator_, c);
  ASSERT_TRUE(choices.ok());
  ASSERT_EQ(choices->size(), 1u);
  EXPECT_EQ(choices->front().occupied, 1);

  auto list = placements_->OfCase(coordinator_, c);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().record.id, placed->record.id);
  EXPECT_EQ(Count("placement.read"), 1);
}

TEST_F(PlacementServiceTest, AFullShelterNeedsAnOverrideWhoseReasonIsKeptEncrypted) {
  const int64_t s = AddShelter("Kleine Opvang", 1);
  const std::string first = OpenCase("Eerste");
  const std::string second = OpenCase("Tweede");
  ASSERT_TRUE(placements_->Place(coordinator_, first, {s, kToday, "", ""}).ok());

  for (const char* blank : {"", "   "}) {
    auto refused = placements_->Place(coordinator_, second, {s, kToday, "", blank});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().field, "override_reason");
    EXPECT_NE(refused.error().message.find("Kleine Opvang"), std::string::npos);
  }
  EXPECT_EQ(StoredPlacements(), 1);
  EXPECT_EQ(OccupiedTonight(s), 1);

  const std::string reason = "Acuut gevaar, geen andere plek in de regio (synthetisch)";
  auto placed = placements_->Place(coordinator_, second, {s, kToday, "", reason});
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->record.over_capacity_reason, reason);
  EXPECT_EQ(OccupiedTonight(s), 2);  // over capacity, and shown as such
  EXPECT_EQ(Count("placement.override"), 1);
  EXPECT_EQ(Count("placement.create"), 2);

  // At rest the reason is a ciphertext bound to its row, not the text.
  auto db = database_->Acquire();
  auto stored = db->Query("SELECT over_capacity_reason FROM placements WHERE id = ?",
                          {store::Text(placed->record.id)});
  ASSERT_TRUE(stored.ok());
  const std::string raw = stored->front().Text(0);
  EXPECT_FALSE(raw.empty());
  EXPECT_EQ(raw.find("Acuut"), std::string::npos);
  EXPECT_EQ(raw.find("gevaar"), std::string::npos);
  // The reason is shown back from the ciphertext; a placement within capacity stores none.
  auto list = placements_->OfCase(coordinator_, second);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->front().record.over_capacity_reason, reason);
  auto plain = db->Query("SELECT over_capacity_reason FROM placements WHERE case_id = ?",
                         {store::Text(first)});
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->front().OptText(0).has_value());
}

TEST_F(PlacementServiceTest, FullOnALaterNightOfTheStayAlsoNeedsTheOverride) {
  const int64_t s = AddShelter("Kleine Opvang", 1);
  const std::string booked = OpenCase("Gepland");
  const std::string c = OpenCase("Nu");
  // The only place is taken from 1 to 10 December.
  ASSERT_TRUE(placements_->Place(coordinator_, booked, {s, "2026-12-01", "2026-12-10", ""}).ok());
  // Open-ended from tonight: free tonight, but full from 1 December.
  auto refused = placements_->Place(coordinator_, c, {s, kToday, "", ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "override_reason");
  EXPECT_NE(refused.error().message.find("2026-12-01"), std::string::npos);
  // Leaving on the day that stay starts fits (that night the place is free again).
  auto fits = placements_->Place(coordinator_, c, {s, kToday, "2026-12-01", ""});
  EXPECT_TRUE(fits.ok()) << fits.error().message;
}

TEST_F(PlacementServiceTest, APersonHasOneStayAtATime) {
  const std::string c = OpenCase("Dubbel");
  const int64_t a = AddShelter("Huis A", 5);
  const int64_t b = AddShelter("Huis B", 5, "VR17", "omm");
  auto first = placements_->Place(coordinator_, c, {a, kToday, "", ""});
  ASSERT_TRUE(first.ok());
  auto overlap = placements_->Place(coordinator_, c, {b, "2026-11-23", "", ""});
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(overlap.error().field, "case_id");
  EXPECT_EQ(StoredPlacements(), 1);
  // After leaving A on the 23rd, B from the 23rd fits (the night of leaving is free).
  ASSERT_TRUE(placements_->End(coordinator_, c, first->record.id, "2026-11-23").ok());
  auto moved = placements_->Place(coordinator_, c, {b, "2026-11-23", "", ""});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(OccupiedTonight(a), 1);  // still there tonight, leaves on the 23rd
  EXPECT_EQ(OccupiedTonight(b), 0);  // arrives on the 23rd
}

TEST_F(PlacementServiceTest, DatesAreCheckedAndNamed) {
  const std::string c = OpenCase("Datum");
  const int64_t s = AddShelter("Huis", 5);
  auto no_from = placements_->Place(coordinator_, c, {s, "", "", ""});
  EXPECT_EQ(no_from.error().field, "from");
  auto bad_from = placements_->Place(coordinator_, c, {s, "31-02-2026", "", ""});
  EXPECT_EQ(bad_from.error().field, "from");
  auto bad_until = placements_->Place(coordinator_, c, {s, kToday, "morgen", ""});
  EXPECT_EQ(bad_until.error().field, "until");
  auto before = placements_->Place(coordinator_, c, {s, kToday, "2026-11-10", ""});
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(before.error().field, "until");
  auto same_day = placements_->Place(coordinator_, c, {s, kToday, kToday, ""});
  EXPECT_EQ(same_day.error().field, "until");
  EXPECT_EQ(StoredPlacements(), 0);

  auto placed = placements_->Place(coordinator_, c, {s, kToday, "2026-12-18", ""});
  ASSERT_TRUE(placed.ok());
  const std::string id = placed->record.id;
  // Ending before the first night, on it, with no date, or later than the day set: refused.
  for (const char* until : {"2026-11-10", kToday, "", "2026-12-19"}) {
    auto r = placements_->End(coordinator_, c, id, until);
    ASSERT_FALSE(r.ok()) << until;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << until;
    EXPECT_EQ(r.error().field, "until") << until;
  }
  EXPECT_EQ(Count("placement.end"), 0);
  auto ended = placements_->End(coordinator_, c, id, "2026-11-20");
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_EQ(ended->record.until, "2026-11-20");
  EXPECT_TRUE(ended->open);  // still there tonight
  EXPECT_EQ(Count("placement.end"), 1);
  // Another case's placement id is not this case's.
  const std::string other = OpenCase("Ander");
  EXPECT_EQ(placements_->End(coordinator_, other, id, "2026-11-19").error().code,
            ErrorCode::kNotFound);
}

TEST_F(PlacementServiceTest, AStayThatHasEndedCannotBeEndedAgain) {
  const std::string c = OpenCase("Voorbij");
  const int64_t s = AddShelter("Huis", 5);
  auto placed = placements_->Place(coordinator_, c, {s, "2026-10-01", "2026-10-15", ""});
  ASSERT_TRUE(placed.ok());
  EXPECT_FALSE(placed->open);
  auto again = placements_->End(coordinator_, c, placed->record.id, "2026-10-10");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().field, "until");
}

TEST_F(PlacementServiceTest, TheShelterMustBeOfTheCasesRegionAndTakeThePerson) {
  const std::string c = OpenCase("Regio");
  const int64_t elsewhere = AddShelter("Huis elders", 5, "VR01");
  auto r = placements_->Place(coordinator_, c, {elsewhere, kToday, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "shelter");
  EXPECT_EQ(placements_->Place(coordinator_, c, {999999, kToday, "", ""}).error().field, "shelter");
  // A minor is not placed in a women's shelter; only CoMensha places in COSM.
  const int64_t womens = AddShelter("Vrouwenopvang", 5);
  const std::string minor = OpenCase("Jong", "15");
  auto young = placements_->Place(coordinator_, minor, {womens, kToday, "", ""});
  ASSERT_FALSE(young.ok());
  EXPECT_EQ(young.error().field, "shelter_id");
  const int64_t cosm = AddShelter("COSM Noord", 5, "VR17", "cosm");
  EXPECT_EQ(placements_->Place(coordinator_, c, {cosm, kToday, "", ""}).error().field,
            "shelter_id");
  EXPECT_EQ(StoredPlacements(), 0);
}

TEST_F(PlacementServiceTest, OthersAreDeniedAuditedAndNothingIsWritten) {
  const std::string c = OpenCase("Geheim");
  const int64_t s = AddShelter("Huis", 5);
  auto placed = placements_->Place(coordinator_, c, {s, kToday, "", ""});
  ASSERT_TRUE(placed.ok());
  const int reads_before = Count("placement.read");
  for (const Actor* who : {&far_away_, &signaller_, &policy_officer_}) {
    auto place = placements_->Place(*who, c, {s, kToday, "", ""});
    ASSERT_FALSE(place.ok());
    EXPECT_EQ(place.error().code, ErrorCode::kForbidden) << who->id;
    EXPECT_EQ(placements_->End(*who, c, placed->record.id, "2026-11-20").error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(placements_->OfCase(*who, c).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(placements_->ShelterChoices(*who, c).error().code, ErrorCode::kForbidden);
  }
  EXPECT_EQ(Count("place_in_shelter", "deny"), 9);  // place, end, choices × 3 actors
  EXPECT_EQ(Count("view_case", "deny"), 3);
  EXPECT_EQ(Count("placement.read"), reads_before);
  EXPECT_EQ(StoredPlacements(), 1);
  auto list = placements_->OfCase(coordinator_, c);
  ASSERT_TRUE(list.ok());
  EXPECT_FALSE(list->front().record.until.has_value());
  // The neighbouring municipality's coordinator serves the same region: allowed.
  EXPECT_TRUE(placements_->OfCase(neighbour_, c).ok());
}

TEST_F(PlacementServiceTest, AClosedCasePlacesNobody) {
  const std::string c = OpenCase("Dicht");
  const int64_t s = AddShelter("Huis", 5);
  ASSERT_TRUE(cases_->Transition(coordinator_, c, {"close", "duplicate"}).ok());
  auto r = placements_->Place(coordinator_, c, {s, kToday, "", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(r.error().field, "case");
  EXPECT_EQ(placements_->ShelterChoices(coordinator_, c).error().code, ErrorCode::kConflict);
  EXPECT_EQ(StoredPlacements(), 0);
  EXPECT_TRUE(placements_->OfCase(coordinator_, c).ok());  // the history stays readable
}

TEST_F(PlacementServiceTest, AnOpenStayBlocksClosingTheCaseUntilItEnds) {
  const std::string c = OpenCase("Sluiten");
  const int64_t s = AddShelter("Huis", 5);
  // A stay with a day of leaving next month is still open tonight.
  auto placed = placements_->Place(coordinator_, c, {s, "2026-11-01", "2026-12-15", ""});
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  auto refused = cases_->Transition(coordinator_, c, {"close", "care_completed"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "placements");
  auto view = cases_->Get(coordinator_, c);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->record.state, "registered");
  // Leaving today: the place is free tonight and the case can close.
  ASSERT_TRUE(placements_->End(coordinator_, c, placed->record.id, kToday).ok());
  auto closed = cases_->Transition(coordinator_, c, {"close", "care_completed"});
  ASSERT_TRUE(closed.ok()) << closed.error().field << ": " << closed.error().message;
  EXPECT_EQ(closed->record.state, "closed");
}

}  // namespace
}  // namespace schakel::app::testing
