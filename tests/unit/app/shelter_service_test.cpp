// The shelter registry use cases (care-shelter): who may read and keep a region's shelters
// (every boundary denied and audited), validation naming the field, occupancy tonight and over
// time from stored placements, nothing written on a refusal.
#include "app/shelter_service.h"

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "care/amsterdam_time.h"
#include "store/audit_repository.h"

namespace schakel::app {
namespace {

class ShelterServiceTest : public testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    if (HasFatalFailure()) return;
    auto data = care::LoadCareDataFile(SCHAKEL_SOURCE_DIR "/data/care/care.json");
    ASSERT_TRUE(data.ok()) << data.error().message;
    data_ = std::move(data).value();
    shelters_.emplace(*database_, clock_, audit_, *data_);
  }

  // A user of `organisation` (a municipality in `region`) with one role.
  static Actor As(Role role, std::string organisation = "GM0014", std::string region = "VR01") {
    Principal p;
    p.user = "user-" + std::string(RoleName(role));
    p.organisation = std::move(organisation);
    p.organisation_kind = "municipality";
    p.regions = {std::move(region)};
    p.roles = {role};
    return {RoleName(role), "api", p.user, "127.0.0.1", p, ""};
  }

  int64_t Denials(const std::string& actor) {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.actor = actor;
    q.result = "deny";
    auto rows = store::AuditRepository(*db).Find(q);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? static_cast<int64_t>(rows->size()) : -1;
  }

  int64_t Add(const std::string& name, int64_t capacity, const std::string& region = "VR01") {
    auto r = shelters_->Add({name, "womens", region, capacity}, actor_);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->id : 0;
  }

  // A stored placement (placing itself is the placement use case's; here only occupancy).
  void Stay(int64_t shelter, const std::string& id, const std::string& from,
            std::optional<std::string> until = std::nullopt) {
    auto db = database_->Acquire();
    ASSERT_TRUE(store::ShelterRepository(*db)
                    .AddPlacement({id, "case-" + id, shelter, from, until, "", "t", "test"})
                    .ok());
  }

  std::string Today() const {
    return care::FormatDate(
        care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(clock_.Now())));
  }

  std::optional<care::CareData> data_;
  std::optional<ShelterService> shelters_;
};

TEST_F(ShelterServiceTest, CoordinatorKeepsTheRegistryOfOwnRegion) {
  const Actor coordinator = As(Role::kCareCoordinator);
  auto added = shelters_->Add({"Huis aan de Haven", "omm", "VR01", 6}, coordinator);
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto view = shelters_->Overview("VR01", coordinator);
  ASSERT_TRUE(view.ok()) << view.error().message;
  ASSERT_EQ(view->shelters.size(), 1u);
  EXPECT_EQ(view->shelters[0].shelter.name, "Huis aan de Haven");
  EXPECT_EQ(view->tonight.capacity, 6);
  EXPECT_EQ(view->tonight.occupied, 0);
  auto changed = shelters_->Update(added->id, {"Huis aan de Haven", "omm", "VR01", 8}, coordinator);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(shelters_->Get(added->id, coordinator)->shelter.capacity, 8);
}

TEST_F(ShelterServiceTest, EveryOtherRoleOrRegionIsDeniedAndAudited) {
  const int64_t id = Add("Vrouwenopvang Noord", 4);
  const std::vector<Actor> outsiders = {
      As(Role::kCareCoordinator, "GM0363", "VR13"),  // another region
      As(Role::kSignaller),
      As(Role::kPartner),
      As(Role::kPolicyOfficer),
      As(Role::kMonitor),
      As(Role::kAdmin),  // an organisation's admin, not the installation's
  };
  for (const Actor& a : outsiders) {
    const int64_t before = Denials(a.id);
    EXPECT_EQ(shelters_->Overview("VR01", a).error().code, ErrorCode::kForbidden) << a.name;
    EXPECT_EQ(shelters_->Get(id, a).error().code, ErrorCode::kForbidden) << a.name;
    EXPECT_EQ(shelters_->Add({"X", "omm", "VR01", 2}, a).error().code, ErrorCode::kForbidden)
        << a.name;
    EXPECT_EQ(shelters_->Update(id, {"X", "omm", "VR01", 2}, a).error().code, ErrorCode::kForbidden)
        << a.name;
    EXPECT_EQ(Denials(a.id), before + 4) << a.name;
  }
  EXPECT_EQ(shelters_->Overview("VR01", actor_)->shelters.size(), 1u);  // nothing was added
  EXPECT_EQ(shelters_->Get(id, actor_)->shelter.name, "Vrouwenopvang Noord");
}

