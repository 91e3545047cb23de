// The JSON API under /api/v1: frameworks, organisations, assessments, comparisons, roll-up.
// Handlers only translate HTTP to use-case calls and back; the rules live in src/app and below.
#pragma once

#include "app/audit_service.h"
#include "app/identity_service.h"
#include "app/kader_service.h"
#include "app/organisation_service.h"
#include "http/router.h"

namespace schakel::http {

struct ApiServices {
  app::KaderService& kader;
  app::OrganisationService& organisations;
  app::IdentityService& identity;
  app::AuditService& audit;
};

void RegisterApiRoutes(Router& router, ApiServices services);

}  // namespace schakel::http
