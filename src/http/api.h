// The JSON API under /api/v1: frameworks, organisations, assessments, comparisons, roll-up.
// Handlers only translate HTTP to use-case calls and back; the rules live in src/app and below.
#pragma once

#include "app/audit_service.h"
#include "app/case_service.h"
#include "app/environment_scan_service.h"
#include "app/evidence_service.h"
#include "app/identity_service.h"
#include "app/insight_service.h"
#include "app/kader_service.h"
#include "app/match_service.h"
#include "app/organisation_service.h"
#include "app/person_service.h"
#include "app/practice_service.h"
#include "app/signal_service.h"
#include "app/training_service.h"
// Care coordination, part 2 (care-shelter).
#include "app/shelter_service.h"
// Care coordination: sharing grants and case conferences.
#include "app/conference_service.h"
#include "app/sharing_service.h"
// Care coordination: shelter placements of a case.
#include "app/placement_service.h"
// Referrals and transfers with consent.
#include "app/referral_service.h"
#include "http/router.h"

namespace schakel::http {

struct ApiServices {
  app::KaderService& kader;
  app::OrganisationService& organisations;
  app::IdentityService& identity;
  app::AuditService& audit;
  app::PersonService& persons;
  app::SignalService& signals;
  app::TrainingService& training;
  app::EnvironmentScanService& scan;
  app::PracticeService& practices;
  app::EvidenceService& evidence;
  app::MatchService& matches;  // record linkage (match_api.cpp)
  app::InsightService& insight;
  app::CaseService& cases;  // care cases (case_api.cpp, pages/case_pages.cpp)
  // Care coordination, part 2 (care-shelter).
  app::ShelterService& shelters;
  // Care coordination: sharing grants, the partner's view, case conferences.
  app::SharingService& sharing;
  app::ConferenceService& conferences;
  // Care coordination: shelter placements of a case (placement_api.cpp, pages/placement_pages.cpp).
  app::PlacementService& placements;
  // Referrals and transfers with consent (referral_api.cpp, pages/referral_pages.cpp).
  app::ReferralService& referrals;
};

void RegisterApiRoutes(Router& router, ApiServices services);
// /api/v1/persons: the identity of (possible) victims, for partner systems (person_api.cpp).
void RegisterPersonRoutes(Router& router, ApiServices services);
// /api/v1/signals: signals of possible trafficking and their triage (signal_api.cpp).
void RegisterSignalRoutes(Router& router, ApiServices services);
// The Kader in practice: training registry, environment scan, good practices, evidence
// (practice_api.cpp).
void RegisterPracticeRoutes(Router& router, ApiServices services);
// Record linkage: "possibly the same person" suggestions and decisions (match_api.cpp).
void RegisterMatchRoutes(Router& router, ApiServices services);
// /api/v1/cases: care cases, their plan, reflection period and registration (case_api.cpp).
void RegisterCaseRoutes(Router& router, ApiServices services);
// Care coordination, part 2: /api/v1/shelters (shelter_api.cpp).
void RegisterShelterRoutes(Router& router, ApiServices services);
// Sharing grants, the partner's view of shared cases and case conferences (sharing_api.cpp).
void RegisterSharingRoutes(Router& router, ApiServices services);
// /api/v1/cases/{id}/placements: a case's shelter stays (placement_api.cpp).
void RegisterPlacementRoutes(Router& router, ApiServices services);
// Referrals and transfers: /api/v1/cases/{id}/referrals, /api/v1/referrals (referral_api.cpp).
void RegisterReferralRoutes(Router& router, ApiServices services);

}  // namespace schakel::http
