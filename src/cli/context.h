// Context: what every command shares — configuration from flags and environment, and the
// database and use cases, opened on first use (so `kader validate` needs no database).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/audit_service.h"
#include "app/audit_trail.h"
#include "app/case_service.h"
#include "app/conference_service.h"
#include "app/environment_scan_service.h"
#include "app/evidence_service.h"
#include "app/identity_service.h"
#include "app/insight_service.h"
#include "app/kader_service.h"
#include "app/match_service.h"
#include "app/organisation_service.h"
#include "app/person_service.h"
#include "app/placement_service.h"
#include "app/practice_service.h"
#include "app/sharing_service.h"
#include "app/signal_service.h"
#include "app/training_service.h"
// Care coordination, part 2 (care-shelter).
#include "app/shelter_service.h"
// Referrals and transfers with consent.
#include "app/referral_service.h"
// Retention.
#include "app/retention_service.h"
#include "care/care_data.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "store/db.h"

namespace schakel::cli {

struct Config {
  std::string data_dir = "var";    // --data-dir / SCHAKEL_DATA_DIR
  std::string share_dir;           // --share-dir / SCHAKEL_SHARE_DIR (framework versions etc.)
  std::string log_level = "info";  // --log-level / SCHAKEL_LOG_LEVEL
  std::string key_file;            // --key-file / SCHAKEL_KEY_FILE; default <data-dir>/schakel.keys
};

class Context {
 public:
  // REQUIRES: config outlives the Context (it is filled in by option parsing).
  explicit Context(const Config& config) : config_(config) {}

  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  // Opens (creating the data folder 0700 and the database if needed) and migrates.
  Status Open();
  store::Database& database() { return *database_; }
  app::KaderService& kader() { return *kader_; }
  app::OrganisationService& organisations() { return *organisations_; }
  const app::AuditTrail& audit() const { return *audit_; }
  app::IdentityService& identity() { return *identity_; }
  app::AuditService& audit_service() { return *audit_service_; }
  app::PersonService& persons() { return *persons_; }
  app::SignalService& signals() { return *signals_; }
  app::TrainingService& training() { return *training_; }
  app::EnvironmentScanService& scan() { return *scan_; }
  app::PracticeService& practices() { return *practices_; }
  app::EvidenceService& evidence() { return *evidence_; }
  app::MatchService& matches() { return *matches_; }
  app::InsightService& insight() { return *insight_; }
  app::CaseService& cases() { return *cases_; }
  // Care coordination, part 2 (care-shelter).
  app::ShelterService& shelters() { return *shelters_; }
  const care::CareData& care_data() const { return *care_data_; }
  app::SharingService& sharing() { return *sharing_; }
  app::ConferenceService& conferences() { return *conferences_; }
  // Shelter placements of a case; also answers the case lifecycle's "open placement".
  app::PlacementService& placements() { return *placements_; }
  app::ReferralService& referrals() { return *referrals_; }  // referrals and transfers
  // Retention.
  app::RetentionService& retention() { return *retention_; }
  std::filesystem::path key_file() const;
  std::filesystem::path database_file() const;

 private:
  // Loads every <share-dir>/kader/*.json framework version into the database.
  Status LoadFrameworks();
  const Config& config_;
  SystemClock clock_;
  std::unique_ptr<store::Database> database_;
  std::optional<app::KaderService> kader_;
  std::optional<app::OrganisationService> organisations_;
  std::optional<security::KeyRing> keys_;
  std::optional<app::AuditTrail> audit_;
  security::CommonPasswords common_passwords_;
  std::optional<app::IdentityService> identity_;
  std::optional<app::AuditService> audit_service_;
  std::optional<app::PersonService> persons_;
  std::optional<signals::Catalog> catalog_;
  std::optional<signals::RoutingRules> routing_;
  std::optional<app::SignalService> signals_;
  std::optional<app::TrainingService> training_;
  std::optional<app::EnvironmentScanService> scan_;
  std::optional<app::PracticeService> practices_;
  std::optional<app::EvidenceService> evidence_;
  std::optional<app::MatchService> matches_;
  std::optional<app::InsightService> insight_;
  std::optional<care::CareData> care_data_;
  std::optional<app::CaseService> cases_;
  // Care coordination, part 2 (care-shelter).
  std::optional<app::ShelterService> shelters_;
  std::optional<app::SharingService> sharing_;
  std::optional<app::ConferenceService> conferences_;
  std::optional<app::PlacementService> placements_;
  std::optional<app::ReferralService> referrals_;  // referrals and transfers
  // Retention.
  std::optional<app::RetentionService> retention_;
};

// Prints the error to stderr in the CLI's format and returns the exit code for it
// (2 for invalid input, 1 otherwise).
int Fail(const Error& e);

// The OS user running the command, for "who" on CLI changes.
std::string CliUser();
// The actor for CLI changes: the OS user, audited as "cli:<user>" from this host.
app::Actor CliActor();

}  // namespace schakel::cli
