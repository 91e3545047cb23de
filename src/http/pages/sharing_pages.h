// The sharing pages (docs/care.md "Sharing grants"; user guide "Delen met ketenpartners"):
// /zaken/{id}/delen (a case's grants, share with a chain partner, revoke), /gedeeld (the cases
// shared with the partner user's organisation) and /gedeeld/{id} (exactly the granted field
// groups). The case page shows a short "Delen" section through CaseSharingSection and the
// _case_sharing partial, so the case page itself needs only one line to include it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/pages/site.h"

namespace schakel::http::pages {

// Template data for _case_sharing.mustache on the case page: the grants in force and the link
// to the sharing page; null when the user may not see the case's grants.
nlohmann::json CaseSharingSection(Site& site, Call& call, const PageRequest& pr,
                                  const std::string& case_id);

void RegisterSharingPages(Router& router, Site& site);
// /casusoverleg: case conferences (conference_pages.cpp).
void RegisterConferencePages(Router& router, Site& site);

}  // namespace schakel::http::pages
