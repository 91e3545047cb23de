// The linkage key: at least 32 bytes, read verbatim from a file, refused clearly otherwise.
#include "linkage/linkage_key.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace schakel::linkage {
namespace {

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(LinkageKey, RefusesKeysShorterThan32BytesAndSaysHowToMakeOne) {
  Result<LinkageKey> k = LinkageKey::FromBytes(std::string(31, 'x'));
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().code, ErrorCode::kInvalid);
  EXPECT_NE(k.error().message.find("at least 32"), std::string::npos);
  EXPECT_NE(k.error().message.find("31 bytes"), std::string::npos);
}

TEST(LinkageKey, AcceptsAny32ByteSequenceIncludingZeroBytes) {
  std::string bytes(32, '\0');
  bytes[5] = '\xff';
  Result<LinkageKey> k = LinkageKey::FromBytes(bytes);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->bytes(), bytes);
}

TEST(LoadKeyFile, ReadsTheFileVerbatim) {
  std::string bytes = std::string(40, 'k') + "\n";
  Result<LinkageKey> k = LoadKeyFile(WriteTemp("key_ok", bytes));
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->bytes(), bytes);
}

TEST(LoadKeyFile, RefusesShortKeyFileNamingTheFileButNotTheKey) {
  std::string path = WriteTemp("key_short", "secret-but-short");
  Result<LinkageKey> k = LoadKeyFile(path);
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().code, ErrorCode::kInvalid);
  EXPECT_NE(k.error().message.find(path), std::string::npos);
  EXPECT_EQ(k.error().message.find("secret-but-short"), std::string::npos);
}

TEST(LoadKeyFile, ReportsMissingFileAndMissingOption) {
  Result<LinkageKey> missing = LoadKeyFile("/nonexistent/linkage.key");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kUnavailable);
  Result<LinkageKey> none = LoadKeyFile("");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("--key-file"), std::string::npos);
}

}  // namespace
}  // namespace schakel::linkage
