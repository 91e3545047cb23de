// Opening a case for a (possible) victim: from one or more signals that triage sent to the care
// coordinator, or directly (a CoMensha placement request, someone who comes forward themselves),
// with the reason written down. A new case starts in the lifecycle's state `registered`. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"
#include "signals/triage.h"

namespace schakel::care {

// A signal the case is opened from, as triage left it.
struct SignalRef {
  std::string id;
  signals::TriageState state = signals::TriageState::kNew;
  std::string forwarded_to;  // the forward target's partner kind, when forwarded
};

struct NewCase {
  std::string region;  // the care-coordination region that takes the case
  std::vector<SignalRef> signals;
  std::string opened_directly_because;  // required when there is no signal
};

// OK when the case may be opened; otherwise kInvalid naming the field:
//   "region"                   no region
//   "signals[i]"               a signal named twice; a new signal (triage it first); a closed
//                              signal; a signal forwarded to another partner than the care
//                              coordinator (it is theirs)
//   "opened_directly_because"  no signal and no reason for opening directly
Status CheckNewCase(const NewCase& c);

}  // namespace schakel::care
