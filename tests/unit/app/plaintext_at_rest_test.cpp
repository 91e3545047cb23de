// The plaintext test: after storing, changing, reading and searching a person, not one
// identifying value appears in the bytes on disk - the database file, its write-ahead log and the
// shared-memory index - while the one value stored in the clear on purpose (nationality) does,
// which proves the scan reads what SQLite wrote. Nothing is checkpointed first: the newest pages
// live only in the -wal file, where a careless implementation would leak them.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "person_fixture.h"
#include "security/text_fold.h"

namespace schakel::app {
namespace {

class PlaintextAtRestTest : public testing::PersonFixture {
 protected:
  // database file + "-wal" + "-shm", concatenated.
  std::string BytesOnDisk() {
    std::string all;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::ifstream in(db_file_.string() + suffix, std::ios::binary);
      EXPECT_TRUE(in.good()) << db_file_.string() << suffix;
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }
  int64_t WalBytes() {
    return static_cast<int64_t>(std::filesystem::file_size(db_file_.string() + "-wal"));
  }
};

size_t Occurrences(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// Each value as typed, in lower case, and (for dates) as a Dutch form would show it.
std::vector<std::string> Forms(const PersonInput& in) {
  std::vector<std::string> forms;
  for (const auto& value :
       {in.identity.given_names, in.identity.family_name, in.identity.date_of_birth,
        in.identity.address, in.identity.phone, in.identity.document_number, in.identity.notes}) {
    if (!value) continue;
    forms.push_back(*value);
    forms.push_back(security::FoldCase(*value));
  }
  const std::string& iso = *in.identity.date_of_birth;
  forms.push_back(iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4));
  forms.push_back("Zwavelstok");
  forms.push_back("Xanthippe");
  return forms;
}

TEST_F(PlaintextAtRestTest, NoIdentifyingValueReachesTheDiskButNationalityDoes) {
  {
    auto db = database_->Acquire();
    auto mode = db->Query("PRAGMA journal_mode", {});
    ASSERT_TRUE(mode.ok());
    ASSERT_EQ(mode->front().Text(0), "wal");
  }
  PersonInput first = testing::SyntheticPerson();
  auto created = persons_->Create(coordinator_, first);
  ASSERT_TRUE(created.ok()) << created.error().message;
  PersonInput second = testing::SyntheticPerson();
  second.identity.phone = "+31 6 5555 0199";
  second.identity.notes = "Verhuisd naar Quetzalhoven, via Ypsilonia";
  second.identity.date_of_birth = "1986-11-23";
  ASSERT_TRUE(persons_->Update(coordinator_, created->facts.id, second).ok());
  ASSERT_TRUE(persons_->Get(coordinator_, created->facts.id).ok());
  ASSERT_EQ(persons_->FindByIdentity(coordinator_, "Zwavelstok-Ybarra", "23-11-1986")->size(), 1u);
  ASSERT_GT(WalBytes(), 0) << "the test must look at un-checkpointed pages";

  const std::string disk = BytesOnDisk();
  for (const PersonInput* in : {&first, &second}) {
    for (const std::string& plain : Forms(*in)) {
      EXPECT_EQ(Occurrences(disk, plain), 0u) << "plaintext on disk: " << plain;
    }
  }
  // The control: stored in the clear on purpose, so the scan must find it.
  EXPECT_GT(Occurrences(disk, "QZX"), 0u);
}

}  // namespace
}  // namespace schakel::app
