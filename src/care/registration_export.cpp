#include "care/registration_export.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "care/consent.h"
#include "domain/csv.h"

namespace schakel::care {

using nlohmann::json;

const std::vector<RegistrationColumn>& RegistrationColumns() {
  static const std::vector<RegistrationColumn> columns = {
      {"case_reference", "pseudonymous reference of the case; never a name"},
      {"registered_on", "date of registration, YYYY-MM-DD (Europe/Amsterdam)"},
      {"victim_status", "always possible_victim: a registration is not a finding"},
      {"forms", "forms of exploitation (catalogue ids: sexual, labour, criminal, organ), ';'"},
      {"nationality", "ISO 3166-1 alpha-2 code; empty when unknown"},
      {"age", "age in whole years on the registration date; empty when unknown"},
      {"age_group", "minor (under 18), adult or unknown, from age"},
      {"gender", "female, male, other or unknown"},
      {"reporting_organisation", "name of the reporting organisation"},
      {"reporting_organisation_kind", "kind of reporting organisation (catalogue partner kind)"},
  };
  return columns;
}

namespace {

bool IsCountryCode(const std::string& s) {
  return s.size() == 2 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Status CheckForms(const std::vector<std::string>& forms, const std::vector<std::string>& known) {
  if (forms.empty()) return Error::Invalid("forms", "name at least one form of exploitation");
  for (size_t i = 0; i < forms.size(); ++i) {
    if (std::find(known.begin(), known.end(), forms[i]) == known.end()) {
      return Error::Invalid(fmt::format("forms[{}]", i),
                            fmt::format("unknown form of exploitation '{}'", forms[i]));
    }
  }
  return Status::Ok();
}

Status CheckPerson(const RegistrationRecord& r) {
  if (!r.nationality.empty() && !IsCountryCode(r.nationality)) {
    return Error::Invalid("nationality",
                          fmt::format("'{}' is not an ISO 3166-1 alpha-2 code", r.nationality));
  }
  if (r.age && (*r.age < 0 || *r.age > 120)) {
    return Error::Invalid("age", "age must be between 0 and 120 years");
  }
  static const std::vector<std::string> kGenders = {"female", "male", "other", "unknown"};
  if (std::find(kGenders.begin(), kGenders.end(), r.gender) == kGenders.end()) {
    return Error::Invalid("gender", "gender must be female, male, other or unknown");
  }
  return Status::Ok();
}

std::string JoinForms(const std::vector<std::string>& forms) {
  return fmt::format("{}", fmt::join(forms, ";"));
}

}  // namespace

Status ValidateRegistration(const RegistrationRecord& r,
                            const std::vector<std::string>& known_forms) {
  if (IsBlank(r.case_reference)) {
    return Error::Invalid("case_reference", "the registration needs the case reference");
  }
  if (!r.registered_on.ok()) {
    return Error::Invalid("registered_on", "the registration date is not a date");
  }
  if (Status s = CheckForms(r.forms, known_forms); !s) return s;
  if (Status s = CheckPerson(r); !s) return s;
  if (IsBlank(r.reporting_organisation)) {
    return Error::Invalid("reporting_organisation", "name the reporting organisation");
  }
  if (IsBlank(r.reporting_organisation_kind)) {
    return Error::Invalid("reporting_organisation_kind", "give the reporting organisation's kind");
  }
  return Status::Ok();
}

int AgeOn(Date born, Date on) {
  const int years = static_cast<int>(on.year()) - static_cast<int>(born.year());
  const bool birthday_to_come =
      std::pair{static_cast<unsigned>(on.month()), static_cast<unsigned>(on.day())} <
      std::pair{static_cast<unsigned>(born.month()), static_cast<unsigned>(born.day())};
  return birthday_to_come ? years - 1 : years;
}

const char* AgeGroupOf(const RegistrationRecord& r) {
  if (!r.age) return "unknown";
  return *r.age < 18 ? "minor" : "adult";
}

std::string RegistrationCsv(const std::vector<RegistrationRecord>& records) {
  std::vector<std::string> header;
  for (const RegistrationColumn& c : RegistrationColumns()) header.emplace_back(c.name);
  std::string out = fmt::format("{}\r\n", fmt::join(header, ","));
  for (const RegistrationRecord& r : records) {
    const std::vector<std::string> row = {r.case_reference,
                                          FormatDate(r.registered_on),
                                          "possible_victim",
                                          JoinForms(r.forms),
                                          r.nationality,
                                          r.age ? std::to_string(*r.age) : "",
                                          AgeGroupOf(r),
                                          r.gender,
                                          r.reporting_organisation,
                                          r.reporting_organisation_kind};
    std::vector<std::string> escaped;
    for (const std::string& field : row) escaped.push_back(CsvEscape(field));
    out += fmt::format("{}\r\n", fmt::join(escaped, ","));
  }
  return out;
}

json RegistrationJson(const std::vector<RegistrationRecord>& records) {
  json list = json::array();
  for (const RegistrationRecord& r : records) {
    list.push_back({
        {"case_reference", r.case_reference},
        {"registered_on", FormatDate(r.registered_on)},
        {"victim_status", "possible_victim"},
        {"forms", r.forms},
        {"nationality", r.nationality.empty() ? json() : json(r.nationality)},
        {"age", r.age ? json(*r.age) : json()},
        {"age_group", AgeGroupOf(r)},
        {"gender", r.gender},
        {"reporting_organisation", r.reporting_organisation},
        {"reporting_organisation_kind", r.reporting_organisation_kind},
    });
  }
  return {{"format", "schakel.comensha-registration"}, {"version", 1}, {"records", list}};
}

}  // namespace schakel::care