TEST_F(ShelterServiceTest, ChainDirectorReadsButDoesNotKeepTheRegistry) {
  const int64_t id = Add("Mannenopvang", 3);
  const Actor director = As(Role::kChainDirector);
  EXPECT_TRUE(shelters_->Overview("VR01", director).ok());
  EXPECT_EQ(shelters_->Update(id, {"Y", "mens", "VR01", 9}, director).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(Denials(director.id), 1);
}

TEST_F(ShelterServiceTest, MovingAShelterToAnotherRegionNeedsThatRegionToo) {
  const int64_t id = Add("Opvang Stad", 3);
  auto moved =
      shelters_->Update(id, {"Opvang Stad", "womens", "VR13", 3}, As(Role::kCareCoordinator));
  EXPECT_EQ(moved.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(shelters_->Get(id, actor_)->shelter.region, "VR01");
}

TEST_F(ShelterServiceTest, ErrorsNameTheField) {
  struct Case {
    ShelterInput input;
    std::string field;
  } cases[] = {
      {{"", "omm", "VR01", 3}, "name"},      {{"A", "hotel", "VR01", 3}, "type"},
      {{"A", "omm", "VR01", 0}, "capacity"}, {{"A", "omm", "VR01", 20000}, "capacity"},
      {{"A", "omm", "GM0014", 3}, "region"},  // a municipality is not a region
      {{"A", "omm", "", 3}, "region"},       {{std::string(201, 'a'), "omm", "VR01", 3}, "name"},
  };
  for (const Case& c : cases) {
    auto r = shelters_->Add(c.input, actor_);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.field;
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
  }
  EXPECT_TRUE(shelters_->Overview("VR01", actor_)->shelters.empty());
}

TEST_F(ShelterServiceTest, OccupancyTonightAndOverTimeCountsStaysAndShowsOverrides) {
  const int64_t small = Add("Klein huis", 1);
  const int64_t big = Add("Groot huis", 5);
  Add("Elders", 9, "VR13");  // another region: not counted
  const care::Date today = *care::ParseDate(Today());
  const auto day = [&](int offset) { return care::FormatDate(care::AddDays(today, offset)); };
  Stay(small, "p1", day(-20));
  Stay(small, "p2", day(-3));           // placed over capacity by override
  Stay(big, "p3", day(-30), day(-10));  // left ten days ago
  Stay(big, "p4", day(0));              // arrives tonight
  auto view = shelters_->Overview("VR01", actor_);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->tonight.capacity, 6);
  EXPECT_EQ(view->tonight.occupied, 3);
  for (const auto& s : view->shelters) {
    if (s.shelter.id == small) {
      EXPECT_EQ(s.occupied, 2);  // over its capacity of 1
    }
    if (s.shelter.id == big) {
      EXPECT_EQ(s.occupied, 1);
    }
  }
  ASSERT_EQ(view->over_time.size(), static_cast<size_t>(ShelterService::kWeeksShown + 1));
  EXPECT_EQ(care::FormatDate(view->over_time.back().date), Today());
  EXPECT_EQ(view->over_time.back().regions.front().occupied, 3);
  // Two weeks ago: p1 (from day -20) and p3 (day -30 until -10).
  EXPECT_EQ(view->over_time[view->over_time.size() - 3].regions.front().occupied, 2);
  // Twelve weeks ago nobody was there; the region still shows, with its capacity.
  EXPECT_EQ(view->over_time.front().regions.front().occupied, 0);
  EXPECT_EQ(view->over_time.front().regions.front().region, "VR01");
}

TEST_F(ShelterServiceTest, ChangesAreAudited) {
  const int64_t id = Add("Opvang", 2);
  ASSERT_TRUE(shelters_->Update(id, {"Opvang Oost", "omm", "VR01", 2}, actor_).ok());
  auto db = database_->Acquire();
  store::AuditQuery q;
  q.object_id = std::to_string(id);
  q.actions = {"shelter.add", "shelter.update"};
  auto rows = store::AuditRepository(*db).Find(q);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 2u);
}

}  // namespace
}  // namespace schakel::app
