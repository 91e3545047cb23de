#include "signals/three_elements.h"

#include <algorithm>

namespace schakel::signals {

const char* ElementName(Element e) {
  switch (e) {
    case Element::kAct:
      return "act";
    case Element::kMeans:
      return "means";
    case Element::kPurpose:
      return "purpose";
  }
  return "act";
}

const char* ElementStateName(ElementState s) {
  switch (s) {
    case ElementState::kPresent:
      return "present";
    case ElementState::kAbsent:
      return "absent";
    case ElementState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* AgeGroupName(AgeGroup a) {
  switch (a) {
    case AgeGroup::kMinor:
      return "minor";
    case AgeGroup::kAdult:
      return "adult";
    case AgeGroup::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* LabourPositionName(LabourPosition p) {
  switch (p) {
    case LabourPosition::kNoIndication:
      return "no_indication";
    case LabourPosition::kBadEmploymentPractice:
      return "bad_employment_practice";
    case LabourPosition::kSeriousDisadvantage:
      return "serious_disadvantage";
    case LabourPosition::kExploitation:
      return "exploitation";
  }
  return "no_indication";
}

const char* TestOutcomeName(TestOutcome o) {
  switch (o) {
    case TestOutcome::kAllElementsPresent:
      return "all_elements_present";
    case TestOutcome::kIncomplete:
      return "incomplete";
    case TestOutcome::kIndicatesSmuggling:
      return "indicates_smuggling";
  }
  return "incomplete";
}

namespace {

// Smuggling is help to cross a border that the person chose, without a purpose of exploitation.
// An unknown purpose is not enough to call it smuggling: exploitation may still come to light.
bool IndicatesSmuggling(const ThreeElementInput& in) {
  return in.smuggling.crossed_border_with_help && in.smuggling.by_own_choice &&
         in.purpose.state == ElementState::kAbsent;
}

// Art. 273f Sr: act and purpose always; the means only for adults (and for an unknown age, where
// the test cannot assume the lighter rule for minors).
std::vector<MissingElement> MissingElements(const ThreeElementInput& in) {
  std::vector<MissingElement> missing;
  const auto check = [&missing](Element e, const ElementFinding& f) {
    if (f.state != ElementState::kPresent) missing.push_back({e, f.state});
  };
  check(Element::kAct, in.act);
  if (in.age != AgeGroup::kMinor) check(Element::kMeans, in.means);
  check(Element::kPurpose, in.purpose);
  return missing;
}

std::vector<TestNote> TraffickingNotes(const ThreeElementInput& in) {
  std::vector<TestNote> notes;
  if (in.age == AgeGroup::kMinor) notes.push_back(TestNote::kMinorNeedsNoMeans);
  // Only worth saying when the means is what holds the test back.
  if (in.age == AgeGroup::kUnknown && in.means.state != ElementState::kPresent) {
    notes.push_back(TestNote::kAgeUnknown);
  }
  if (in.smuggling.crossed_border_with_help) notes.push_back(TestNote::kBorderHelpWithExploitation);
  return notes;
}

bool HasForm(const ThreeElementInput& in, const char* form) {
  return std::find(in.forms.begin(), in.forms.end(), form) != in.forms.end();
}

}  // namespace

LabourPosition AssessLabour(const LabourFacts& f) {
  // Strongly restricted basic freedoms is what the Dutch lists mark as exploitation; without it,
  // several disadvantages together are serious disadvantage, one violation bad practice.
  // Dependency alone (the employer also arranges housing) is lawful and says nothing by itself.
  if (f.restricted_basic_freedoms) return LabourPosition::kExploitation;
  const int disadvantages =
      int{f.labour_law_violations} + int{f.multiple_dependency} + int{f.very_poor_circumstances};
  if (disadvantages >= 2) return LabourPosition::kSeriousDisadvantage;
  if (f.labour_law_violations || f.very_poor_circumstances) {
    return LabourPosition::kBadEmploymentPractice;
  }
  return LabourPosition::kNoIndication;
}

ThreeElementResult EvaluateThreeElements(const ThreeElementInput& in) {
  ThreeElementResult r;
  if (IndicatesSmuggling(in)) {
    r.outcome = TestOutcome::kIndicatesSmuggling;
    r.notes.push_back(TestNote::kSmuggledPersonCanBecomeVictim);
  } else {
    r.missing = MissingElements(in);
    r.outcome = r.missing.empty() ? TestOutcome::kAllElementsPresent : TestOutcome::kIncomplete;
    r.notes = TraffickingNotes(in);
  }
  if (in.labour && HasForm(in, "labour")) r.labour = AssessLabour(*in.labour);
  r.notes.push_back(TestNote::kNotAFinding);
  return r;
}

}  // namespace schakel::signals
