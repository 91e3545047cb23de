#include "http/server.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "http/auth.h"
#include "http/json_io.h"
#include "http/pages/site.h"

namespace schakel::http {

namespace {

std::string NewCorrelationId() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  std::string id;
  for (unsigned char b : bytes) id += fmt::format("{:02x}", b);
  return id;
}

}  // namespace

bool IsLoopback(std::string_view a) {
  return a == "localhost" || a == "::1" || a.rfind("127.", 0) == 0;
}

HttpServer::HttpServer(ServerOptions options, ApiServices services)
    : options_(std::move(options)),
      server_(std::make_unique<httplib::Server>()),
      router_(*server_),
      services_(services) {
  const size_t threads = static_cast<size_t>(std::max(2, options_.threads));
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_max_count(1000);
  server_->set_read_timeout(std::chrono::seconds(10));
  server_->set_tcp_nodelay(true);
  InstallMiddleware();
  router_.SetAuthenticator([identity = &services_.identity, tls = options_.behind_tls](Call& call) {
    AuthenticateCall(*identity, tls, call);
  });
  RegisterApiRoutes(router_, services);
}

Status HttpServer::ServeWebPages(const std::string& web_dir, const std::string& theme_css) {
  auto site = pages::Site::Load({web_dir, theme_css}, services_);
  if (!site) return site.error();
  site_ = std::move(*site);
  site_->RegisterRoutes(router_);
  return {};
}

HttpServer::~HttpServer() = default;

void HttpServer::InstallMiddleware() {
  // Every response: a correlation id and the security headers. API responses and pages hold data
  // about organisations and (later) persons, so nothing is cached (static assets, whose URLs
  // name their content, override this). The CSP allows only our own style sheets, scripts and
  // images (data: for the icons inside the NL Design System CSS): no inline script or style, no
  // framing, forms and fetches go only to us.
  server_->set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Correlation-Id", NewCorrelationId());
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
                   "img-src 'self' data:; "
                   "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    res.set_header("Cache-Control", "no-store");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request& req,
                                                               httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours already
    if (res.status == 413) {
      WriteError(res, 413, "too_large",
                 fmt::format("the request body is larger than {} bytes", options_.max_body_bytes));
    } else if (res.status == 404 && site_ != nullptr && req.path.rfind("/api/", 0) != 0 &&
               router_.MethodsFor(req.path).empty()) {
      Call call{req, res, {}, std::nullopt, {}, false};
      AuthenticateCall(services_.identity, options_.behind_tls, call);
      site_->RenderNotFound(call);
    } else if (res.status == 404) {
      const auto methods = router_.MethodsFor(req.path);
      if (!methods.empty()) {
        std::string allow;
        for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m;
        res.set_header("Allow", allow);
        WriteError(res, 405, "method_not_allowed",
                   fmt::format("{} is not allowed on {}; use {}", req.method, req.path, allow));
      } else {
        WriteError(res, 404, "not_found", fmt::format("there is no {}", req.path));
      }
    } else if (res.status == 400) {
      WriteError(res, 400, "bad_request", "the request could not be read");
    }
    return httplib::Server::HandlerResponse::Handled;
  };
  server_->set_error_handler(on_error);
  server_->set_exception_handler(
      [this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {  // NOLINT: logged and answered as a 500 with a correlation id
        }
        const std::string id = res.get_header_value("X-Correlation-Id");
        spdlog::error("unhandled exception [{}] {} {}: {}", id, req.method, req.path, what);
        if (site_ != nullptr && req.path.rfind("/api/", 0) != 0) {
          Call call{req, res, {}, std::nullopt, {}, false};  // no session: render nothing more
          return site_->RenderInternalError(call);
        }
        WriteError(res, 500, "internal",
                   fmt::format("an internal error occurred; quote correlation id {} when "
                               "reporting it",
                               id));
      });
  // The log names method, path (never the query string, which may hold search terms) and
  // status; no bodies.
  server_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::info("{} {} {} {} [{}]", req.remote_addr, req.method, req.path, res.status,
                 res.get_header_value("X-Correlation-Id"));
  });
}

Status HttpServer::Bind() {
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(options_.bind);
    if (port_ <= 0) return Error::Unavailable(fmt::format("cannot bind to {}", options_.bind));
    return {};
  }
  if (!server_->bind_to_port(options_.bind, options_.port)) {
    return Error::Unavailable(fmt::format(
        "cannot listen on {}:{}; is another Schakel or program using the port? Choose another "
        "with --port",
        options_.bind, options_.port));
  }
  port_ = options_.port;
  return {};
}

void HttpServer::Run() {
  server_->listen_after_bind();
}

void HttpServer::Stop() {
  server_->stop();
}

}  // namespace schakel::http
