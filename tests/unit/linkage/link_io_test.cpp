// The `schakel link` work: reading person CSV with precise errors, running dedup and match, and
// never writing output when the input is bad.
#include "linkage/link_io.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace schakel::linkage {
namespace {

const std::string kHeader =
    "record_id,given_names,family_name,date_of_birth,sex,nationality,place_of_birth\n";

LinkageKey Key() {
  return *LinkageKey::FromBytes("0123456789abcdef0123456789abcdef");
}

MatchOptions Options() {
  MatchOptions o;
  o.threads = 1;
  return o;
}

void ExpectRowError(const std::string& rows, const std::string& where) {
  Result<std::vector<PersonRecord>> r = ReadPersonCsv(kHeader + rows);
  ASSERT_FALSE(r.ok()) << rows;
  EXPECT_NE(r.error().message.find(where), std::string::npos) << r.error().message;
}

TEST(ReadPersonCsv, ReportsMalformedRowsWithLineAndColumn) {
  ExpectRowError("1,Jan,Jansen,1990-01-01,M,NLD,\n2,Piet,Bakker,1990-02-30,M,NLD,\n",
                 "line 3, column 4 (date_of_birth)");
  ExpectRowError("1,Jan,Jansen,,Q,NLD,\n", "line 2, column 5 (sex)");
  ExpectRowError("1,Jan,Jansen,,M,Holland,\n", "line 2, column 6 (nationality)");
  ExpectRowError(",Jan,Jansen,,M,NLD,\n", "line 2, column 1 (record_id): record_id is empty");
  ExpectRowError("1,Jan,,,,,\n1,Piet,,,,,\n", "line 3, column 1 (record_id)");
  ExpectRowError("1,Jan,Jansen\n", "line 2, column 4: expected 7 fields, found 3");
}

TEST(ReadPersonCsv, ChecksTheHeader) {
  Result<std::vector<PersonRecord>> r = ReadPersonCsv("record_id,given_names,surname\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("line 1, column 3 (surname): unknown column"), std::string::npos)
      << r.error().message;
}

TEST(ReadPersonCsv, AcceptsAnyScriptEmptyFieldsAndReorderedColumns) {
  Result<std::vector<PersonRecord>> r = ReadPersonCsv(
      "\xEF\xBB\xBF"
      "given_names,record_id,family_name,date_of_birth,sex,nationality,"
      "place_of_birth\r\n\"Олена, Maria\",r1,Шевченко,,,,\r\nJan,r2,,,,,\r\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].id, "r1");
  EXPECT_EQ((*r)[0].values[0], "Олена, Maria");
}

TEST(RunDedup, GroupsSpellingVariantsAndKeepsOthersApart) {
  std::string csv = kHeader +
                    "a1,Jörg,van der Berg,1990-03-07,M,DEU,Berlin\n"
                    "a2,Joerg,Berg,1990-03-07,M,DEU,Berlin\n"
                    "a3,Jorg,Van den Berg,1990-07-03,M,deu,\n"
                    "b1,Fatima,El Amrani,1995-11-21,F,MAR,Casablanca\n"
                    "b2,Fatma,Amrani,1995-11-21,F,MAR,\n"
                    "c1,Иван,Петров,1988-01-15,M,UKR,Kyiv\n"
                    "c2,Ivan,Petrov,1988-01-15,M,UKR,Kiev\n"
                    "d1,Anna,Kowalska,1979-06-30,F,POL,\n";
  Result<std::string> out = RunDedup(csv, Key(), Options());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->substr(0, out->find('\n')), "record_id,cluster_id,score");
  std::map<std::string, std::string> cluster;
  std::istringstream lines(*out);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::string id = line.substr(0, line.find(','));
    std::string rest = line.substr(line.find(',') + 1);
    cluster[id] = rest.substr(0, rest.find(','));
  }
  EXPECT_EQ(cluster["a1"], cluster["a2"]);
  EXPECT_EQ(cluster["a1"], cluster["a3"]);
  EXPECT_EQ(cluster["b1"], cluster["b2"]);
  EXPECT_EQ(cluster["c1"], cluster["c2"]);
  EXPECT_NE(cluster["a1"], cluster["b1"]);
  EXPECT_NE(cluster["a1"], cluster["c1"]);
  EXPECT_NE(cluster["d1"], cluster["a1"]);
  EXPECT_EQ(cluster["a1"], "1");
  EXPECT_NE(out->find("\nd1,4,\n"), std::string::npos) << *out;  // alone: no score
}

TEST(RunDedup, EncodedInputGivesTheSameResultWithoutTheKey) {
  std::string csv = kHeader + "a1,Jan,Jansen,1990-03-07,M,NLD,\na2,Jan,Janssen,1990-03-07,M,NLD,\n";
  Result<std::string> encoded = RunEncode(csv, Key(), 1);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->find("Jansen"), std::string::npos);
  Result<std::string> from_plain = RunDedup(csv, Key(), Options());
  Result<std::string> from_encoded = RunDedup(*encoded, std::nullopt, Options());
  ASSERT_TRUE(from_encoded.ok()) << from_encoded.error().message;
  EXPECT_EQ(*from_plain, *from_encoded);
  Result<std::string> no_key = RunDedup(csv, std::nullopt, Options());
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.error().message.find("--key-file"), std::string::npos);
}

