#include "signals/routing.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

namespace schakel::signals {

using nlohmann::json;

namespace {

constexpr std::array kAgeGroups = {AgeGroup::kMinor, AgeGroup::kAdult, AgeGroup::kUnknown};
constexpr std::array kLabourPositions = {
    LabourPosition::kNoIndication, LabourPosition::kBadEmploymentPractice,
    LabourPosition::kSeriousDisadvantage, LabourPosition::kExploitation};

template <typename T>
bool Contains(const std::vector<T>& list, const T& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A list member whose every entry passes `check(value, field)`: the values as strings.
template <typename Check>
Result<std::vector<std::string>> CheckedList(const json& obj, const std::string& where,
                                             const char* key, Check check) {
  std::vector<std::string> out;
  if (!obj.contains(key)) return out;
  const std::string field = FieldPath(where, key);
  if (!obj.at(key).is_array()) {
    return Error::Invalid(field, fmt::format("'{}' must be a list", field));
  }
  for (size_t i = 0; i < obj.at(key).size(); ++i) {
    const std::string item = fmt::format("{}[{}]", field, i);
    const json& v = obj.at(key)[i];
    const std::string value = v.is_string() ? v.get<std::string>() : v.dump();
    if (Status s = check(value, item); !s) return s.error();
    out.push_back(value);
  }
  return out;
}

// Names → enum values through the enum's own name function, so the file uses the wire names.
template <typename E, size_t N>
Result<std::vector<E>> EnumList(const json& obj, const std::string& where, const char* key,
                                const std::array<E, N>& all, const char* (*name)(E)) {
  std::vector<E> out;
  auto names = CheckedList(obj, where, key, [&](const std::string& v, const std::string& item) {
    for (E e : all) {
      if (v == name(e)) {
        out.push_back(e);
        return Status::Ok();
      }
    }
    return Status(Error::Invalid(item, fmt::format("'{}' is not a known value: {}", item, v)));
  });
  if (!names) return names.error();
  return out;
}

// A checker that the value names an entry the catalogue has.
template <typename Find>
auto KnownIn(const char* kind, Find find) {
  return [kind, find](const std::string& v, const std::string& item) {
    if (find(v)) return Status::Ok();
    return Status(Error::Invalid(item, fmt::format("unknown {} '{}'", kind, v)));
  };
}

Status CheckConditionKeys(const json& when, const std::string& where) {
  static const std::set<std::string> keys = {"urgency", "age", "living_at_home", "forms",
                                             "labour_position"};
  for (const auto& item : when.items()) {
    if (!keys.contains(item.key())) {
      return Error::Invalid(FieldPath(where, item.key()),
                            fmt::format("unknown condition '{}'", item.key()));
    }
  }
  return Status::Ok();
}

Result<RuleConditions> ParseConditions(const json& rule, const std::string& rule_where,
                                       const Catalog& c) {
  RuleConditions w;
  if (!rule.contains("when")) return w;
  const std::string where = rule_where + ".when";
  const json& when = rule.at("when");
  if (!when.is_object()) return Error::Invalid(where, fmt::format("'{}' must be an object", where));
  if (Status s = CheckConditionKeys(when, where); !s) return s.error();
  auto urgency =
      CheckedList(when, where, "urgency",
                  KnownIn("urgency", [&c](const auto& v) { return c.FindUrgency(v) != nullptr; }));
  if (!urgency) return urgency.error();
  auto forms =
      CheckedList(when, where, "forms",
                  KnownIn("form", [&c](const auto& v) { return c.FindForm(v) != nullptr; }));
  if (!forms) return forms.error();
  auto age = EnumList(when, where, "age", kAgeGroups, AgeGroupName);
  if (!age) return age.error();
  auto labour = EnumList(when, where, "labour_position", kLabourPositions, LabourPositionName);
  if (!labour) return labour.error();
  w.urgency = *urgency;
  w.forms = *forms;
  w.age = *age;
  w.labour_position = *labour;
  if (when.contains("living_at_home")) {
    auto home = OptionalBool(when, where, "living_at_home");
    if (!home) return home.error();
    w.living_at_home = *home;
  }
  return w;
}

Result<TargetKind> ParseTarget(const json& t, const std::string& where, const Catalog& c) {
  auto kind = RequiredString(t, where, "partner_kind");
  if (!kind) return kind.error();
  if (c.FindPartnerKind(*kind) == nullptr) {
    return Error::Invalid(where + ".partner_kind", fmt::format("unknown partner kind '{}'", *kind));
  }
  auto regional = OptionalBool(t, where, "regional");
  if (!regional) return regional.error();
  return TargetKind{*kind, *regional};
}

Status ParseRuleFlags(const json& r, const std::string& where, RoutingRule& rule) {
  auto is_default = OptionalBool(r, where, "default");
  if (!is_default) return is_default.error();
  auto replaces = OptionalBool(r, where, "replaces_default");
  if (!replaces) return replaces.error();
  auto emergency = OptionalBool(r, where, "emergency_guidance");
  if (!emergency) return emergency.error();
  rule.is_default = *is_default;
  rule.replaces_default = *replaces;
  rule.emergency_guidance = *emergency;
  return Status::Ok();
}

Result<RoutingRule> ParseRule(const json& r, const std::string& where, const Catalog& c,
                              const std::vector<TargetKind>& targets) {
  RoutingRule rule;
  auto id = RequiredString(r, where, "id");
  if (!id) return id.error();
  rule.id = *id;
  auto target = RequiredString(r, where, "target");
  if (!target) return target.error();
  if (std::none_of(targets.begin(), targets.end(),
                   [&](const TargetKind& t) { return t.partner_kind == *target; })) {
    return Error::Invalid(where + ".target", fmt::format("rule '{}' names '{}', which is not a "
                                                         "forward target",
                                                         *id, *target));
  }
  rule.target = *target;
  auto reason = RequiredText(r, where, "reason");
  if (!reason) return reason.error();
  rule.reason = *reason;
  auto when = ParseConditions(r, where, c);
  if (!when) return when.error();
  rule.when = *when;
  if (Status s = ParseRuleFlags(r, where, rule); !s) return s.error();
  return rule;
}

bool HasNoConditions(const RuleConditions& w) {
  return w.urgency.empty() && w.age.empty() && !w.living_at_home && w.forms.empty() &&
         w.labour_position.empty();
}

// Exactly one default rule, without conditions: it is what happens when nothing else applies.
Status CheckDefaultRule(const std::vector<RoutingRule>& rules) {
  const RoutingRule* found = nullptr;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (!rules[i].is_default) continue;
    const std::string where = fmt::format("rules[{}]", i);
    if (found != nullptr) {
      return Error::Invalid(where + ".default", fmt::format("rules '{}' and '{}' are both the "
                                                            "default",
                                                            found->id, rules[i].id));
    }
    if (!HasNoConditions(rules[i].when) || rules[i].replaces_default) {
      return Error::Invalid(where + ".when",
                            fmt::format("default rule '{}' must have no conditions", rules[i].id));
    }
    found = &rules[i];
  }
  if (found == nullptr) return Error::Invalid("rules", "no rule is the default");
  return Status::Ok();
}

bool Matches(const RuleConditions& w, const RoutingFacts& f) {
  if (!w.urgency.empty() && !Contains(w.urgency, f.urgency)) return false;
  if (!w.age.empty() && !Contains(w.age, f.age)) return false;
  if (w.living_at_home && *w.living_at_home != f.living_at_home) return false;
  if (!w.forms.empty() && std::none_of(f.forms.begin(), f.forms.end(),
                                       [&](const auto& form) { return Contains(w.forms, form); })) {
    return false;
  }
  if (!w.labour_position.empty() && (!f.labour || !Contains(w.labour_position, *f.labour))) {
    return false;
  }
  return true;
}

// The rules that recommend a target for these facts, in rule order.
std::vector<const RoutingRule*> Recommending(const RoutingRules& rules, const RoutingFacts& f) {
  std::vector<const RoutingRule*> matched;
  bool replaced = false;
  for (const RoutingRule& r : rules.rules) {
    if (!r.is_default && Matches(r.when, f)) {
      matched.push_back(&r);
      replaced = replaced || r.replaces_default;
    }
  }
  std::vector<const RoutingRule*> out;
  for (const RoutingRule& r : rules.rules) {
    if ((r.is_default && !replaced) || Contains(matched, &r)) out.push_back(&r);
  }
  return out;
}

}  // namespace

const ForwardTarget* RoutingAdvice::Find(std::string_view partner_kind) const {
  for (const ForwardTarget& t : targets) {
    if (t.partner_kind == partner_kind) return &t;
  }
  return nullptr;
}

RegionLookup LookupIn(std::map<std::string, std::string, std::less<>> regions) {
  return
      [regions = std::move(regions)](std::string_view municipality) -> std::optional<std::string> {
        auto it = regions.find(municipality);
        if (it == regions.end()) return std::nullopt;
        return it->second;
      };
}

RoutingAdvice Route(const RoutingRules& rules, const RoutingFacts& facts,
                    const RegionLookup& region_of) {
  RoutingAdvice advice;
  for (const RoutingRule* r : Recommending(rules, facts)) {
    advice.emergency_guidance = advice.emergency_guidance || r->emergency_guidance;
    if (advice.Find(r->target) == nullptr) {
      advice.targets.push_back({r->target, {}, true, r->id, r->reason});
    }
  }
  for (const TargetKind& t : rules.targets) {
    if (advice.Find(t.partner_kind) == nullptr) {
      advice.targets.push_back({t.partner_kind, {}, false, {}, {}});
    }
  }
  const std::optional<std::string> region = region_of(facts.municipality);
  for (ForwardTarget& t : advice.targets) {
    const auto kind =
        std::find_if(rules.targets.begin(), rules.targets.end(),
                     [&](const TargetKind& k) { return k.partner_kind == t.partner_kind; });
    if (kind == rules.targets.end() || !kind->regional) continue;
    if (region) t.region = *region;
    advice.region_unknown = !region.has_value();
  }
  return advice;
}

Result<RoutingRules> ParseRouting(const json& doc, const Catalog& catalog) {
  if (!doc.is_object()) return Error::Invalid("", "routing rules must be a JSON object");
  RoutingRules r;
  auto id = RequiredString(doc, "", "id");
  if (!id) return id.error();
  r.id = *id;
  auto targets = ParseEntries<TargetKind>(
      doc, "targets", "target", "partner_kind",
      [&catalog](const json& t, const std::string& where) {
        return ParseTarget(t, where, catalog);
      },
      [](const TargetKind& t) { return t.partner_kind; });
  if (!targets) return targets.error();
  r.targets = std::move(*targets);
  auto rules = ParseEntries<RoutingRule>(
      doc, "rules", "rule id", "id",
      [&](const json& rule, const std::string& where) {
        return ParseRule(rule, where, catalog, r.targets);
      },
      [](const RoutingRule& rule) { return rule.id; });
  if (!rules) return rules.error();
  if (Status s = CheckDefaultRule(*rules); !s) return s.error();
  r.rules = std::move(*rules);
  return r;
}

Result<RoutingRules> LoadRoutingFile(const std::filesystem::path& path, const Catalog& catalog) {
  return LoadJsonFile<RoutingRules>(
      path, [&catalog](const json& doc) { return ParseRouting(doc, catalog); });
}

}  // namespace schakel::signals
