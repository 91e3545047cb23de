// The real `schakel` binary as a user runs it: CLI imports, the server as a process, the same
// answers through CLI and API giving the same levels, and a clean stop on SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "temp_database.h"

extern char** environ;

namespace schakel {
namespace {

struct Process {
  pid_t pid = -1;
  int out_fd = -1;  // stdout and stderr together
};

Process Spawn(const std::vector<std::string>& args) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  Process p;
  EXPECT_EQ(posix_spawn(&p.pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  p.out_fd = fds[0];
  return p;
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct RunResult {
  int exit_code;
  std::string output;
};

class BinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("schakel-bin").string();
    ASSERT_EQ(
        Run({"org", "import-safety-regions", SCHAKEL_SHARED_DATA_DIR "/nl/safety-regions.csv"})
            .exit_code,
        0);
    ASSERT_EQ(
        Run({"org", "import-municipalities", SCHAKEL_SHARED_DATA_DIR "/nl/municipalities-2022.csv"})
            .exit_code,
        0);
  }
  std::vector<std::string> Args(std::vector<std::string> rest) {
    std::vector<std::string> args = {SCHAKEL_BINARY, "--data-dir", dir_ + "/var", "--log-level",
                                     "warn"};
    args.insert(args.end(), rest.begin(), rest.end());
    return args;
  }
  RunResult Run(std::vector<std::string> rest) {
    Process p = Spawn(Args(std::move(rest)));
    std::string out = ReadAll(p.out_fd);
    return {Wait(p.pid), out};
  }
  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << content;
    return path;
  }
  std::string dir_;
};

TEST_F(BinaryTest, BadImportExitsNonZeroListsEveryRowAndWritesNothing) {
  const auto csv = WriteFile("bad.csv",
                             "criterion,status\npolicy.basis.embedded,met\nx.y,met\n"
                             "policy.plateau1.insight,sometimes\n");
  RunResult r = Run({"kader", "import", "--org", "GM0014", "--period", "2026-Q4", csv});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("line 3, column criterion"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 4, column status"), std::string::npos) << r.output;
  RunResult report = Run({"kader", "report", "--org", "GM0014"});
  EXPECT_NE(report.exit_code, 0);
  EXPECT_NE(report.output.find("no assessment"), std::string::npos) << report.output;
}

TEST_F(BinaryTest, ValidateNamesTheBrokenEntry) {
  const auto file =
      WriteFile("fw.json", R"({"id":"x","status":"official","title":{"nl":"a","en":"b"},
    "levels":[{"id":"l1","rank":1,"name":{"nl":"a","en":"b"}}],
    "blocks":[{"id":"b1","number":1,"name":{"nl":"a","en":"b"}}],
    "criteria":[{"id":"c1","block":"b1","level":"l9","text":{"nl":"a","en":"b"}}]})");
  RunResult r = Run({"kader", "validate", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown level 'l9'"), std::string::npos) << r.output;
  RunResult ok = Run({"kader", "validate", SCHAKEL_SOURCE_DIR "/data/kader/2021-concept.json"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("5 blocks, 3 levels"), std::string::npos);
}

TEST_F(BinaryTest, AuditVerifyFindsTamperingAndKeyFileIsPrivate) {
  const auto csv = WriteFile("ok.csv", "criterion,status\npolicy.basis.embedded,met\n");
  ASSERT_EQ(Run({"kader", "import", "--org", "GM0014", "--period", "2026-Q4", csv}).exit_code, 0);
  ASSERT_EQ(Run({"kader", "import", "--org", "GM0034", "--period", "2026-Q4", csv}).exit_code, 0);
  RunResult ok = Run({"audit", "verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("intact: 4 events"), std::string::npos) << ok.output;

  struct stat st {};
  ASSERT_EQ(stat((dir_ + "/var/schakel.keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  {
    auto database = store::OpenSqlite(dir_ + "/var/schakel.db", {1, 1000});
    ASSERT_TRUE(database.ok());
    auto db = (*database)->Acquire();
    ASSERT_TRUE(
        db->Execute("UPDATE audit_events SET object_id = '99' WHERE sequence = 3", {}).ok());
  }
  RunResult bad = Run({"audit", "verify"});
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
  EXPECT_NE(bad.output.find("NOT intact"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("sequence 3"), std::string::npos) << bad.output;
}

// `schakel audit verify` on the real binary: each kind of tampering makes it exit 1 and name the
// first bad event.
TEST_F(BinaryTest, AuditVerifyNamesTheFirstBadEventForEveryKindOfTampering) {
  struct Tampering {
    const char* name;
    std::vector<const char*> sql;
    const char* says;  // in the message
  };
  const std::vector<Tampering> cases = {
      {"altered",
       {"UPDATE audit_events SET actor = 'someone-else' WHERE sequence = 3"},
       "sequence 3) was altered"},
      {"deleted", {"DELETE FROM audit_events WHERE sequence = 2"}, "sequence 2 missing (deleted)"},
      {"reordered",
       {"UPDATE audit_events SET rowid = 100 WHERE sequence = 2",
        "UPDATE audit_events SET rowid = 2 WHERE sequence = 3",
        "UPDATE audit_events SET rowid = 3 WHERE sequence = 2"},
       "out of order"},
      {"inserted",
       {"UPDATE audit_events SET sequence = sequence + 100, rowid = rowid + 100 WHERE sequence > 2",
        "UPDATE audit_events SET sequence = sequence - 99 WHERE sequence > 100",
        "INSERT INTO audit_events (rowid, sequence, timestamp, actor, organisation, action, "
        "object_type, object_id, result, origin, origin_address, correlation_id, hash) "
        "SELECT 3, 3, timestamp, 'forger', organisation, action, object_type, object_id, result, "
        "origin, origin_address, correlation_id, hash FROM audit_events WHERE sequence = 2"},
       "sequence 3) was inserted"},
  };
  const auto csv = WriteFile("ok.csv", "criterion,status\npolicy.basis.embedded,met\n");
  ASSERT_EQ(Run({"kader", "import", "--org", "GM0014", "--period", "2026-Q4", csv}).exit_code, 0);
  ASSERT_EQ(Run({"kader", "import", "--org", "GM0034", "--period", "2026-Q4", csv}).exit_code, 0);
  ASSERT_EQ(Run({"audit", "verify"}).exit_code, 0);
  const std::string db_file = dir_ + "/var/schakel.db";
  const std::string pristine = dir_ + "/pristine.db";
  std::filesystem::copy_file(db_file, pristine);
  for (const Tampering& t : cases) {
    std::filesystem::copy_file(pristine, db_file,
                               std::filesystem::copy_options::overwrite_existing);
    {
      auto database = store::OpenSqlite(db_file, {1, 1000});
      ASSERT_TRUE(database.ok());
      auto db = (*database)->Acquire();
      for (const char* sql : t.sql) ASSERT_TRUE(db->Execute(sql, {}).ok()) << t.name << ": " << sql;
    }
    RunResult bad = Run({"audit", "verify"});
    EXPECT_EQ(bad.exit_code, 1) << t.name << ": " << bad.output;
    EXPECT_NE(bad.output.find("NOT intact"), std::string::npos) << t.name << ": " << bad.output;
    EXPECT_NE(bad.output.find(t.says), std::string::npos) << t.name << ": " << bad.output;
  }
}

TEST_F(BinaryTest, RefusesToListenBeyondThisMachineWithoutTls) {
  RunResult r = Run({"serve", "--bind", "0.0.0.0", "--port", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("without TLS"), std::string::npos) << r.output;
}

TEST_F(BinaryTest, CliImportAndApiGiveSameLevelsAndServerStopsCleanly) {
  const std::string answers =
      "criterion,status,evidence\n"
      "policy.basis.embedded,met,Plan\n"
      "policy.plateau1.insight,met,Monitor\n"
      "signalling.basis.knowledge,met,\n"
      "signalling.basis.internal_reporting,partly_met,\n"
      "shelter.basis.care_coordination,met,\"Zorgcoördinator, ZVH\"\n"
      "cooperation.basis.regional,not_applicable,\n";
  RunResult imported = Run(
      {"kader", "import", "--org", "GM0014", "--period", "2026-Q4", WriteFile("a.csv", answers)});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;

  RunResult token =
      Run({"token", "issue", "--org", "GM0014", "--label", "BI-koppeling", "--role",
           "policy_officer", "--scope", "view_assessment", "--scope", "edit_assessment"});
  ASSERT_EQ(token.exit_code, 0) << token.output;
  std::smatch secret;
  ASSERT_TRUE(std::regex_search(token.output, secret, std::regex("skl_[A-Za-z0-9_-]{43}")));
  const std::string bearer = secret.str();

  Process server = Spawn(Args({"serve", "--port", "0"}));
  // Read until the banner names the port.
  std::string banner;
  std::smatch m;
  const std::regex port_re(R"(http://127\.0\.0\.1:(\d+)/)");
  char buf[512];
  while (!std::regex_search(banner, m, port_re)) {
    const ssize_t n = read(server.out_fd, buf, sizeof buf);
    ASSERT_GT(n, 0) << "server exited: " << banner;
    banner.append(buf, static_cast<size_t>(n));
  }
  // First start: one administrator, with a one-time password shown once.
  EXPECT_NE(banner.find("first administrator: user admin, one-time password "), std::string::npos)
      << banner;
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  EXPECT_EQ(client.Get("/api/v1/assessments")->status, 401);  // nobody
  client.set_bearer_token_auth(bearer);
  auto created = client.Post("/api/v1/assessments",
                             R"({"organisation":"GM0014","period":"2026-Q3"})", "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  const auto id = nlohmann::json::parse(created->body)["id"].get<int64_t>();
  nlohmann::json batch{{"answers", nlohmann::json::array()}};
  const std::regex row_re(R"(^([a-z0-9_.]+),([a-z_]+),)");
  std::istringstream lines(answers);
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    ASSERT_TRUE(std::regex_search(line, m, row_re));
    batch["answers"].push_back({{"criterion", m[1]}, {"status", m[2]}});
  }
  auto posted = client.Post(("/api/v1/assessments/" + std::to_string(id) + "/answers").c_str(),
                            batch.dump(), "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 200) << posted->body;
  auto via_api = nlohmann::json::parse(posted->body);

  auto list = client.Get("/api/v1/assessments?organisation=GM0014");
  const auto cli_id = nlohmann::json::parse(list->body)["assessments"][0]["id"].get<int64_t>();
  ASSERT_NE(cli_id, id);  // newest period first: the CLI's 2026-Q4
  auto via_cli = nlohmann::json::parse(
      client.Get(("/api/v1/assessments/" + std::to_string(cli_id)).c_str())->body);
  ASSERT_EQ(via_api["blocks"].size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(via_api["blocks"][i]["level"], via_cli["blocks"][i]["level"]) << i;
    EXPECT_EQ(via_api["blocks"][i]["gaps"], via_cli["blocks"][i]["gaps"]) << i;
  }
  EXPECT_EQ(via_cli["blocks"][0]["level"], "plateau1");

  ASSERT_EQ(kill(server.pid, SIGTERM), 0);
  const std::string rest = ReadAll(server.out_fd);
  EXPECT_EQ(Wait(server.pid), 0) << rest;
}

}  // namespace
}  // namespace schakel
