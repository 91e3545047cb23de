// PersonService on a real database: round trips, the policy with audited denials, audited reads
// without personal values, validation naming the field, and ciphertexts bound to their row.
#include <gtest/gtest.h>

#include "person_fixture.h"

namespace schakel::app {
namespace {

class PersonServiceTest : public testing::PersonFixture {
 protected:
  PersonView CreateOne(const Actor& actor, PersonInput in = testing::SyntheticPerson()) {
    auto created = persons_->Create(actor, in);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? *created : PersonView{};
  }
};

void ExpectSameIdentity(const PersonInput& in, const PersonView& v) {
  EXPECT_EQ(v.facts.organisation, in.organisation);
  EXPECT_TRUE(v.identity == in.identity);
  EXPECT_EQ(v.facts.gender, in.gender);
  EXPECT_EQ(v.facts.nationality, in.nationality);
}

TEST_F(PersonServiceTest, CreateThenGetGivesBackEveryField) {
  const PersonInput in = testing::SyntheticPerson();
  const PersonView created = CreateOne(coordinator_, in);
  ExpectSameIdentity(in, created);
  EXPECT_EQ(created.facts.id.size(), 36u);
  EXPECT_EQ(created.facts.created_by, "u-care");
  EXPECT_EQ(created.facts.birth_year, 1987);
  auto read = persons_->Get(coordinator_, created.facts.id);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ExpectSameIdentity(in, *read);
}

TEST_F(PersonServiceTest, StoredRowHoldsCiphertextsAndIndexesOnly) {
  const PersonView p = CreateOne(coordinator_);
  for (const char* column : {"given_names", "family_name", "date_of_birth", "address", "phone",
                             "document_number", "notes"}) {
    const auto stored = Stored(p.facts.id, column);
    ASSERT_TRUE(stored.has_value()) << column;
    EXPECT_EQ(stored->rfind("v1:" + keys_.current_id() + ":", 0), 0u) << column << ": " << *stored;
  }
  for (const char* index : {"family_name_index", "date_of_birth_index", "document_number_index"}) {
    EXPECT_EQ(Stored(p.facts.id, index).value_or("").size(), 32u) << index;
  }
  EXPECT_EQ(Stored(p.facts.id, "nationality"), "QZX");  // plaintext on purpose, for statistics
}

TEST_F(PersonServiceTest, FieldsNotGivenAreNotStored) {
  PersonInput in;
  in.organisation = "GM0599";
  in.identity.given_names = "Xanthippe";
  in.identity.family_name = "   ";
  const PersonView p = CreateOne(coordinator_, in);
  EXPECT_FALSE(p.identity.family_name.has_value());
  EXPECT_FALSE(p.facts.birth_year.has_value());
  EXPECT_FALSE(Stored(p.facts.id, "family_name").has_value());
  EXPECT_FALSE(Stored(p.facts.id, "family_name_index").has_value());
}

TEST_F(PersonServiceTest, UpdateReplacesTheFieldsAndIsAudited) {
  const PersonView p = CreateOne(coordinator_);
  PersonInput change = testing::SyntheticPerson();
  change.organisation.clear();  // means: stays where it is
  change.identity.phone = "+31 6 1111 2222";
  change.identity.notes.reset();  // cleared
  clock_.Advance(std::chrono::seconds(60));
  auto updated = persons_->Update(coordinator_, p.facts.id, change);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->identity.phone, "+31 6 1111 2222");
  EXPECT_FALSE(updated->identity.notes.has_value());
  EXPECT_NE(updated->facts.updated_at, p.facts.updated_at);
  EXPECT_EQ(persons_->Get(coordinator_, p.facts.id)->identity.phone, "+31 6 1111 2222");
  const auto rows = AuditRows();
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "person.create");
  EXPECT_EQ(rows[1].action, "person.update");
  EXPECT_EQ(rows[1].object_id, p.facts.id);
}

TEST_F(PersonServiceTest, PersonCannotMoveToAnotherOrganisation) {
  const PersonView p = CreateOne(coordinator_);
  auto moved = persons_->Update(coordinator_, p.facts.id, testing::SyntheticPerson("GM0606"));
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().field, "organisation");
}

