// Key rotation on a real database: every ciphertext ends up under the new key with the same
// plaintext, an interrupted run resumes, blind-index look-ups keep working, TOTP secrets of users
// rotate too, and an undecryptable value is reported instead of stopping the run.
#include "app/key_rotation.h"

#include <gtest/gtest.h>

#include <set>

#include "app/encrypted_columns.h"
#include "person_fixture.h"
#include "security/field_cipher.h"

namespace schakel::app {
namespace {

class KeyRotationTest : public testing::PersonFixture {
 protected:
  std::vector<PersonView> CreatePersons(int n) {
    std::vector<PersonView> out;
    for (int i = 0; i < n; ++i) {
      PersonInput in = testing::SyntheticPerson();
      in.identity.given_names = "Xanthippe " + std::to_string(i);
      auto p = persons_->Create(coordinator_, in);
      EXPECT_TRUE(p.ok());
      if (p.ok()) out.push_back(*p);
    }
    return out;
  }
  Result<RotationReport> Rotate(int batch_size, int max_batches = 0) {
    return RotateFields(*database_, rotated_, audit_, operator_, batch_size, max_batches, {},
                        security::SystemRandom());
  }
  std::map<std::string, int64_t> TotalsByKey() {
    auto usage = KeyUsage(*database_);
    EXPECT_TRUE(usage.ok());
    std::map<std::string, int64_t> totals;
    for (const ColumnKeyUsage& c : *usage) {
      for (const auto& [id, n] : c.by_key) totals[id] += n;
    }
    return totals;
  }
  void AddUserWithTotp(const std::string& id, const std::string& secret) {
    auto db = database_->Acquire();
    const std::string sealed = security::EncryptField(keys_, {"users", "totp_secret", id}, secret,
                                                      security::SystemRandom());
    ASSERT_TRUE(db->Execute("INSERT INTO users (id, organisation, username, display_name, "
                            "password_hash, totp_secret, created_at, created_by) "
                            "VALUES (?, 'GM0599', ?, 'T', 'x', ?, 'now', 'test')",
                            {store::Text(id), store::Text("user-" + id), store::Text(sealed)})
                    .ok());
  }

  const security::KeyRing rotated_ = keys_.WithNewCurrentKey(security::SystemRandom());
  const Actor operator_{"operator (cli)", "cli", "cli:operator", "host", Principal::System(), ""};
};

TEST_F(KeyRotationTest, EveryCiphertextMovesToTheNewKeyWithTheSameValue) {
  const auto before = CreatePersons(3);
  EXPECT_EQ(TotalsByKey(), (std::map<std::string, int64_t>{{"k1", 21}}));
  auto report = Rotate(2);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->complete);
  EXPECT_EQ(report->key_id, "k2");
  EXPECT_EQ(report->reencrypted(), 21);
  EXPECT_EQ(report->failed(), 0);
  EXPECT_EQ(report->batches, 14);  // 7 columns x (2 + 1)
  EXPECT_EQ(TotalsByKey(), (std::map<std::string, int64_t>{{"k2", 21}}));
  PersonService after(*database_, clock_, audit_, rotated_);
  for (const PersonView& p : before) {
    auto read = after.Get(coordinator_, p.facts.id);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->identity.given_names, p.identity.given_names);
    EXPECT_EQ(read->identity.notes, p.identity.notes);
    EXPECT_EQ(Stored(p.facts.id, "phone")->rfind("v1:k2:", 0), 0u);
  }
  // The old ring cannot read the new ciphertexts: the new key really is in use.
  EXPECT_EQ(persons_->Get(coordinator_, before[0].facts.id).error().code, ErrorCode::kNotFound);
}

TEST_F(KeyRotationTest, InterruptedRotationIsFinishedByRunningItAgain) {
  CreatePersons(5);
  auto first = Rotate(2, 3);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->complete);
  EXPECT_EQ(first->batches, 3);
  EXPECT_EQ(first->reencrypted(), 5);  // given_names in batches of 2, 2 and 1
  EXPECT_EQ(TotalsByKey(), (std::map<std::string, int64_t>{{"k1", 30}, {"k2", 5}}));
  auto second = Rotate(4);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->complete);
  EXPECT_EQ(second->reencrypted(), 30);
  EXPECT_EQ(TotalsByKey(), (std::map<std::string, int64_t>{{"k2", 35}}));
  auto third = Rotate(4);  // nothing left: a no-op
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->reencrypted(), 0);
  EXPECT_EQ(third->batches, 0);
}

