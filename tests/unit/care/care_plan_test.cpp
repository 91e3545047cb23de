// The care plan: validation naming the item and field, item status changes, and the overdue and
// due-this-week windows.
#include "care/care_plan.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;
using testing::ShippedCareData;

CarePlanItem Item(std::string id, std::string domain, ItemStatus status, std::optional<Date> due) {
  return {std::move(id), std::move(domain), "Shelter West", status, due, ""};
}

std::vector<std::string> Ids(const std::vector<const CarePlanItem*>& items) {
  std::vector<std::string> out;
  for (const CarePlanItem* i : items) out.push_back(i->id);
  return out;
}

TEST(CarePlanTest, AValidPlanPasses) {
  EXPECT_TRUE(ValidateCarePlan({Item("a", "safety", ItemStatus::kOpen, std::nullopt),
                                Item("b", "aftercare", ItemStatus::kDone, D("2026-05-01"))},
                               ShippedCareData()));
}

using InvalidPlanRow = testing::InvalidCase<std::vector<CarePlanItem>>;

class InvalidPlanTest : public ::testing::TestWithParam<InvalidPlanRow> {};

TEST_P(InvalidPlanTest, IsRefusedNamingTheField) {
  const std::vector<CarePlanItem> items = {Item("a", "safety", ItemStatus::kOpen, std::nullopt),
                                           Item("b", "medical", ItemStatus::kOpen, std::nullopt)};
  testing::ExpectRefusedNamingField(items, GetParam(), [](const std::vector<CarePlanItem>& i) {
    return ValidateCarePlan(i, ShippedCareData());
  });
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, InvalidPlanTest,
    ::testing::Values(InvalidPlanRow{"UnknownDomain", [](auto& i) { i[1].domain = "hobbies"; },
                                     "items[1].domain"},
                      InvalidPlanRow{"NoResponsibleOrganisation",
                                     [](auto& i) { i[0].responsible_organisation = " "; },
                                     "items[0].responsible_organisation"},
                      InvalidPlanRow{"DuplicateId", [](auto& i) { i[1].id = "a"; }, "items[1].id"},
                      InvalidPlanRow{"BlankId", [](auto& i) { i[0].id = ""; }, "items[0].id"}),
    testing::ParamName());

struct StatusRow {
  ItemStatus from;
  ItemStatus to;
  bool allowed;
};

class ItemStatusTest : public ::testing::TestWithParam<StatusRow> {};

TEST_P(ItemStatusTest, EveryPairOfStatuses) {
  auto to = ChangeItemStatus(GetParam().from, GetParam().to);
  EXPECT_EQ(to.ok(), GetParam().allowed)
      << ItemStatusName(GetParam().from) << " -> " << ItemStatusName(GetParam().to);
  if (!to.ok()) {
    EXPECT_EQ(to.error().code, ErrorCode::kConflict);
  }
}

constexpr auto kOpen = ItemStatus::kOpen;
constexpr auto kInProgress = ItemStatus::kInProgress;
constexpr auto kDone = ItemStatus::kDone;
constexpr auto kCancelled = ItemStatus::kCancelled;

INSTANTIATE_TEST_SUITE_P(
    Table, ItemStatusTest,
    ::testing::Values(
        StatusRow{kOpen, kOpen, false}, StatusRow{kOpen, kInProgress, true},
        StatusRow{kOpen, kDone, true}, StatusRow{kOpen, kCancelled, true},
        StatusRow{kInProgress, kOpen, true}, StatusRow{kInProgress, kInProgress, false},
        StatusRow{kInProgress, kDone, true}, StatusRow{kInProgress, kCancelled, true},
        StatusRow{kDone, kOpen, false}, StatusRow{kDone, kInProgress, false},
        StatusRow{kDone, kDone, false}, StatusRow{kDone, kCancelled, false},
        StatusRow{kCancelled, kOpen, false}, StatusRow{kCancelled, kInProgress, false},
        StatusRow{kCancelled, kDone, false}, StatusRow{kCancelled, kCancelled, false}));

TEST(CarePlanTest, OverdueAndDueThisWeekCountOnlyOpenItemsWithADueDate) {
  const Date today = D("2026-03-27");  // a Friday
  const std::vector<CarePlanItem> items = {
      Item("late", "safety", kInProgress, D("2026-03-26")),
      Item("later", "medical", kOpen, D("2026-03-01")),
      Item("late_but_done", "income", kDone, D("2026-03-01")),
      Item("today", "housing", kOpen, today),
      Item("thursday", "legal_aid", kOpen, D("2026-04-02")),
      Item("next_friday", "legal_aid", kOpen, D("2026-04-03")),
      Item("cancelled", "legal_aid", kCancelled, D("2026-03-28")),
      Item("no_date", "aftercare", kOpen, std::nullopt)};
  EXPECT_EQ(Ids(OverdueItems(items, today)), (std::vector<std::string>{"later", "late"}));
  EXPECT_EQ(Ids(ItemsDueThisWeek(items, today)), (std::vector<std::string>{"today", "thursday"}));
  EXPECT_EQ(ActiveItemCount(items), 7);
  EXPECT_TRUE(HasActiveItemIn(items, "aftercare"));
  EXPECT_FALSE(HasActiveItemIn({items[6]}, "legal_aid"));
}

TEST(CarePlanTest, StatusNamesRoundTrip) {
  for (auto s : {kOpen, kInProgress, kDone, kCancelled}) {
    EXPECT_EQ(ParseItemStatus(ItemStatusName(s)), s);
  }
  EXPECT_FALSE(ParseItemStatus("waiting").has_value());
}

}  // namespace
}  // namespace schakel::care