TEST_F(PersonServiceTest, UnknownPersonIsNotFound) {
  auto r = persons_->Get(coordinator_, "00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_F(PersonServiceTest, WrongActorIsForbiddenAndTheDenialIsAudited) {
  const PersonView p = CreateOne(coordinator_);
  for (const Actor* who : {&policy_officer_, &far_away_, &other_signaller_}) {
    auto r = persons_->Get(*who, p.facts.id);
    ASSERT_FALSE(r.ok()) << who->id;
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden) << who->id;
    const store::AuditRow last = AuditRows().back();
    EXPECT_EQ(last.result, "deny");
    EXPECT_EQ(last.actor, who->id);
    EXPECT_EQ(last.action, "view_person");
    EXPECT_EQ(last.object_type, "person");
    EXPECT_EQ(last.object_id, p.facts.id);
  }
  auto edit = persons_->Update(policy_officer_, p.facts.id, testing::SyntheticPerson());
  ASSERT_FALSE(edit.ok());
  EXPECT_EQ(edit.error().code, ErrorCode::kForbidden);
  auto create = persons_->Create(far_away_, testing::SyntheticPerson("GM0599"));
  ASSERT_FALSE(create.ok());
  EXPECT_EQ(create.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(AuditRows().back().action, "create_person");
}

TEST_F(PersonServiceTest, RegionCoordinatorAndOwningSignallerMayRead) {
  const PersonView p = CreateOne(signaller_);
  EXPECT_TRUE(persons_->Get(signaller_, p.facts.id).ok());
  EXPECT_TRUE(persons_->Get(neighbour_, p.facts.id).ok());  // another municipality of region VR17
  EXPECT_FALSE(persons_->Get(other_signaller_, p.facts.id).ok());
}

TEST_F(PersonServiceTest, EveryReadIsAuditedWithoutAnyPersonalValue) {
  const PersonInput in = testing::SyntheticPerson();
  const PersonView p = CreateOne(coordinator_, in);
  ASSERT_TRUE(persons_->Get(coordinator_, p.facts.id).ok());
  ASSERT_TRUE(persons_->Get(policy_officer_, p.facts.id).error().code == ErrorCode::kForbidden);
  ASSERT_EQ(persons_->FindByIdentity(coordinator_, "Zwavelstok-Ybarra", "1987-03-14")->size(), 1u);
  const auto rows = AuditRows();
  int reads = 0;
  for (const store::AuditRow& r : rows) {
    if (r.action == "person.read") {
      ++reads;
      EXPECT_EQ(r.object_type, "person");
      EXPECT_EQ(r.object_id, p.facts.id);
      EXPECT_EQ(r.result, "success");
    }
    for (const std::string* field :
         {&r.actor, &r.organisation, &r.action, &r.object_type, &r.object_id, &r.origin,
          &r.origin_address, &r.correlation_id}) {
      for (const auto& value : {in.identity.given_names, in.identity.family_name,
                                in.identity.date_of_birth, in.identity.address, in.identity.phone,
                                in.identity.document_number, in.identity.notes}) {
        EXPECT_EQ(field->find(*value), std::string::npos) << r.action;
      }
      EXPECT_EQ(field->find("Zwavelstok"), std::string::npos);
      EXPECT_EQ(field->find("1987"), std::string::npos);
    }
  }
  EXPECT_EQ(reads, 2);  // Get and the one search result
}

struct BadInput {
  const char* field;
  void (*spoil)(PersonInput&);
};

TEST_F(PersonServiceTest, ValidationErrorsNameTheField) {
  const BadInput cases[] = {
      {"date_of_birth", [](PersonInput& in) { in.identity.date_of_birth = "1987-02-30"; }},
      {"date_of_birth", [](PersonInput& in) { in.identity.date_of_birth = "2999-01-01"; }},
      {"date_of_birth", [](PersonInput& in) { in.identity.date_of_birth = "14 maart 1987"; }},
      {"nationality", [](PersonInput& in) { in.nationality = "NL"; }},
      {"gender", [](PersonInput& in) { in.gender = "f"; }},
      {"phone", [](PersonInput& in) { in.identity.phone = "call me"; }},
      {"family_name", [](PersonInput& in) { in.identity.family_name = std::string(201, 'z'); }},
      {"given_names", [](PersonInput& in) { in.identity.given_names = "X\xff"; }},
      {"organisation", [](PersonInput& in) { in.organisation = "GM9999"; }},
      {"organisation", [](PersonInput& in) { in.organisation.clear(); }},
  };
  for (const BadInput& c : cases) {
    PersonInput in = testing::SyntheticPerson();
    c.spoil(in);
    auto r = persons_->Create(coordinator_, in);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.field;
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
    EXPECT_EQ(r.error().message.find("Zwavelstok"), std::string::npos);
  }
}

TEST_F(PersonServiceTest, DutchDateFormIsStoredAsIsoDate) {
  PersonInput in = testing::SyntheticPerson();
  in.identity.date_of_birth = "14-03-1987";
  in.nationality = "qzx";
  const PersonView p = CreateOne(coordinator_, in);
  EXPECT_EQ(p.identity.date_of_birth, "1987-03-14");
  EXPECT_EQ(p.facts.nationality, "QZX");
}

TEST_F(PersonServiceTest, FindByIdentityFoldsCaseSpacingAndDateForm) {
  const PersonView p = CreateOne(coordinator_);
  PersonInput sibling = testing::SyntheticPerson();
  sibling.identity.given_names = "Ypsilon";
  sibling.identity.date_of_birth = "1990-07-01";
  CreateOne(coordinator_, sibling);
  auto found = persons_->FindByIdentity(coordinator_, "  zwavelstok-YBARRA ", "14-03-1987");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().facts.id, p.facts.id);
  EXPECT_EQ(found->front().identity.given_names, "Xanthippe-Quirina");
  EXPECT_TRUE(persons_->FindByIdentity(coordinator_, "Zwavelstok", "1987-03-14")->empty());
  EXPECT_EQ(persons_->FindByIdentity(coordinator_, "Zwavelstok", "1987-13-01").error().field,
            "date_of_birth");
  EXPECT_EQ(persons_->FindByIdentity(coordinator_, " ", "1987-03-14").error().field, "family_name");
}

