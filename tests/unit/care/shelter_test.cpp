// Shelters and placements: the registry's checks, who may be placed where, the capacity check
// with its override, and occupancy per region on a date and over time.
#include "care/shelter.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;
using testing::ShippedCareData;

const std::vector<Shelter> kShelters = {
    {"west", "Shelter West", "social", "ZVH-AMS", 2},
    {"cosm1", "COSM Noord", "cosm", "ZVH-AMS", 5},
    {"youth1", "Youth Oost", "youth", "ZVH-UTR", 3},
};

// Shelter West is full (2 of 2) from 1 March; one place frees on 10 March.
const std::vector<Placement> kPlacements = {
    {"p1", "case-1", "west", D("2026-03-01"), D("2026-03-10"), ""},
    {"p2", "case-2", "west", D("2026-02-01"), std::nullopt, ""},
    {"p3", "case-3", "youth1", D("2026-03-05"), std::nullopt, ""},
};

PlacementRequest Request(std::string shelter, const char* from,
                         std::optional<Date> until = std::nullopt) {
  PlacementRequest r;
  r.id = "new";
  r.case_id = "case-9";
  r.shelter_id = std::move(shelter);
  r.from = D(from);
  r.until = until;
  r.placed_by = "care_coordinator";
  return r;
}

Result<Placement> Place(const PlacementRequest& r) {
  return PlacePerson(r, kShelters, kPlacements, ShippedCareData());
}

TEST(ShelterTest, RegistryEntriesAreChecked) {
  EXPECT_TRUE(ValidateShelter(kShelters[0], ShippedCareData()));
  Shelter bad = kShelters[0];
  bad.type = "hotel";
  EXPECT_EQ(ValidateShelter(bad, ShippedCareData()).error().field, "type");
  bad = kShelters[0];
  bad.capacity = 0;
  EXPECT_EQ(ValidateShelter(bad, ShippedCareData()).error().field, "capacity");
  bad = kShelters[0];
  bad.region = "";
  EXPECT_EQ(ValidateShelter(bad, ShippedCareData()).error().field, "region");
}

TEST(ShelterTest, OccupancyCountsNightsFromArrivalUntilTheDayOfLeaving) {
  EXPECT_EQ(OccupancyOn("west", kPlacements, D("2026-02-28")), 1);
  EXPECT_EQ(OccupancyOn("west", kPlacements, D("2026-03-01")), 2);
  EXPECT_EQ(OccupancyOn("west", kPlacements, D("2026-03-09")), 2);
  EXPECT_EQ(OccupancyOn("west", kPlacements, D("2026-03-10")), 1);
}

TEST(ShelterTest, PlacingIntoAFullShelterNeedsAnOverrideWithAReason) {
  auto refused = Place(Request("west", "2026-03-05"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "override_reason");
  EXPECT_NE(refused.error().message.find("full on 2026-03-05 (2 places)"), std::string::npos)
      << refused.error().message;
  PlacementRequest blank = Request("west", "2026-03-05");
  blank.override_reason = "  ";
  EXPECT_FALSE(Place(blank).ok());
  PlacementRequest overridden = Request("west", "2026-03-05");
  overridden.override_reason = "acute danger; no other place tonight";
  auto placed = Place(overridden);
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->over_capacity_reason, "acute danger; no other place tonight");
}

TEST(ShelterTest, AStayThatEndsBeforeTheShelterFillsUpNeedsNoOverride) {
  auto placed = Place(Request("west", "2026-02-10", D("2026-03-01")));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_TRUE(placed->over_capacity_reason.empty());
  // Staying on into March meets the full nights.
  auto refused = Place(Request("west", "2026-02-10", D("2026-03-02")));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("full on 2026-03-01"), std::string::npos);
  // From 10 March a place is free again.
  EXPECT_TRUE(Place(Request("west", "2026-03-10")).ok());
}

