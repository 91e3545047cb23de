// JSON shapes of the Kader in practice (training registry, environment scan, good practices,
// evidence per criterion), as described in docs/api/openapi.yaml.
#pragma once

#include <nlohmann/json.hpp>

#include "app/environment_scan_service.h"
#include "app/evidence_service.h"
#include "app/practice_service.h"
#include "app/training_service.h"

namespace schakel::http {

nlohmann::json TrainingSessionJson(const store::TrainingSessionRecord& s);
nlohmann::json TrainingOverviewJson(const app::TrainingOverview& v);
nlohmann::json ScanPlaceJson(const app::ScanPlaceView& v);
nlohmann::json ScanOverviewJson(const app::ScanOverview& v);
nlohmann::json PracticeJson(const store::PracticeRecord& p);
nlohmann::json EvidenceJson(const app::EvidenceView& v);

}  // namespace schakel::http
