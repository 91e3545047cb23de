// The three-element test's result in words, in Dutch and English: the outcome, the notes and,
// for labour, the continuum position with its route. The words are catalogue data
// (Catalog::texts); the route is what the routing rules decide for that position, so the test
// and the routing cannot disagree. Pure.
#pragma once

#include <vector>

#include "domain/json_fields.h"
#include "signals/catalog.h"
#include "signals/routing.h"
#include "signals/three_elements.h"

namespace schakel::signals {

// One line per outcome, note, labour position and route, in that order.
std::vector<LocalizedText> DescribeResult(const Catalog& catalog, const RoutingRules& rules,
                                          const ThreeElementResult& result);

// The partner kind the routing rules send a labour signal at this position to, or empty for
// kNoIndication (nothing to route).
std::string LabourRoute(const RoutingRules& rules, LabourPosition position);

}  // namespace schakel::signals
