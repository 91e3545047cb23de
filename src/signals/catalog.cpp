#include "signals/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace schakel::signals {

using nlohmann::json;

const char* WordingName(Wording w) {
  switch (w) {
    case Wording::kQuoted:
      return "quoted";
    case Wording::kParaphrased:
      return "paraphrased";
    case Wording::kDerived:
      return "derived";
  }
  return "paraphrased";
}

const std::vector<std::string>& RequiredTextKeys() {
  static const std::vector<std::string> keys = {
      "element.act",
      "element.means",
      "element.purpose",
      "state.absent",
      "state.unknown",
      "outcome.all_present",
      "outcome.incomplete",
      "outcome.smuggling",
      "note.minor_no_means",
      "note.age_unknown",
      "note.smuggled_can_become_victim",
      "note.border_help_with_exploitation",
      "note.not_a_finding",
      "labour.no_indication",
      "labour.bad_employment_practice",
      "labour.serious_disadvantage",
      "labour.exploitation",
      "labour.route",
  };
  return keys;
}

namespace {

// The id and two-language name every simple entry has.
struct Named {
  std::string id;
  LocalizedText name;
};

Result<Named> ParseNamed(const json& e, const std::string& where) {
  return ParseIdAndName<Named>(e, where);
}

Result<Source> ParseSource(const json& e, const std::string& where) {
  auto id = RequiredString(e, where, "id");
  if (!id) return id.error();
  auto title = RequiredText(e, where, "title");
  if (!title) return title.error();
  auto citation = RequiredString(e, where, "citation");
  if (!citation) return citation.error();
  return Source{*id, *title, *citation};
}

Result<Form> ParseForm(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  auto htcds = OptionalStringList(e, where, "htcds");
  if (!htcds) return htcds.error();
  return Form{named->id, named->name, *htcds};
}

Result<IndicatorGroup> ParseGroup(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  return IndicatorGroup{named->id, named->name};
}

Result<Wording> ParseWording(const json& e, const std::string& where) {
  const std::string field = where + ".wording";
  const json w = e.is_object() && e.contains("wording") ? e.at("wording") : json();
  if (w == "quoted") return Wording::kQuoted;
  if (w == "paraphrased") return Wording::kParaphrased;
  if (w == "derived") return Wording::kDerived;
  return Error::Invalid(field, fmt::format("'{}' must be quoted, paraphrased or derived", field));
}

// The source an entry cites: required, and one of the catalogue's sources.
Result<std::string> CitedSource(const Catalog& c, const json& e, const std::string& where,
                                const std::string& id) {
  if (!e.contains("source")) {
    return Error::Invalid(where + ".source", fmt::format("'{}' cites no source", id));
  }
  auto source = RequiredString(e, where, "source");
  if (!source) return source.error();
  if (FindById(c.sources, *source) == nullptr) {
    return Error::Invalid(where + ".source",
                          fmt::format("'{}' names unknown source '{}'", id, *source));
  }
  return source;
}

Result<std::vector<std::string>> IndicatorForms(const Catalog& c, const json& e,
                                                const std::string& where, const std::string& id) {
  auto forms = OptionalStringList(e, where, "forms");
  if (!forms) return forms.error();
  if (forms->empty()) {
    return Error::Invalid(where + ".forms", fmt::format("indicator '{}' names no form", id));
  }
  for (size_t i = 0; i < forms->size(); ++i) {
    if (c.FindForm((*forms)[i]) == nullptr) {
      return Error::Invalid(fmt::format("{}.forms[{}]", where, i),
                            fmt::format("indicator '{}' names unknown form '{}'", id, (*forms)[i]));
    }
  }
  return forms;
}

Result<std::string> IndicatorGroupOf(const Catalog& c, const json& e, const std::string& where,
                                     const std::string& id) {
  if (!e.contains("group")) return std::string();
  auto group = RequiredString(e, where, "group");
  if (!group) return group.error();
  if (FindById(c.indicator_groups, *group) == nullptr) {
    return Error::Invalid(where + ".group",
                          fmt::format("indicator '{}' names unknown group '{}'", id, *group));
  }
  return group;
}

Result<Indicator> ParseIndicator(const Catalog& c, const json& e, const std::string& where) {
  auto id = RequiredString(e, where, "id");
  if (!id) return id.error();
  auto forms = IndicatorForms(c, e, where, *id);
  if (!forms) return forms.error();
  auto text = RequiredText(e, where, "text");
  if (!text) return text.error();
  auto source = CitedSource(c, e, where, *id);
  if (!source) return source.error();
  auto wording = ParseWording(e, where);
  if (!wording) return wording.error();
  auto group = IndicatorGroupOf(c, e, where, *id);
  if (!group) return group.error();
  auto htcds = OptionalStringList(e, where, "htcds");
  if (!htcds) return htcds.error();
  return Indicator{*id, *forms, *text, *source, *wording, *group, *htcds};
}

Result<RiskFactor> ParseRiskFactor(const Catalog& c, const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  auto source = CitedSource(c, e, where, named->id);
  if (!source) return source.error();
  auto htcds = OptionalStringList(e, where, "htcds");
  if (!htcds) return htcds.error();
  return RiskFactor{named->id, named->name, *source, *htcds};
}

Result<Channel> ParseChannel(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  return Channel{named->id, named->name};
}

Result<Urgency> ParseUrgency(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  auto rank = RequiredPositiveInt(e, where, "rank");
  if (!rank) return rank.error();
  Urgency u{named->id, *rank, named->name, {}};
  if (e.contains("guidance")) {
    auto guidance = RequiredText(e, where, "guidance");
    if (!guidance) return guidance.error();
    u.guidance = *guidance;
  }
  return u;
}

Result<PartnerKind> ParsePartnerKind(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  auto htcds = OptionalStringList(e, where, "htcds");
  if (!htcds) return htcds.error();
  return PartnerKind{named->id, named->name, *htcds};
}

Result<ClosingReason> ParseClosingReason(const json& e, const std::string& where) {
  auto named = ParseNamed(e, where);
  if (!named) return named.error();
  auto without_assessment = OptionalBool(e, where, "without_assessment");
  if (!without_assessment) return without_assessment.error();
  ClosingReason r{named->id, named->name, *without_assessment};
  return r;
}

Status CheckUrgencyRanks(std::vector<Urgency>& urgencies) {
  std::stable_sort(urgencies.begin(), urgencies.end(),
                   [](const Urgency& a, const Urgency& b) { return a.rank < b.rank; });
  for (size_t i = 1; i < urgencies.size(); ++i) {
    if (urgencies[i].rank == urgencies[i - 1].rank) {
      return Error::Invalid(
          "urgencies", fmt::format("urgencies '{}' and '{}' share rank {}", urgencies[i - 1].id,
                                   urgencies[i].id, urgencies[i].rank));
    }
  }
  return Status::Ok();
}

// Every key the code needs, in both languages, and no other (a typo would otherwise leave a
// text silently unused).
Result<std::vector<CatalogText>> ParseTexts(const json& doc) {
  if (!doc.contains("texts") || !doc["texts"].is_object()) {
    return Error::Invalid("texts", "'texts' must be an object of texts by key");
  }
  const auto& keys = RequiredTextKeys();
  for (const auto& item : doc["texts"].items()) {
    if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) {
      return Error::Invalid("texts." + item.key(),
                            fmt::format("unknown text key '{}'", item.key()));
    }
  }
  std::vector<CatalogText> texts;
  for (const std::string& key : keys) {
    auto text = RequiredText(doc["texts"], "texts", key.c_str());
    if (!text) return text.error();
    texts.push_back({key, *text});
  }
  return texts;
}

