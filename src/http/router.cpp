#include "http/router.h"

#include <regex>

namespace schakel::http {

std::string PatternToRegex(const std::string& pattern, std::vector<std::string>* names) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      const size_t end = pattern.find('}', i);
      if (names != nullptr) names->push_back(pattern.substr(i + 1, end - i - 1));
      out += "([^/]+)";
      i = end;
    } else if (std::string(".+*?()[]^$|\\").find(pattern[i]) != std::string::npos) {
      out += '\\';
      out += pattern[i];
    } else {
      out += pattern[i];
    }
  }
  return out;
}

void Router::Add(const std::string& method, const std::string& pattern, RouteHandler handler) {
  routes_.push_back({method, pattern});
  std::vector<std::string> names;
  const std::string regex = PatternToRegex(pattern, &names);
  auto wrapped = [this, names, handler = std::move(handler)](const httplib::Request& req,
                                                             httplib::Response& res) {
    Call call{req, res, {}, std::nullopt, {}, false};
    for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
      call.params[names[i]] = req.matches[i + 1].str();
    }
    if (authenticator_) authenticator_(call);
    handler(call);
  };
  if (method == "GET") server_.Get(regex, wrapped);
  if (method == "POST") server_.Post(regex, wrapped);
  if (method == "PUT") server_.Put(regex, wrapped);
  if (method == "DELETE") server_.Delete(regex, wrapped);
}

std::vector<std::string> Router::MethodsFor(const std::string& path) const {
  std::vector<std::string> methods;
  for (const RouteInfo& r : routes_) {
    if (std::regex_match(path, std::regex(PatternToRegex(r.pattern, nullptr)))) {
      methods.push_back(r.method);
    }
  }
  return methods;
}

}  // namespace schakel::http
