// `schakel keys status|rotate` as an operator runs them, on a data folder with persons: rotation
// adds a key, re-encrypts everything, resumes after an interruption without adding another key,
// and the persons still read back the same under the new key file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <regex>

#include "app/audit_trail.h"
#include "app/person_service.h"
#include "cli_runner.h"
#include "person_fixture.h"
#include "security/field_cipher.h"
#include "temp_database.h"

namespace schakel {
namespace {

using testing::RunResult;

class KeysCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_dir_ = store::testing::FreshTempDir("schakel-keys") / "var";
    ASSERT_TRUE(testing::ImportReferenceLists(data_dir_));
  }

  RunResult Run(const std::string& args) { return testing::RunSchakel(data_dir_, args); }

  security::KeyRing Keys() {
    auto ring = security::LoadKeyFile(data_dir_ / "schakel.keys");
    EXPECT_TRUE(ring.ok()) << ring.error().message;
    return std::move(ring).value();
  }

  // Registers persons directly through the library, as the server would.
  std::vector<std::string> AddPersons(int n) {
    auto database = store::OpenSqlite(data_dir_ / "schakel.db");
    EXPECT_TRUE(database.ok());
    const security::KeyRing keys = Keys();
    const SystemClock clock;
    const app::AuditTrail audit(keys.Derived(security::KeyPurpose::kAuditChain), clock);
    app::PersonService persons(**database, clock, audit, keys);
    const app::Actor actor{"test", "cli", "cli:test", "host", app::Principal::System(), ""};
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      auto p = persons.Create(actor, app::testing::SyntheticPerson("GM0599"));
      EXPECT_TRUE(p.ok()) << p.error().message;
      if (p.ok()) ids.push_back(p->facts.id);
    }
    return ids;
  }

  std::filesystem::path data_dir_;
};

TEST_F(KeysCliTest, RotateMovesEveryCiphertextToANewKeyAndResumesWithoutAnother) {
  const auto ids = AddPersons(3);
  RunResult status = Run("keys status");
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("keys: k1 (root, current)"), std::string::npos) << status.output;
  EXPECT_TRUE(std::regex_search(status.output, std::regex(R"(persons\.family_name +3\n)")))
      << status.output;

  RunResult interrupted = Run("keys rotate --batch 2 --max-batches 2");
  ASSERT_EQ(interrupted.exit_code, 0) << interrupted.output;
  EXPECT_NE(interrupted.output.find("added key k2"), std::string::npos) << interrupted.output;
  EXPECT_NE(interrupted.output.find("run `schakel keys rotate` again"), std::string::npos);
  EXPECT_NE(Run("keys status").output.find("under other keys"), std::string::npos);

  RunResult resumed = Run("keys rotate --batch 2");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("resuming"), std::string::npos) << resumed.output;
  EXPECT_EQ(resumed.output.find("added key"), std::string::npos) << resumed.output;
  EXPECT_NE(resumed.output.find("every ciphertext is now under key k2"), std::string::npos);

  status = Run("keys status");
  EXPECT_NE(status.output.find("keys: k1 (root), k2 (current)"), std::string::npos)
      << status.output;
  EXPECT_NE(status.output.find("every ciphertext is under the current key k2"), std::string::npos)
      << status.output;
  EXPECT_TRUE(std::regex_search(status.output, std::regex(R"(persons\.notes +0 +3\n)")))
      << status.output;
  EXPECT_EQ(Keys().ids(), (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(Run("audit verify").exit_code, 0);

  // The next rotation starts afresh with another key.
  RunResult again = Run("keys rotate");
  EXPECT_NE(again.output.find("added key k3"), std::string::npos) << again.output;
  EXPECT_NE(Run("keys status").output.find("no ciphertext needs key(s) k2"), std::string::npos);
}

TEST_F(KeysCliTest, BadBatchSizeExitsWithTwo) {
  RunResult r = Run("keys rotate --batch 0");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--batch"), std::string::npos) << r.output;
  EXPECT_EQ(Keys().ids(), (std::vector<std::string>{"k1"}));  // nothing added
}

}  // namespace
}  // namespace schakel
