#include "http/json_io.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <charconv>

namespace schakel::http {

using nlohmann::json;

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

void WriteJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void WriteError(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field) {
  json err{{"code", code}, {"message", message}};
  if (!field.empty()) err["field"] = field;
  WriteJson(res, status, {{"error", err}});
}

void WriteError(Call& call, const Error& error) {
  if (error.code == ErrorCode::kInternal) {
    const std::string id = call.res.get_header_value("X-Correlation-Id");
    spdlog::error("internal error [{}] {} {}: {}", id, call.req.method, call.req.path,
                  error.message);
    return WriteError(call.res, 500, "internal",
                      fmt::format("an internal error occurred; quote correlation id {} when "
                                  "reporting it",
                                  id));
  }
  if (error.code == ErrorCode::kForbidden && !call.actor.principal.authenticated()) {
    // Nobody is logged in: 401 with the scheme to use, and no hint about the resource.
    call.res.set_header("WWW-Authenticate", "Bearer realm=\"schakel\"");
    return WriteError(call.res, 401, "unauthenticated",
                      "log in first: send 'Authorization: Bearer <API token>' or use a session");
  }
  WriteError(call.res, StatusFor(error.code), ErrorCodeName(error.code), error.message,
             error.field);
}

std::optional<json> ReadJsonObject(Call& call) {
  const std::string type = call.req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    WriteError(call.res, 415, "unsupported_media_type",
               "send the request body as JSON with Content-Type: application/json");
    return std::nullopt;
  }
  json body;
  try {
    body = json::parse(call.req.body);
  } catch (const json::parse_error& e) {
    WriteError(call.res, 400, "malformed_json",
               fmt::format("the request body is not valid JSON: {}", e.what()));
    return std::nullopt;
  }
  if (!body.is_object()) {
    WriteError(call.res, 400, "malformed_json", "the request body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

Result<std::string> StringField(const json& obj, const std::string& name,
                                const std::string& prefix) {
  const std::string field = prefix.empty() ? name : prefix + "." + name;
  if (!obj.contains(name) || obj[name].is_null()) {
    return Error::Invalid(field, fmt::format("'{}' is required", field));
  }
  if (!obj[name].is_string()) {
    return Error::Invalid(field, fmt::format("'{}' must be a string", field));
  }
  return obj[name].get<std::string>();
}

Result<std::string> OptionalStringField(const json& obj, const std::string& name,
                                        const std::string& prefix) {
  if (!obj.contains(name) || obj[name].is_null()) return std::string();
  return StringField(obj, name, prefix);
}

std::optional<int64_t> IdParam(Call& call, const std::string& name, std::string_view what) {
  const std::string& text = call.Param(name);
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
    WriteError(call.res, 404, "not_found", fmt::format("no {} '{}'", what, text));
    return std::nullopt;
  }
  return id;
}

}  // namespace schakel::http
