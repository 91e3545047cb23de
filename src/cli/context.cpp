#include "cli/context.h"

#include <fmt/format.h>
#include <pwd.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "kader/framework.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace schakel::cli {

std::filesystem::path Context::database_file() const {
  return std::filesystem::path(config_.data_dir) / "schakel.db";
}

std::filesystem::path Context::key_file() const {
  if (!config_.key_file.empty()) return config_.key_file;
  return std::filesystem::path(config_.data_dir) / "schakel.keys";
}

Status Context::Open() {
  if (database_) return {};
  std::error_code ec;
  const std::filesystem::path dir(config_.data_dir);
  if (!std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      return Error::Unavailable(
          fmt::format("cannot create data folder {}: {}", dir.string(), ec.message()));
    }
    // The data folder holds personal data and (later) keys: owner only.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);
  }
  // Keys live in their own file (created 0600 on first start), never in the database.
  auto keys = security::LoadOrCreateKeyFile(key_file(), security::SystemRandom());
  if (!keys) return keys.error();
  keys_ = std::move(keys).value();
  audit_.emplace(keys_->Derived(security::KeyPurpose::kAuditChain), clock_);
  auto db = store::OpenSqlite(database_file());
  if (!db) return db.error();
  database_ = std::move(db).value();
  {
    auto conn = database_->Acquire();
    auto migrated = store::Migrate(*conn, clock_);
    if (!migrated) return migrated.error();
    for (const std::string& m : migrated->applied) spdlog::info("applied migration {}", m);
  }
  // Common passwords are refused (docs/security.md); the list ships in <share-dir>/security.
  auto common = security::CommonPasswords::Load(std::filesystem::path(config_.share_dir) /
                                                "security" / "common-passwords.txt");
  if (!common) return common.error();
  common_passwords_ = std::move(common).value();
  identity_.emplace(*database_, clock_, *audit_, *keys_, common_passwords_);
  audit_service_.emplace(*database_, *audit_);
  persons_.emplace(*database_, clock_, *audit_, *keys_);
  kader_.emplace(*database_, clock_, *audit_);
  organisations_.emplace(*database_, clock_, *audit_);
  // The signal catalogue and routing rules ship in <share-dir>/catalog; both are validated.
  const std::filesystem::path catalog_dir = std::filesystem::path(config_.share_dir) / "catalog";
  auto catalog = signals::LoadCatalogFile(catalog_dir / "catalog.json");
  if (!catalog) return catalog.error();
  catalog_ = std::move(catalog).value();
  auto routing = signals::LoadRoutingFile(catalog_dir / "routing.json", *catalog_);
  if (!routing) return routing.error();
  routing_ = std::move(routing).value();
  signals_.emplace(*database_, clock_, *audit_, *keys_, *catalog_, *routing_);
  training_.emplace(*database_, clock_, *audit_);
  scan_.emplace(*database_, clock_, *audit_);
  practices_.emplace(*database_, clock_, *audit_, *kader_);
  evidence_.emplace(*database_, clock_, *kader_);
  matches_.emplace(*database_, clock_, *audit_, *keys_);
  insight_.emplace(*database_, clock_, *audit_);
  // Care coordination data (domains, closing reasons, …) ships in <share-dir>/care; validated.
  auto care_data =
      care::LoadCareDataFile(std::filesystem::path(config_.share_dir) / "care" / "care.json");
  if (!care_data) return care_data.error();
  care_data_ = std::move(care_data).value();
  {
    // Retention periods set with `schakel retention set-period` override the shipped ones, for
    // every service alike (the reopen guard and the erasure job must agree).
    auto conn = database_->Acquire();
    auto with_settings = app::WithRetentionSettings(*conn, std::move(*care_data_));
    if (!with_settings) return with_settings.error();
    care_data_ = std::move(with_settings).value();
  }
  cases_.emplace(*database_, clock_, *audit_, *keys_, *care_data_, *catalog_, *persons_, *signals_);
  shelters_.emplace(*database_, clock_, *audit_, *care_data_);
  sharing_.emplace(*database_, clock_, *audit_, *keys_, *care_data_);
  conferences_.emplace(*database_, clock_, *audit_, *keys_, *care_data_, *cases_);
  // Placements and referrals; the case lifecycle asks them whether a stay is still open before
  // closing and whether a transfer was accepted (case_service.h CaseFactQueries), set here in
  // one place: one line per module.
  placements_.emplace(*database_, clock_, *audit_, *keys_, *care_data_, *cases_);
  referrals_.emplace(*database_, clock_, *audit_, *keys_, *care_data_, *cases_);
  app::CaseFactQueries facts;
  facts.open_placement = [this](store::Db& tx, std::string_view case_id) {
    return placements_->OpenPlacement(tx, case_id);
  };
  facts.transfer_accepted = app::ReferralService::TransferAccepted;  // referrals
  cases_->SetFactQueries(std::move(facts));
  retention_.emplace(*database_, clock_, *audit_, *care_data_);
  return LoadFrameworks();
}

Status Context::LoadFrameworks() {
  const std::filesystem::path dir = std::filesystem::path(config_.share_dir) / "kader";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Error::Unavailable(fmt::format(
        "no framework folder {}; point --share-dir (SCHAKEL_SHARE_DIR) at Schakel's data folder",
        dir.string()));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto framework = kader::LoadFrameworkFile(file);
    if (!framework) return framework.error();
    auto loaded = kader_->LoadFramework(*framework);
    if (!loaded) return loaded.error();
    if (loaded->outcome != "unchanged") {
      spdlog::info("framework {}: {}", loaded->id, loaded->outcome);
    }
  }
  return {};
}

int Fail(const Error& e) {
  std::cerr << "schakel: " << e.message;
  if (!e.field.empty() && e.message.find(e.field) == std::string::npos) {
    std::cerr << " (" << e.field << ")";
  }
  std::cerr << "\n";
  return e.code == ErrorCode::kInvalid ? 2 : 1;
}

std::string CliUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr) {
    return fmt::format("{} (cli)", pw->pw_name);
  }
  return "cli";
}

app::Actor CliActor() {
  std::string user = "unknown";
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr) user = pw->pw_name;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  app::Actor actor{CliUser(), "cli", "cli:" + user, host, app::Principal::System(), ""};
  actor.principal.user = actor.id;
  return actor;
}

}  // namespace schakel::cli
