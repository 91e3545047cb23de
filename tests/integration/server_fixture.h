// Starts the real HTTP server in-process on a free loopback port, on a fresh migrated database
// with the public municipality list and the shipped framework, and gives tests an HTTP client.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "../unit/app/app_fixture.h"
#include "../unit/care/fixtures.h"
#include "../unit/signals/fixtures.h"
#include "app/audit_service.h"
#include "app/case_service.h"
#include "app/conference_service.h"
#include "app/identity_service.h"
#include "app/match_service.h"
#include "app/person_service.h"
#include "app/placement_service.h"
#include "app/referral_service.h"
#include "app/sharing_service.h"
#include "app/signal_service.h"
#include "http/api.h"
#include "http/server.h"

namespace schakel::http::testing {

class ServerFixture : public app::testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    if (HasFatalFailure()) return;
    app::IdentityOptions options;
    options.argon2 = security::Argon2Limits::MinimumForTests();
    identity_.emplace(*database_, clock_, audit_, keys_, common_, options);
    audit_service_.emplace(*database_, audit_);
    persons_.emplace(*database_, clock_, audit_, keys_);
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    training_.emplace(*database_, clock_, audit_);
    scan_.emplace(*database_, clock_, audit_);
    practices_.emplace(*database_, clock_, audit_, *kader_);
    evidence_.emplace(*database_, clock_, *kader_);
    matches_.emplace(*database_, clock_, audit_, keys_);
    insight_.emplace(*database_, clock_, audit_);
    cases_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                   signals::testing::ShippedCatalog(), *persons_, *signals_);
    // Care coordination, part 2 (care-shelter).
    auto care_data = care::LoadCareDataFile(SCHAKEL_SOURCE_DIR "/data/care/care.json");
    ASSERT_TRUE(care_data.ok()) << care_data.error().message;
    care_data_ = std::move(care_data).value();
    shelters_.emplace(*database_, clock_, audit_, *care_data_);
    sharing_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData());
    conferences_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                         *cases_);
    placements_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                        *cases_);
    referrals_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                       *cases_);
    {
      // The case lifecycle's facts of other modules, set in one place.
      app::CaseFactQueries facts;
      facts.open_placement = [this](store::Db& db, std::string_view case_id) {
        return placements_->OpenPlacement(db, case_id);
      };
      facts.transfer_accepted = app::ReferralService::TransferAccepted;  // referrals
      cases_->SetFactQueries(std::move(facts));
    }
    server_.emplace(
        ServerOptions{"127.0.0.1", 0, 1024 * 1024, 16},
        ApiServices{*kader_, *orgs_, *identity_, *audit_service_, *persons_, *signals_, *training_,
                    *scan_, *practices_, *evidence_, *matches_, *insight_, *cases_, *shelters_,
                    *sharing_, *conferences_, *placements_, *referrals_});
    if (serve_pages_) {
      auto pages = server_->ServeWebPages(SCHAKEL_SOURCE_DIR "/web", "");
      ASSERT_TRUE(pages.ok()) << pages.error().message;
    }
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { server_->Run(); });
    client_.emplace("127.0.0.1", server_->port());
    client_->set_read_timeout(std::chrono::seconds(30));
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  struct Reply {
    int status = 0;
    nlohmann::json body;
    httplib::Headers headers;
  };
  // An API token of `organisation` with `roles`, scoped to every action (the roles decide).
  std::string Token(const std::string& organisation, std::set<app::Role> roles) {
    std::set<app::Action> all(app::AllActions().begin(), app::AllActions().end());
    auto issued = identity_->IssueApiToken(
        actor_, {organisation, "test " + organisation, std::move(roles), all, std::nullopt});
    EXPECT_TRUE(issued.ok()) << issued.error().message;
    return issued.ok() ? issued->secret : "";
  }

  // Sends with `bearer_` (when set) or the given headers.
  Reply Send(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& type = "application/json", httplib::Headers headers = {}) {
    if (!bearer_.empty() && headers.count("Authorization") == 0) {
      headers.emplace("Authorization", "Bearer " + bearer_);
    }
    httplib::Result r = method == "GET"    ? client_->Get(path, headers)
                        : method == "POST" ? client_->Post(path, headers, body, type)
                        : method == "PUT"  ? client_->Put(path, headers, body, type)
                                           : client_->Delete(path, headers);
    EXPECT_TRUE(r) << method << " " << path << " failed: " << httplib::to_string(r.error());
    if (!r) return {};
    Reply reply{r->status, nlohmann::json::parse(r->body, nullptr, false), r->headers};
    return reply;
  }
  Reply Post(const std::string& path, const nlohmann::json& body) {
    return Send("POST", path, body.dump());
  }
  Reply Get(const std::string& path) { return Send("GET", path); }

  security::KeyRing keys_ = security::KeyRing::Generate(security::SystemRandom());
  security::CommonPasswords common_{{"welkom2026!!"}};
  std::optional<app::IdentityService> identity_;
  std::optional<app::AuditService> audit_service_;
  std::optional<app::PersonService> persons_;
  std::optional<app::SignalService> signals_;
  std::optional<app::TrainingService> training_;
  std::optional<app::EnvironmentScanService> scan_;
  std::optional<app::PracticeService> practices_;
  std::optional<app::EvidenceService> evidence_;
  std::optional<app::MatchService> matches_;
  std::optional<app::InsightService> insight_;
  std::optional<app::CaseService> cases_;
  std::optional<care::CareData> care_data_;  // care-shelter
  std::optional<app::ShelterService> shelters_;
  std::optional<app::SharingService> sharing_;
  std::optional<app::ConferenceService> conferences_;
  std::optional<app::PlacementService> placements_;
  std::optional<app::ReferralService> referrals_;  // referrals and transfers
  std::string bearer_;        // API token sent with every request when not empty
  bool serve_pages_ = false;  // set in a derived constructor to serve the web pages too
  std::optional<HttpServer> server_;
  std::thread thread_;
  std::optional<httplib::Client> client_;
};

}  // namespace schakel::http::testing
