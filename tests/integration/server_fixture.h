// Starts the real HTTP server in-process on a free loopback port, on a fresh migrated database
// with the public municipality list and the shipped framework, and gives tests an HTTP client.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "../unit/app/app_fixture.h"
#include "http/server.h"

namespace schakel::http::testing {

class ServerFixture : public app::testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    if (HasFatalFailure()) return;
    server_.emplace(ServerOptions{"127.0.0.1", 0, 1024 * 1024, 16}, ApiServices{*kader_, *orgs_});
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
  Reply Send(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& type = "application/json") {
    httplib::Result r = method == "GET"    ? client_->Get(path)
                        : method == "POST" ? client_->Post(path, body, type)
                        : method == "PUT"  ? client_->Put(path, body, type)
                                           : client_->Delete(path);
    EXPECT_TRUE(r) << method << " " << path << " failed: " << httplib::to_string(r.error());
    if (!r) return {};
    Reply reply{r->status, nlohmann::json::parse(r->body, nullptr, false), r->headers};
    return reply;
  }
  Reply Post(const std::string& path, const nlohmann::json& body) {
    return Send("POST", path, body.dump());
  }
  Reply Get(const std::string& path) { return Send("GET", path); }

  std::optional<HttpServer> server_;
  std::thread thread_;
  std::optional<httplib::Client> client_;
};

}  // namespace schakel::http::testing