Status ParseHeader(const json& doc, Catalog& c) {
  auto header = ParseDataHeader(doc, "a catalogue");
  if (!header) return header.error();
  c.id = header->id;
  c.status = header->status;
  c.title = header->title;
  return Status::Ok();
}

// Sections that name no other section.
Status ParseIndependentSections(const json& doc, Catalog& c) {
  auto sources = ParseIdEntries<Source>(doc, "sources", "source", ParseSource);
  if (!sources) return sources.error();
  c.sources = std::move(*sources);
  auto forms = ParseIdEntries<Form>(doc, "forms", "form", ParseForm);
  if (!forms) return forms.error();
  c.forms = std::move(*forms);
  auto groups = ParseIdEntries<IndicatorGroup>(doc, "indicator_groups", "group", ParseGroup);
  if (!groups) return groups.error();
  c.indicator_groups = std::move(*groups);
  auto channels = ParseIdEntries<Channel>(doc, "channels", "channel", ParseChannel);
  if (!channels) return channels.error();
  c.channels = std::move(*channels);
  auto urgencies = ParseIdEntries<Urgency>(doc, "urgencies", "urgency", ParseUrgency);
  if (!urgencies) return urgencies.error();
  c.urgencies = std::move(*urgencies);
  auto partners =
      ParseIdEntries<PartnerKind>(doc, "partner_kinds", "partner kind", ParsePartnerKind);
  if (!partners) return partners.error();
  c.partner_kinds = std::move(*partners);
  auto reasons =
      ParseIdEntries<ClosingReason>(doc, "closing_reasons", "closing reason", ParseClosingReason);
  if (!reasons) return reasons.error();
  c.closing_reasons = std::move(*reasons);
  return CheckUrgencyRanks(c.urgencies);
}

