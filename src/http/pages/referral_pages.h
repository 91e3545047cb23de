// The referral pages (docs/care.md "Referrals and transfers"; user guide "Verwijzen en
// overdragen"). For the case region's care coordinators: the "Verwijzingen" section on the case
// page (CaseReferralsSection and the _case_referrals partial: the case's referrals and
// transfers, revoking with a reason, and the form to refer or transfer), and
// /zaken/{id}/verwijzingen, the same section on a page of its own that shows a refused form with
// its errors. For the receiving organisation: /verwijzingen (what was sent to it) and
// /verwijzingen/{id} (exactly the granted field groups, with accept, reject and complete).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/referral_service.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

// Template data for _case_referrals.mustache; null when the user may not refer this case.
// `input` and `errors` refill a refused form.
nlohmann::json CaseReferralsSection(Site& site, Call& call, const PageRequest& pr,
                                    const std::string& case_id,
                                    const app::ReferralInput& input = {},
                                    const std::vector<FieldError>& errors = {});

void RegisterReferralPages(Router& router, Site& site);

}  // namespace schakel::http::pages
