// PersonRepository and CiphertextRepository on a real temporary SQLite database. The values are
// opaque strings here: encryption is the app layer's job, the repositories only store and find.
#include "store/person_repository.h"

#include <gtest/gtest.h>

#include "store/ciphertext_repository.h"
#include "store/organisation_repository.h"
#include "temp_database.h"

namespace schakel::store {
namespace {

class PersonRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = testing::OpenMigratedSqlite(testing::FreshTempDir("schakel-persons") / "p.db");
    ASSERT_NE(database_, nullptr);
    auto db = database_->Acquire();
    ASSERT_TRUE(OrganisationRepository(*db)
                    .Upsert({"GM0599", "municipality", {}, "Rotterdam", "2000-01-01", {}, {}})
                    .ok());
  }
  static PersonRecord Person(const std::string& id, const std::string& key = "k1") {
    PersonRecord p;
    p.facts = {id,  "GM0599", "u-1", "2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z",
               "x", 1987,     "QZX"};
    p.sealed.family_name = "v1:" + key + ":family-" + id;
    p.sealed.notes = "v1:" + key + ":notes-" + id;
    p.family_name_index = "fn-index";
    p.date_of_birth_index = "dob-" + id;
    p.document_number_index = "doc-index";
    return p;
  }
  std::unique_ptr<Database> database_;
};

TEST_F(PersonRepositoryTest, InsertFindUpdateRoundTrip) {
  auto db = database_->Acquire();
  PersonRepository repo(*db);
  ASSERT_TRUE(repo.Insert(Person("a")).ok());
  auto found = repo.Find("a");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->sealed.family_name, "v1:k1:family-a");
  EXPECT_FALSE((*found)->sealed.given_names.has_value());
  EXPECT_EQ((*found)->facts.birth_year, 1987);
  EXPECT_EQ((*found)->facts.nationality, "QZX");

  PersonRecord changed = Person("a");
  changed.sealed.notes.reset();
  changed.facts.birth_year.reset();
  changed.facts.updated_at = "2026-11-28T10:00:00Z";
  changed.facts.organisation = "ignored";  // not updatable
  ASSERT_TRUE(repo.Update(changed).ok());
  auto after = repo.Find("a");
  EXPECT_FALSE((*after)->sealed.notes.has_value());
  EXPECT_FALSE((*after)->facts.birth_year.has_value());
  EXPECT_EQ((*after)->facts.organisation, "GM0599");
  EXPECT_EQ((*after)->facts.updated_at, "2026-11-28T10:00:00Z");
}

TEST_F(PersonRepositoryTest, DuplicateIdConflictsAndMissingPersonIsNotFound) {
  auto db = database_->Acquire();
  PersonRepository repo(*db);
  ASSERT_TRUE(repo.Insert(Person("a")).ok());
  EXPECT_EQ(repo.Insert(Person("a")).error().code, ErrorCode::kConflict);
  EXPECT_EQ(repo.Update(Person("b")).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(repo.Find("b")->has_value());
}

TEST_F(PersonRepositoryTest, FindsByBlindIndexes) {
  auto db = database_->Acquire();
  PersonRepository repo(*db);
  for (const char* id : {"b", "a", "c"}) ASSERT_TRUE(repo.Insert(Person(id)).ok());
  auto one = repo.FindByIdentityIndexes("fn-index", "dob-b");
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().facts.id, "b");
  EXPECT_TRUE(repo.FindByIdentityIndexes("fn-index", "nope")->empty());
  auto all = repo.FindByDocumentIndex("doc-index");
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->front().facts.id, "a");  // in id order
}

TEST_F(PersonRepositoryTest, CiphertextBatchesPageByIdAndSkipTheCurrentKey) {
  auto db = database_->Acquire();
  PersonRepository persons(*db);
  for (const char* id : {"a", "b", "c", "d"}) ASSERT_TRUE(persons.Insert(Person(id)).ok());
  ASSERT_TRUE(persons.Insert(Person("e", "k2")).ok());
  CiphertextRepository repo(*db);
  const CiphertextColumn notes{"persons", "id", "notes"};
  auto first = repo.Batch(notes, "", 2, std::string("v1:k2:"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ(first->at(1).record_id, "b");
  auto rest = repo.Batch(notes, "b", 10, std::string("v1:k2:"));
  ASSERT_EQ(rest->size(), 2u);  // c, d; e is under k2 already
  EXPECT_EQ(rest->at(1).value, "v1:k1:notes-d");
  EXPECT_EQ(repo.Batch(notes, "", 10, std::nullopt)->size(), 5u);

  ASSERT_TRUE(repo.Replace(notes, "c", "v1:k2:new").ok());
  EXPECT_EQ(persons.Find("c")->value().sealed.notes, "v1:k2:new");
  EXPECT_EQ(repo.Replace(notes, "zz", "v1:k2:new").error().code, ErrorCode::kNotFound);
}

TEST_F(PersonRepositoryTest, ColumnNamesMustBePlainIdentifiers) {
  auto db = database_->Acquire();
  CiphertextRepository repo(*db);
  const CiphertextColumn evil{"persons", "id", "notes; DROP TABLE persons"};
  EXPECT_EQ(repo.Batch(evil, "", 1, std::nullopt).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(repo.Replace(evil, "a", "x").error().code, ErrorCode::kInvalid);
}

}  // namespace
}  // namespace schakel::store
