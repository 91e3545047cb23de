#include "signals/outcome_text.h"

#include <string>

namespace schakel::signals {

namespace {

std::string Replace(std::string text, std::string_view placeholder, std::string_view value) {
  const size_t at = text.find(placeholder);
  if (at != std::string::npos) text.replace(at, placeholder.size(), value);
  return text;
}

// Fills `{placeholder}` in both languages with a per-language value.
template <typename ValueIn>
LocalizedText Fill(const LocalizedText& text, std::string_view placeholder, ValueIn value_in) {
  return {Replace(text.nl, placeholder, value_in("nl")),
          Replace(text.en, placeholder, value_in("en"))};
}

const char* ElementKey(Element e) {
  switch (e) {
    case Element::kAct:
      return "element.act";
    case Element::kMeans:
      return "element.means";
    case Element::kPurpose:
      return "element.purpose";
  }
  return "element.act";
}

const char* NoteKey(TestNote n) {
  switch (n) {
    case TestNote::kMinorNeedsNoMeans:
      return "note.minor_no_means";
    case TestNote::kAgeUnknown:
      return "note.age_unknown";
    case TestNote::kSmuggledPersonCanBecomeVictim:
      return "note.smuggled_can_become_victim";
    case TestNote::kBorderHelpWithExploitation:
      return "note.border_help_with_exploitation";
    case TestNote::kNotAFinding:
      return "note.not_a_finding";
  }
  return "note.not_a_finding";
}

// "means (absent), purpose (exploitation) (unknown)" in one language.
std::string MissingList(const Catalog& c, const std::vector<MissingElement>& missing,
                        std::string_view lang) {
  std::string out;
  for (const MissingElement& m : missing) {
    if (!out.empty()) out += ", ";
    const char* state = m.state == ElementState::kAbsent ? "state.absent" : "state.unknown";
    out += c.Text(ElementKey(m.element)).In(lang) + " (" + c.Text(state).In(lang) + ")";
  }
  return out;
}

LocalizedText OutcomeLine(const Catalog& c, const ThreeElementResult& r) {
  switch (r.outcome) {
    case TestOutcome::kAllElementsPresent:
      return c.Text("outcome.all_present");
    case TestOutcome::kIndicatesSmuggling:
      return c.Text("outcome.smuggling");
    case TestOutcome::kIncomplete:
      break;
  }
  return Fill(c.Text("outcome.incomplete"), "{missing}",
              [&](std::string_view lang) { return MissingList(c, r.missing, lang); });
}

void AddLabourLines(const Catalog& c, const RoutingRules& rules, LabourPosition position,
                    std::vector<LocalizedText>& lines) {
  lines.push_back(c.Text(std::string("labour.") + LabourPositionName(position)));
  const std::string route = LabourRoute(rules, position);
  const PartnerKind* partner = c.FindPartnerKind(route);
  if (partner == nullptr) return;
  lines.push_back(Fill(c.Text("labour.route"), "{partner}",
                       [&](std::string_view lang) { return partner->name.In(lang); }));
}

}  // namespace

std::string LabourRoute(const RoutingRules& rules, LabourPosition position) {
  if (position == LabourPosition::kNoIndication) return {};
  // Ask the routing rules with only the labour facts, so this is their decision, not a copy.
  RoutingFacts facts;
  facts.forms = {"labour"};
  facts.labour = position;
  facts.age = AgeGroup::kAdult;
  const RoutingAdvice advice =
      Route(rules, facts, [](std::string_view) { return std::optional<std::string>(); });
  return advice.targets.empty() || !advice.targets.front().recommended
             ? std::string()
             : advice.targets.front().partner_kind;
}

std::vector<LocalizedText> DescribeResult(const Catalog& catalog, const RoutingRules& rules,
                                          const ThreeElementResult& result) {
  std::vector<LocalizedText> lines = {OutcomeLine(catalog, result)};
  for (TestNote n : result.notes) lines.push_back(catalog.Text(NoteKey(n)));
  if (result.labour) AddLabourLines(catalog, rules, *result.labour, lines);
  return lines;
}

}  // namespace schakel::signals