TEST(EncodedCsv, RoundTripsExactly) {
  std::string csv = kHeader + "x,Grace,Okafor,1999,F,NGA,Benin City\ny,,,,,,\n";
  Result<std::vector<EncodedRecord>> records = LoadRecords(csv, Key(), 1);
  ASSERT_TRUE(records.ok());
  Result<std::vector<EncodedRecord>> back = ReadEncodedCsv(WriteEncodedCsv(*records));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, *records);
}

TEST(RunMatch, LinksOneToOneAndExplainsWithoutPlaintext) {
  std::string a = kHeader + "p1,Blessing,Okoro,1998-04-02,F,NGA,Lagos\np2,Mihai,Popescu,,M,ROU,\n";
  std::string b =
      kHeader + "q1,Mihai,Popescu,1985-01-01,M,ROU,Iasi\nq2,Blessing,Okoro,1998-02-04,F,NGA,\n";
  Result<std::string> out = RunMatch(a, b, Key(), Options());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_NE(out->find("p1,q2,"), std::string::npos) << *out;
  EXPECT_NE(out->find("p2,q1,"), std::string::npos) << *out;
  EXPECT_NE(out->find("given_names=agree(1.00);family_name=agree(1.00)"), std::string::npos);
  EXPECT_NE(out->find("place_of_birth=missing"), std::string::npos);
  for (const char* plain : {"Blessing", "Okoro", "Lagos", "1998", "Popescu"}) {
    EXPECT_EQ(out->find(plain), std::string::npos) << plain;
  }
}

TEST(DedupFile, WritesNothingWhenARowIsMalformed) {
  std::string dir = ::testing::TempDir();
  std::string in = dir + "/bad_people.csv", key = dir + "/link.key", out = dir + "/out.csv";
  std::ofstream(in) << kHeader << "1,Jan,Jansen,1990-01-01,M,NLD,\n2,Piet,,19901301,M,NLD,\n";
  std::ofstream(key) << "0123456789abcdef0123456789abcdef";
  std::filesystem::remove(out);
  Status s = DedupFile(in, key, out, Options());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("line 3, column 4"), std::string::npos) << s.error().message;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

TEST(DedupFile, RefusesAShortKeyFile) {
  std::string dir = ::testing::TempDir();
  std::string in = dir + "/people.csv", key = dir + "/short.key", out = dir + "/out2.csv";
  std::ofstream(in) << kHeader << "1,Jan,Jansen,1990-01-01,M,NLD,\n";
  std::ofstream(key) << "too short";
  Status s = DedupFile(in, key, out, Options());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("at least 32"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(EncodeFile, WritesAnEncodedFileThatDedupAccepts) {
  std::string dir = ::testing::TempDir();
  std::string in = dir + "/people3.csv", key = dir + "/k3.key", enc = dir + "/enc3.csv",
              out = dir + "/out3.csv";
  std::ofstream(in) << kHeader
                    << "1,Jan,Jansen,1990-01-01,M,NLD,\n2,Jan,Jansen,1990-01-01,M,NLD,\n";
  std::ofstream(key) << "0123456789abcdef0123456789abcdef";
  ASSERT_TRUE(EncodeFile(in, key, enc, 1).ok());
  ASSERT_TRUE(DedupFile(enc, "", out, Options()).ok());
  std::ifstream result(out);
  std::string all((std::istreambuf_iterator<char>(result)), std::istreambuf_iterator<char>());
  // Same cluster; the score is the match probability of field evidence, high but below 1 for
  // two records that agree on every field they have (1 January counts as "year only").
  ASSERT_EQ(all.substr(0, 31), "record_id,cluster_id,score\n1,1,") << all;
  EXPECT_GT(std::stod(all.substr(31, 5)), 0.85) << all;
  EXPECT_NE(all.find("\n2,1,"), std::string::npos) << all;
}

}  // namespace
}  // namespace schakel::linkage
