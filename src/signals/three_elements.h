// The three-element test of art. 273f Sr as a decision aid: the professional records, per
// element (act, means, purpose), whether it is present, absent or unknown, with a note; this
// module says which elements are still missing, whether the facts rather indicate smuggling,
// and for labour where the facts sit on the continuum from bad employment practice to
// exploitation (the route is in signals/routing.h). It never estimates whether a person is a
// victim: the outcome is a list of facts about the recorded assessment, not a probability or a
// score. Pure: values in, values out.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace schakel::signals {

enum class Element { kAct, kMeans, kPurpose };
enum class ElementState { kPresent, kAbsent, kUnknown };
const char* ElementName(Element e);            // "act", "means", "purpose"
const char* ElementStateName(ElementState s);  // "present", "absent", "unknown"

// The professional's judgement on one element, with the note that explains it.
struct ElementFinding {
  ElementState state = ElementState::kUnknown;
  std::string note;
};

// Under 18 at the time of the facts. Unknown is its own value: the test then says what would
// change if the person turned out to be a minor.
enum class AgeGroup { kMinor, kAdult, kUnknown };
const char* AgeGroupName(AgeGroup a);  // "minor", "adult", "unknown"

// Facts that separate smuggling (help to cross a border, for payment, no exploitation purpose)
// from trafficking.
struct SmugglingFacts {
  bool crossed_border_with_help = false;
  bool by_own_choice = false;
};

// Structured labour facts, following the groups of the Dutch signal lists (domain.md §4).
struct LabourFacts {
  bool labour_law_violations = false;      // underpayment, unpaid overtime, unsafe work
  bool multiple_dependency = false;        // employer arranges housing, transport, debts
  bool very_poor_circumstances = false;    // very poor working or living circumstances
  bool restricted_basic_freedoms = false;  // no own passport, earnings or contacts
};

// The labour continuum (domain.md §2). Only exploitation is trafficking; the two steps before it
// go to the labour inspectorate.
enum class LabourPosition {
  kNoIndication,
  kBadEmploymentPractice,
  kSeriousDisadvantage,
  kExploitation
};
const char* LabourPositionName(LabourPosition p);

struct ThreeElementInput {
  ElementFinding act;
  ElementFinding means;
  ElementFinding purpose;
  AgeGroup age = AgeGroup::kUnknown;
  std::vector<std::string> forms;  // Form ids from the catalogue
  SmugglingFacts smuggling;
  std::optional<LabourFacts> labour;  // only looked at when `forms` holds "labour"
};

enum class TestOutcome { kAllElementsPresent, kIncomplete, kIndicatesSmuggling };
const char* TestOutcomeName(TestOutcome o);

// Why the test says what it says, beyond the outcome itself.
enum class TestNote {
  kMinorNeedsNoMeans,
  kAgeUnknown,
  kSmuggledPersonCanBecomeVictim,
  kBorderHelpWithExploitation,
  kNotAFinding,
};

struct MissingElement {
  Element element;
  ElementState state;  // kAbsent or kUnknown
  bool operator==(const MissingElement&) const = default;
};

struct ThreeElementResult {
  TestOutcome outcome = TestOutcome::kIncomplete;
  std::vector<MissingElement> missing;   // in the order act, means, purpose
  std::vector<TestNote> notes;           // always ends with kNotAFinding
  std::optional<LabourPosition> labour;  // set when the input had labour facts
};

// Applies the rules of docs/signals.md to the recorded findings.
ThreeElementResult EvaluateThreeElements(const ThreeElementInput& input);
// Where the labour facts sit on the continuum. Where each position goes is a routing rule
// (signals/routing.h), so that decision lives in one place, as data.
LabourPosition AssessLabour(const LabourFacts& facts);

}  // namespace schakel::signals
