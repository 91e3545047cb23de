// Turning Kader use-case results into template data: level names, status labels, the level
// matrix chart, the standing table and the action plan. Shared by the assessment, print and
// comparison pages.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/kader_service.h"
#include "http/pages/site.h"
#include "http/pages/svg_charts.h"

namespace schakel::http::pages {

// "policy.basis.embedded" → "c-policy-basis-embedded": usable as an HTML id and URL fragment.
std::string HtmlId(std::string_view criterion_id);
std::string LevelName(const kader::Level* level, const PageRequest& pr);
std::string StatusLabel(const std::optional<kader::AnswerStatus>& status, const PageRequest& pr);
std::string BlockLabel(const kader::Block& block, const PageRequest& pr);

LevelMatrix MatrixOf(const app::AssessmentView& view, const PageRequest& pr, const std::string& id,
                     const std::string& title);
// Rows of the standing table: block, level reached, next level, met/applicable, answered.
nlohmann::json StandingRows(const app::AssessmentView& view, const PageRequest& pr);
// Per block with a next level: the criteria still to meet (the action plan).
nlohmann::json ActionPlan(const app::AssessmentView& view, const PageRequest& pr);
// Common fields: organisation name, period, status, framework and its provisional flag.
nlohmann::json AssessmentHeader(const app::AssessmentView& view, const PageRequest& pr,
                                const std::string& organisation_name);

}  // namespace schakel::http::pages
