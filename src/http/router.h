// Router: our route table on top of cpp-httplib. Routes are declared with OpenAPI-style paths
// ("/api/v1/assessments/{id}") so the table can be checked against docs/api/openapi.yaml, and
// handlers see named path parameters instead of regex groups.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/identity_service.h"

namespace schakel::http {

struct RouteInfo {
  std::string method;   // "GET", "POST", "PUT", "DELETE"
  std::string pattern;  // "/api/v1/assessments/{id}"
};

// What a handler gets: the request, its named path parameters and who is calling.
struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  std::map<std::string, std::string> params;
  // A valid browser session at any stage (from the session cookie); nullopt without one.
  std::optional<app::SessionContext> session;
  // Who is acting: the principal is filled only for a full session or a valid API token;
  // otherwise it is empty and every policy decision denies. Origin, address and correlation id
  // are always set.
  app::Actor actor;
  // Whether cookies must carry the Secure flag (the browser reached us over TLS).
  bool secure_cookies = false;

  const std::string& Param(const std::string& name) const { return params.at(name); }
  // Query parameter or empty.
  std::string Query(const std::string& name) const {
    return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : std::string();
  }
  bool HasQuery(const std::string& name) const { return req.has_param(name.c_str()); }
};

using RouteHandler = std::function<void(Call&)>;
// Fills Call::session and Call::actor before the handler runs.
using Authenticator = std::function<void(Call&)>;

class Router {
 public:
  explicit Router(httplib::Server& server) : server_(server) {}
  // Runs before every handler (also for routes added before it was set).
  void SetAuthenticator(Authenticator a) { authenticator_ = std::move(a); }
  void Get(const std::string& pattern, RouteHandler h) { Add("GET", pattern, std::move(h)); }
  void Post(const std::string& pattern, RouteHandler h) { Add("POST", pattern, std::move(h)); }
  void Put(const std::string& pattern, RouteHandler h) { Add("PUT", pattern, std::move(h)); }
  void Delete(const std::string& pattern, RouteHandler h) { Add("DELETE", pattern, std::move(h)); }

  const std::vector<RouteInfo>& routes() const { return routes_; }
  // Methods that have a route matching this concrete path (for 405 with an Allow header).
  std::vector<std::string> MethodsFor(const std::string& path) const;

 private:
  void Add(const std::string& method, const std::string& pattern, RouteHandler handler);
  httplib::Server& server_;
  std::vector<RouteInfo> routes_;
  Authenticator authenticator_;
};

// "/a/{id}/b" → "/a/([^/]+)/b" and the parameter names in order.
std::string PatternToRegex(const std::string& pattern, std::vector<std::string>* names);

}  // namespace schakel::http