TEST_F(KeyRotationTest, StoppedExactlyAtTheEndCountsAsComplete) {
  CreatePersons(1);
  auto r = Rotate(1, 7);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->complete);
}

TEST_F(KeyRotationTest, BlindIndexLookupsWorkAfterRotation) {
  const auto before = CreatePersons(2);
  ASSERT_TRUE(Rotate(10).ok());
  PersonService after(*database_, clock_, audit_, rotated_);
  auto found = after.FindByIdentity(coordinator_, "zwavelstok-ybarra", "14-03-1987");
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->size(), 2u);
  auto created = after.Create(coordinator_, testing::SyntheticPerson());  // under k2 directly
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(after.FindByIdentity(coordinator_, "Zwavelstok-Ybarra", "1987-03-14")->size(), 3u);
}

TEST_F(KeyRotationTest, TotpSecretsOfUsersRotateToo) {
  AddUserWithTotp("u-1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  ASSERT_TRUE(Rotate(10).ok());
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT totp_secret FROM users WHERE id = 'u-1'", {});
  ASSERT_TRUE(rows.ok());
  const std::string sealed = rows->front().Text(0);
  EXPECT_EQ(security::FieldKeyId(sealed).value(), "k2");
  EXPECT_EQ(security::DecryptField(rotated_, {"users", "totp_secret", "u-1"}, sealed).value(),
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
}

TEST_F(KeyRotationTest, UndecryptableValueIsReportedAndTheRestRotates) {
  const auto people = CreatePersons(2);
  {
    auto db = database_->Acquire();
    ASSERT_TRUE(db->Execute("UPDATE persons SET notes = ? WHERE id = ?",
                            {store::OptText(Stored(people[0].facts.id, "notes")),
                             store::Text(people[1].facts.id)})
                    .ok());
  }
  auto r = Rotate(10);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->failed(), 1);
  EXPECT_EQ(r->reencrypted(), 13);
  const ColumnRotation& notes = r->columns[6];
  EXPECT_EQ(notes.column, "persons.notes");
  EXPECT_EQ(notes.failed_ids, std::vector<std::string>{people[1].facts.id});
  EXPECT_EQ(TotalsByKey(), (std::map<std::string, int64_t>{{"k1", 1}, {"k2", 13}}));
}

TEST_F(KeyRotationTest, EachBatchIsAuditedWithTheColumnOnly) {
  CreatePersons(1);
  ASSERT_TRUE(Rotate(10).ok());
  int batches = 0;
  for (const store::AuditRow& row : AuditRows()) {
    if (row.action != "keys.rotate") continue;
    ++batches;
    EXPECT_EQ(row.object_type, "column");
    EXPECT_EQ(row.object_id.rfind("persons.", 0), 0u);
    EXPECT_EQ(row.actor, "cli:operator");
    EXPECT_EQ(row.origin, "cli");
  }
  EXPECT_EQ(batches, 7);
}

TEST_F(KeyRotationTest, BadBatchSizesAreRefused) {
  EXPECT_EQ(Rotate(0).error().field, "batch");
  EXPECT_EQ(Rotate(1, -1).error().field, "max_batches");
}

// The registry must name every column that holds a ciphertext, or rotation would miss it.
TEST_F(KeyRotationTest, RegistryNamesEveryEncryptedColumnOfPersons) {
  const auto people = CreatePersons(1);
  auto db = database_->Acquire();
  auto names = db->Query("SELECT name FROM pragma_table_info('persons') ORDER BY cid", {});
  ASSERT_TRUE(names.ok());
  std::set<std::string> registered;
  for (const auto& c : EncryptedColumns()) registered.insert(c.Name());
  for (const store::Row& name : *names) {
    const std::string column = name.Text(0);
    auto sealed = db->Query("SELECT COUNT(*) FROM persons WHERE typeof(" + column +
                                ") = 'text' AND substr(" + column + ", 1, 3) = 'v1:'",
                            {});
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->front().Int(0) > 0, registered.count("persons." + column) > 0) << column;
  }
  for (const auto& c : EncryptedColumns()) {  // and every registered column exists
    EXPECT_TRUE(
        db->Query("SELECT " + c.id_column + ", " + c.column + " FROM " + c.table + " LIMIT 0", {})
            .ok())
        << c.Name();
  }
}

}  // namespace
}  // namespace schakel::app
