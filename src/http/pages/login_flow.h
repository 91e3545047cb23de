// The order of the login steps as pages: which page a session at each stage may open, and how
// the page to return to after login (`terug`) travels along the steps. Only local paths are
// ever returned to (LocalPath), so `terug` cannot redirect to another site.
#pragma once

#include <string>
#include <string_view>

#include "app/identity_service.h"

namespace schakel::http::pages {

// The page of a login stage: /inloggen/wachtwoord, /account/tweede-factor, /inloggen/code;
// "/" for a full session.
std::string StagePath(app::SessionStage stage);
// `path` with ?terug=<back> when `back` is a local path other than "/"; else `path`.
std::string WithReturn(std::string_view path, std::string_view back);
// Where a login step leads: the next stage's page (carrying `back`), or `back` itself once the
// session is full.
std::string NextStep(app::SessionStage stage, std::string_view back);

}  // namespace schakel::http::pages