// Sections whose entries name forms, groups or sources.
Status ParseReferringSections(const json& doc, Catalog& c) {
  auto indicators = ParseIdEntries<Indicator>(
      doc, "indicators", "indicator",
      [&c](const json& e, const std::string& where) { return ParseIndicator(c, e, where); });
  if (!indicators) return indicators.error();
  c.indicators = std::move(*indicators);
  auto risks = ParseIdEntries<RiskFactor>(
      doc, "risk_factors", "risk factor",
      [&c](const json& e, const std::string& where) { return ParseRiskFactor(c, e, where); });
  if (!risks) return risks.error();
  c.risk_factors = std::move(*risks);
  return Status::Ok();
}

}  // namespace

Result<Catalog> ParseCatalog(const json& doc) {
  Catalog c;
  if (Status s = ParseHeader(doc, c); !s) return s.error();
  if (Status s = ParseIndependentSections(doc, c); !s) return s.error();
  if (Status s = ParseReferringSections(doc, c); !s) return s.error();
  // A form nobody can pick an indicator for would leave the signal form with an empty list.
  for (const Form& f : c.forms) {
    if (c.IndicatorsOf(f.id).empty()) {
      return Error::Invalid("indicators", fmt::format("form '{}' has no indicator", f.id));
    }
  }
  auto texts = ParseTexts(doc);
  if (!texts) return texts.error();
  c.texts = std::move(*texts);
  return c;
}

Result<Catalog> LoadCatalogFile(const std::filesystem::path& path) {
  return LoadJsonFile<Catalog>(path, [](const json& doc) { return ParseCatalog(doc); });
}

const Form* Catalog::FindForm(std::string_view form_id) const {
  return FindById(forms, form_id);
}

const Indicator* Catalog::FindIndicator(std::string_view indicator_id) const {
  return FindById(indicators, indicator_id);
}

const Urgency* Catalog::FindUrgency(std::string_view urgency_id) const {
  return FindById(urgencies, urgency_id);
}

const PartnerKind* Catalog::FindPartnerKind(std::string_view kind_id) const {
  return FindById(partner_kinds, kind_id);
}

const ClosingReason* Catalog::FindClosingReason(std::string_view reason_id) const {
  return FindById(closing_reasons, reason_id);
}

std::vector<const Indicator*> Catalog::IndicatorsOf(std::string_view form) const {
  std::vector<const Indicator*> out;
  for (const Indicator& i : indicators) {
    if (std::find(i.forms.begin(), i.forms.end(), form) != i.forms.end()) out.push_back(&i);
  }
  return out;
}

const LocalizedText& Catalog::Text(std::string_view key) const {
  for (const CatalogText& t : texts) {
    if (t.key == key) return t.text;
  }
  // Only reachable with a key outside RequiredTextKeys(): a bug in the caller.
  throw std::logic_error(fmt::format("catalogue text '{}' does not exist", key));
}

}  // namespace schakel::signals
