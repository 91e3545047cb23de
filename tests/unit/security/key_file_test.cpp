// Tests for key_file.h: creation with mode 0600, refusal of loose permissions and malformed files,
// rotation keeping old keys, and derived keys that differ per purpose but survive rotation.
#include "security/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "test_random.h"

namespace schakel::security {
namespace {

namespace fs = std::filesystem;

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schakel-keyfile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = dir_ / "schakel.keys";
  }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteFile(const std::string& text, fs::perms perms) {
    std::ofstream(path_) << text;
    fs::permissions(path_, perms);
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(KeyFileTest, CreatesTheFileWithMode0600OnFirstStart) {
  Result<KeyRing> ring = LoadOrCreateKeyFile(path_, SystemRandom());
  ASSERT_TRUE(ring.ok()) << ring.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(ring->current_id(), "k1");
}

TEST_F(KeyFileTest, SecondStartLoadsTheSameKeys) {
  KeyRing first = *LoadOrCreateKeyFile(path_, SystemRandom());
  KeyRing second = *LoadOrCreateKeyFile(path_, SystemRandom());
  EXPECT_TRUE(first.current() == second.current());
}

TEST_F(KeyFileTest, RefusesAFileReadableByGroupOrOthers) {
  ASSERT_TRUE(LoadOrCreateKeyFile(path_, SystemRandom()).ok());
  for (fs::perms extra : {fs::perms::group_read, fs::perms::others_read, fs::perms::group_write}) {
    fs::permissions(path_, fs::perms::owner_read | fs::perms::owner_write | extra);
    Result<KeyRing> ring = LoadKeyFile(path_);
    ASSERT_FALSE(ring.ok());
    EXPECT_EQ(ring.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(ring.error().message.find("chmod 600"), std::string::npos) << ring.error().message;
    // LoadOrCreate must not "fix" it by replacing the keys either.
    EXPECT_FALSE(LoadOrCreateKeyFile(path_, SystemRandom()).ok());
  }
}

TEST_F(KeyFileTest, RefusesAFileOwnedByAnotherUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to chown the file to another user";
  ASSERT_TRUE(LoadOrCreateKeyFile(path_, SystemRandom()).ok());
  ASSERT_EQ(::chown(path_.c_str(), 65534, 65534), 0);
  Result<KeyRing> ring = LoadKeyFile(path_);
  ASSERT_FALSE(ring.ok());
  EXPECT_NE(ring.error().message.find("owned by uid 65534"), std::string::npos)
      << ring.error().message;
}

TEST_F(KeyFileTest, RefusesADirectory) {
  fs::create_directory(path_);
  fs::permissions(path_, fs::perms::owner_all);
  EXPECT_NE(LoadKeyFile(path_).error().message.find("not a regular file"), std::string::npos);
}

TEST_F(KeyFileTest, RefusesEmptyOversizedAndMalformedFiles) {
  const fs::perms owner = fs::perms::owner_read | fs::perms::owner_write;
  WriteFile("", owner);
  EXPECT_NE(LoadKeyFile(path_).error().message.find("wrong size"), std::string::npos);
  WriteFile(std::string(70000, '#'), owner);
  EXPECT_NE(LoadKeyFile(path_).error().message.find("wrong size"), std::string::npos);
  WriteFile("hello\n", owner);
  EXPECT_EQ(LoadKeyFile(path_).error().code, ErrorCode::kInvalid);
  WriteFile("schakel-keys 1\nkey k1 AAAA\ncurrent k1\n", owner);  // 3 bytes, not 32
  EXPECT_NE(LoadKeyFile(path_).error().message.find("32 bytes"), std::string::npos);
  WriteFile("schakel-keys 1\nkey k1 " + std::string(43, 'A') + "=\ncurrent k9\n", owner);
  EXPECT_NE(LoadKeyFile(path_).error().message.find("current"), std::string::npos);
}

TEST_F(KeyFileTest, MissingFileIsUnavailableForPlainLoad) {
  EXPECT_EQ(LoadKeyFile(path_).error().code, ErrorCode::kUnavailable);
}

TEST_F(KeyFileTest, AddingAKeyMakesItCurrentAndKeepsTheOldOnes) {
  KeyRing original = *LoadOrCreateKeyFile(path_, SystemRandom());
  KeyRing rotated = *AddKeyToKeyFile(path_, SystemRandom());
  EXPECT_EQ(rotated.current_id(), "k2");
  ASSERT_NE(rotated.Find("k1"), nullptr);
  EXPECT_TRUE(*rotated.Find("k1") == original.current());
  EXPECT_FALSE(rotated.current() == original.current());
  KeyRing reloaded = *LoadKeyFile(path_);
  EXPECT_EQ(reloaded.ids(), (std::vector<std::string>{"k1", "k2"}));
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(KeyRing, SerialiseParseRoundTrips) {
  KeyRing ring = KeyRing::Generate(testing::CountingRandom()).WithNewCurrentKey(SystemRandom());
  KeyRing back = *KeyRing::Parse(ring.Serialise());
  EXPECT_EQ(back.ids(), ring.ids());
  EXPECT_EQ(back.current_id(), ring.current_id());
  EXPECT_TRUE(*back.Find("k1") == *ring.Find("k1"));
  EXPECT_TRUE(back.current() == ring.current());
}

TEST(KeyRing, DerivedKeysDifferPerPurposeAndSurviveRotation) {
  KeyRing ring = KeyRing::Generate(SystemRandom());
  KeyRing rotated = ring.WithNewCurrentKey(SystemRandom());
  EXPECT_FALSE(ring.Derived(KeyPurpose::kBlindIndex) == ring.Derived(KeyPurpose::kAuditChain));
  EXPECT_FALSE(ring.Derived(KeyPurpose::kBlindIndex) == ring.Derived(KeyPurpose::kCsrf));
  EXPECT_FALSE(ring.Derived(KeyPurpose::kBlindIndex) == ring.current());
  EXPECT_TRUE(ring.Derived(KeyPurpose::kBlindIndex) == rotated.Derived(KeyPurpose::kBlindIndex));
}

TEST(KeyRing, RejectsDuplicateAndBadKeyIds) {
  const std::string key = "key k1 " + std::string(43, 'A') + "=\n";
  EXPECT_FALSE(KeyRing::Parse("schakel-keys 1\n" + key + key + "current k1\n").ok());
  EXPECT_FALSE(
      KeyRing::Parse("schakel-keys 1\nkey K-1 " + std::string(43, 'A') + "=\ncurrent K-1\n").ok());
  EXPECT_TRUE(KeyRing::Parse("schakel-keys 1\n# comment\n" + key + "current k1\n").ok());
}

}  // namespace
}  // namespace schakel::security
