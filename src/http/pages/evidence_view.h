// Template data for the evidence Schakel found per criterion of an assessment (kader/evidence.h):
// a sentence per finding in the page language, its state, and a link to the record behind it.
// Evidence suggests; the page says so and leaves the answer to the policy officer.
#pragma once

#include <nlohmann/json.hpp>

#include "app/evidence_service.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

// [{criterion, text, answer, findings: [{state, state_label, text, href}]}] in framework order.
nlohmann::json EvidenceRows(const app::EvidenceView& view, const PageRequest& pr);

}  // namespace schakel::http::pages
