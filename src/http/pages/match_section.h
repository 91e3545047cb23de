// The "Mogelijk dezelfde persoon" / "Possibly the same person" section of a record's page: the
// suggestions of MatchService with their explanation per field, confirm and reject buttons
// (with the CSRF token), and the decisions so far. The page that shows a record calls
// AddMatchSection; the section's template is web/templates/_matches.mustache.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/pages/site.h"
#include "store/linkage_repository.h"

namespace schakel::http::pages {

// Sets data["matches"] when the user may see the record's suggestions; leaves it unset when
// not (the rest of the page does not depend on it). `page_href` is the record's page.
void AddMatchSection(Site& site, Call& call, const PageRequest& pr,
                     const store::LinkedRecordRef& record, const std::string& page_href,
                     nlohmann::json& data);

// POST /signalen/{id}/koppelingen and /zaken/{id}/koppelingen: confirm or reject a suggestion,
// then back to the signal or case.
void RegisterMatchPages(Router& router, Site& site);

}  // namespace schakel::http::pages
