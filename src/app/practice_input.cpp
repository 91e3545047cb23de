#include "app/practice_input.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/organisation_service.h"

namespace schakel::app {

Status CheckText(std::string_view field, const std::string& value, size_t max, bool required) {
  const bool blank = value.find_first_not_of(" \t\r\n") == std::string::npos;
  if (required && blank) {
    return Error::Invalid(std::string(field), fmt::format("'{}' is required", field));
  }
  if (value.size() > max) {
    return Error::Invalid(std::string(field),
                          fmt::format("'{}' is longer than {} characters", field, max));
  }
  return {};
}

Status CheckOneOf(std::string_view field, const std::string& value,
                  const std::vector<std::string>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return {};
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  return Error::Invalid(std::string(field),
                        fmt::format("'{}' must be one of {} (got '{}')", field, list, value));
}

Status CheckDate(std::string_view field, const std::string& value) {
  if (IsIsoDate(value)) return {};
  return Error::Invalid(
      std::string(field),
      fmt::format("'{}' must be a date like 2026-11-28 (got '{}')", field, value));
}

const std::vector<std::string>& TrainingFormats() {
  static const std::vector<std::string> k = {"e_learning", "training", "information_evening"};
  return k;
}
const std::vector<std::string>& TrainingAudiences() {
  static const std::vector<std::string> k = {"staff", "businesses", "schools", "residents",
                                             "risk_groups"};
  return k;
}
const std::vector<std::string>& ScanSectors() {
  static const std::vector<std::string> k = {
      "massage_salon",       "nail_salon", "car_wash",           "agriculture",  "horticulture",
      "distribution_centre", "hotel",      "short_stay_housing", "prostitution", "other"};
  return k;
}
const std::vector<std::string>& RiskRatings() {
  static const std::vector<std::string> k = {"low", "medium", "high"};
  return k;
}
const std::vector<std::string>& ExploitationForms() {
  static const std::vector<std::string> k = {"sexual", "labour", "criminal", "organ"};
  return k;
}
const std::vector<std::string>& PublicationScopes() {
  static const std::vector<std::string> k = {"region", "national"};
  return k;
}

}  // namespace schakel::app