TEST_F(PersonServiceTest, FindByIdentityLeavesOutPersonsTheActorMayNotView) {
  const PersonView mine = CreateOne(signaller_);
  CreateOne(coordinator_);  // same identity, recorded by someone else
  auto found = persons_->FindByIdentity(signaller_, "Zwavelstok-Ybarra", "1987-03-14");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().facts.id, mine.facts.id);
  EXPECT_EQ(persons_->FindByIdentity(far_away_, "Zwavelstok-Ybarra", "1987-03-14")->size(), 0u);
  auto denied = persons_->FindByIdentity(policy_officer_, "Zwavelstok-Ybarra", "1987-03-14");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(AuditRows().back().result, "deny");
}

TEST_F(PersonServiceTest, CiphertextMovedToAnotherRowDoesNotDecrypt) {
  const PersonView a = CreateOne(coordinator_);
  PersonInput other = testing::SyntheticPerson();
  other.identity.family_name = "Quellinck";
  const PersonView b = CreateOne(coordinator_, other);
  {
    auto db = database_->Acquire();
    // An insider with write access copies A's family name over B's.
    ASSERT_TRUE(
        db->Execute("UPDATE persons SET family_name = ? WHERE id = ?",
                    {store::OptText(Stored(a.facts.id, "family_name")), store::Text(b.facts.id)})
            .ok());
  }
  auto r = persons_->Get(coordinator_, b.facts.id);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(r.error().message.find("Zwavelstok"), std::string::npos);
  const store::AuditRow last = AuditRows().back();
  EXPECT_EQ(last.action, "person.read");
  EXPECT_EQ(last.result, "failure");
  EXPECT_EQ(last.object_id, b.facts.id);
  EXPECT_TRUE(persons_->Get(coordinator_, a.facts.id).ok());
}

}  // namespace
}  // namespace schakel::app
