// JSON representations of frameworks, organisations, assessments, comparisons and roll-ups, as
// documented in docs/api/openapi.yaml. Shared by the API and the CLI's --json output.
#pragma once

#include <nlohmann/json.hpp>

#include "app/kader_service.h"
#include "store/organisation_repository.h"

namespace schakel::http {

nlohmann::json OrganisationJson(const store::Organisation& o);
nlohmann::json AssessmentSummaryJson(const store::AssessmentRecord& r);
nlohmann::json AssessmentJson(const app::AssessmentView& v);
nlohmann::json ComparisonJson(const app::ComparisonView& v);
nlohmann::json RollupJson(const app::RollupView& v);

}  // namespace schakel::http
