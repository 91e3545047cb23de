// The shelter placements of a case (docs/care.md "Placements in the application"; user guide
// "Opvang"): the "Opvang" section on the case page lists where the person stayed and stays, places
// them in a shelter of the case's region (free places shown) and ends a stay. A full shelter
// re-shows the form with the question for a reason (the override). Errors are shown on
// /zaken/{id}/opvang, which is the same section on a page of its own. The placement use case
// decides who may; the pages only show what it returns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/pages/site.h"

namespace schakel::http::pages {

// Template data for _case_placements.mustache on the case page; null when the user may not see
// the case's placements.
nlohmann::json CasePlacementsSection(Site& site, Call& call, const PageRequest& pr,
                                     const std::string& case_id);

// POST /zaken/{id}/opvang (place), POST /zaken/{id}/opvang/{placement}/einde (end a stay) and
// GET /zaken/{id}/opvang (the section as a page).
void RegisterPlacementPages(Router& router, Site& site);

}  // namespace schakel::http::pages
