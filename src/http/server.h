// HttpServer: the HTTP front of Schakel. Owns the cpp-httplib server, installs the security
// headers, body limits, error envelope, request log and the API routes.
// Lifecycle: Bind() → Run() (blocks) ← Stop() from another thread (e.g. on SIGTERM): stops
// accepting, lets requests in flight finish, then Run() returns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/result.h"
#include "http/api.h"
#include "http/router.h"

namespace schakel::http {

namespace pages {
class Site;
}

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                      // 0 = any free port
  size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
  int threads = 32;
  // A TLS-terminating proxy is in front: cookies get the Secure flag. Required for a
  // non-loopback bind address.
  bool behind_tls = false;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, ApiServices services);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Adds the web pages from `web_dir` (templates/, i18n/, static/, node_modules/), with an
  // optional CSS file of a municipality's own design tokens. Without it the server has the API
  // only. REQUIRES: called once, before Bind().
  Status ServeWebPages(const std::string& web_dir, const std::string& theme_css);
  Status Bind();
  int port() const { return port_; }
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  void Run();
  void Stop();

  const std::vector<RouteInfo>& routes() const { return router_.routes(); }

 private:
  void InstallMiddleware();
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  Router router_;
  ApiServices services_;
  std::unique_ptr<pages::Site> site_;  // nullptr when serving the API only
  int port_ = 0;
};

// Is the address a loopback address (127.0.0.0/8, ::1, localhost)?
bool IsLoopback(std::string_view address);

}  // namespace schakel::http