struct RefusalRow {
  const char* name;
  void (*mutate)(PlacementRequest&);
  ErrorCode code;
  const char* field;
  const char* message_part;
};

class PlacementRefusalTest : public ::testing::TestWithParam<RefusalRow> {};

TEST_P(PlacementRefusalTest, SaysWhyNamingTheField) {
  PlacementRequest r = Request("cosm1", "2026-03-05");
  r.placed_by = "comensha";
  GetParam().mutate(r);
  auto placed = Place(r);
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().code, GetParam().code);
  EXPECT_EQ(placed.error().field, GetParam().field);
  EXPECT_NE(placed.error().message.find(GetParam().message_part), std::string::npos)
      << placed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, PlacementRefusalTest,
    ::testing::Values(
        RefusalRow{"UnknownShelter", [](auto& r) { r.shelter_id = "nowhere"; },
                   ErrorCode::kNotFound, "", "not in the registry"},
        RefusalRow{"LeavingBeforeArriving", [](auto& r) { r.until = D("2026-03-05"); },
                   ErrorCode::kInvalid, "until", "after the first night"},
        RefusalRow{"CosmOnlyByComensha", [](auto& r) { r.placed_by = "care_coordinator"; },
                   ErrorCode::kInvalid, "shelter_id", "only comensha places people in"},
        RefusalRow{"MinorInAdultShelter", [](auto& r) { r.minor = true; }, ErrorCode::kInvalid,
                   "shelter_id", "takes adults only"},
        RefusalRow{"AdultInYouthCare", [](auto& r) { r.shelter_id = "youth1"; },
                   ErrorCode::kInvalid, "shelter_id", "takes minors only"},
        RefusalRow{"AlreadyPlaced", [](auto& r) { r.case_id = "case-2"; }, ErrorCode::kInvalid,
                   "case_id", "already placed in 'west' from 2026-02-01"}),
    testing::ParamName());

TEST(ShelterTest, OccupancyPerRegionNowAndOverTime) {
  const auto now = OccupancyByRegion(kShelters, kPlacements, D("2026-03-05"));
  ASSERT_EQ(now.size(), 2u);
  EXPECT_EQ(now[0].region, "ZVH-AMS");
  EXPECT_EQ(now[0].capacity, 7);
  EXPECT_EQ(now[0].occupied, 2);
  EXPECT_EQ(now[1].region, "ZVH-UTR");
  EXPECT_EQ(now[1].occupied, 1);
  const auto series = OccupancyOverTime(kShelters, kPlacements,
                                        {D("2026-01-31"), D("2026-02-01"), D("2026-03-10")});
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].regions[0].occupied, 0);
  EXPECT_EQ(series[1].regions[0].occupied, 1);
  EXPECT_EQ(series[2].regions[0].occupied, 1);
  EXPECT_EQ(series[2].regions[1].occupied, 1);
}

// Placing people one after another without overrides never takes a shelter over its capacity.
RC_GTEST_PROP(ShelterProperty, WithoutOverridesCapacityIsNeverExceeded, ()) {
  const std::vector<Shelter> shelters = {{"s", "S", "social", "R", 3}};
  std::vector<Placement> placements;
  const int n = *rc::gen::inRange(0, 25);
  for (int i = 0; i < n; ++i) {
    PlacementRequest r;
    r.id = std::to_string(i);
    r.case_id = "case-" + std::to_string(i);
    r.shelter_id = "s";
    r.from = AddDays(D("2026-01-01"), *rc::gen::inRange(0, 60));
    if (*rc::gen::arbitrary<bool>()) r.until = AddDays(r.from, *rc::gen::inRange(1, 30));
    auto placed = PlacePerson(r, shelters, placements, ShippedCareData());
    if (placed) placements.push_back(*placed);
  }
  for (int day = 0; day < 100; ++day) {
    RC_ASSERT(OccupancyOn("s", placements, AddDays(D("2026-01-01"), day)) <= 3);
  }
}

}  // namespace
}  // namespace schakel::care
