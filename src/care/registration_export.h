// The national registration of a possible victim with CoMensha (domain.md §7): investigative
// services must report, others may. The record says "possible victim" — registration is never a
// finding. Here: the record, its checks, and its serialisation as CSV and JSON with the columns
// documented in docs/care.md. Pure; sending it is the application's job.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "care/amsterdam_time.h"
#include "domain/result.h"

namespace schakel::care {

struct RegistrationRecord {
  std::string case_reference;  // the case's pseudonymous reference; never a name
  Date registered_on;
  std::vector<std::string> forms;           // forms of exploitation: catalogue form ids
  std::string nationality;                  // ISO 3166-1 alpha-2 ("PL"); empty: unknown
  std::optional<int> age;                   // whole years on registered_on
  std::string gender;                       // "female", "male", "other", "unknown"
  std::string reporting_organisation;       // the organisation that reports
  std::string reporting_organisation_kind;  // a partner kind id ("police", "care_coordinator")
};

// A column of the export: its name and what it holds.
struct RegistrationColumn {
  const char* name;
  const char* meaning;
};
// The columns in export order; the CSV header and the JSON member names are these names.
const std::vector<RegistrationColumn>& RegistrationColumns();

// Checks one record; `known_forms` are the catalogue's form ids. kInvalid naming the field
// ("case_reference", "registered_on", "forms[i]", "nationality", "age", "gender",
// "reporting_organisation", "reporting_organisation_kind").
Status ValidateRegistration(const RegistrationRecord& record,
                            const std::vector<std::string>& known_forms);

// Age in whole years on `on` of someone born on `born`; a 29 February birthday comes on 1 March in
// other years (our decision). REQUIRES: born is not after on.
int AgeOn(Date born, Date on);

// "minor", "adult" or "unknown" from the age.
const char* AgeGroupOf(const RegistrationRecord& record);

// RFC 4180 CSV with a header row, CRLF line ends; forms joined by ";", unknown values empty.
// REQUIRES: every record passed ValidateRegistration.
std::string RegistrationCsv(const std::vector<RegistrationRecord>& records);
// {"format": "schakel.comensha-registration", "version": 1, "records": [{…}]}; unknown values are
// null, forms a list. REQUIRES: every record passed ValidateRegistration.
nlohmann::json RegistrationJson(const std::vector<RegistrationRecord>& records);

}  // namespace schakel::care
