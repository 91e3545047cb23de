// JSON in and out of HTTP handlers: parsing request bodies with precise errors, typed field
// access that names the offending field, and the error envelope
// {"error": {"code", "message", "field"}} with the matching status code.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/result.h"
#include "http/router.h"

namespace schakel::http {

// HTTP status for an error code: invalid 422, not_found 404, forbidden 403, conflict 409,
// unavailable 503, internal 500.
int StatusFor(ErrorCode code);

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body);
// Writes the error envelope. Internal errors are logged with the correlation id and their message
// is replaced, so no detail of a bug reaches the client.
void WriteError(Call& call, const Error& error);
void WriteError(httplib::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field = "");

// Parses the body as a JSON object. On failure writes 415/400 and returns nullopt.
std::optional<nlohmann::json> ReadJsonObject(Call& call);

// Typed field access: a missing or wrongly typed field is an Invalid error naming it.
Result<std::string> StringField(const nlohmann::json& obj, const std::string& name,
                                const std::string& prefix = "");
Result<std::string> OptionalStringField(const nlohmann::json& obj, const std::string& name,
                                        const std::string& prefix = "");

// Parses a positive integer id path parameter; writes 404 and returns nullopt otherwise.
std::optional<int64_t> IdParam(Call& call, const std::string& name, std::string_view what);

// Sends the Result's value through `render`, or its error.
template <typename T, typename Render>
void Respond(Call& call, const Result<T>& r, int status, Render render) {
  if (!r.ok()) return WriteError(call, r.error());
  WriteJson(call.res, status, render(r.value()));
}

}  // namespace schakel::http
