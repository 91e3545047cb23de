#include "kader/framework.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace schakel::kader {

using nlohmann::json;

namespace {

constexpr std::pair<EvidenceKind, const char*> kEvidenceKinds[] = {
    {EvidenceKind::kTrainingCoverage, "training_coverage"},
    {EvidenceKind::kAwarenessBeyondStaff, "awareness_beyond_staff"},
    {EvidenceKind::kEnvironmentScanReviewed, "environment_scan_reviewed"},
    {EvidenceKind::kPublishedPractice, "published_practice"},
    {EvidenceKind::kRoleHeld, "role_held"},
    {EvidenceKind::kExternalReportingSignals, "external_reporting_signals"},
    {EvidenceKind::kRegionalEstimate, "regional_estimate"},
};

// The role names of ../shared/design.md; app::ParseRole knows the same (a test checks).
constexpr const char* kRoleNames[] = {
    "admin",          "policy_officer", "signaller", "care_coordinator",
    "chain_director", "partner",        "monitor",   "auditor"};

}  // namespace

const char* EvidenceKindName(EvidenceKind kind) {
  for (const auto& [k, name] : kEvidenceKinds) {
    if (k == kind) return name;
  }
  return "unknown";
}

bool ParseEvidenceKind(std::string_view text, EvidenceKind* out) {
  for (const auto& [k, name] : kEvidenceKinds) {
    if (text == name) {
      *out = k;
      return true;
    }
  }
  return false;
}

const char* ProvenanceName(Provenance p) {
  switch (p) {
    case Provenance::kOfficial:
      return "official";
    case Provenance::kProvisional:
      return "provisional";
    case Provenance::kDerived:
      return "derived";
  }
  return "provisional";
}

namespace {

Result<std::vector<Level>> ParseLevels(const json& doc) {
  if (!doc.contains("levels") || !doc["levels"].is_array() || doc["levels"].empty()) {
    return Error::Invalid("levels", "'levels' must be a non-empty list");
  }
  std::vector<Level> levels;
  std::set<std::string> ids;
  std::set<int> ranks;
  for (size_t i = 0; i < doc["levels"].size(); ++i) {
    const std::string where = fmt::format("levels[{}]", i);
    const json& l = doc["levels"][i];
    auto id = RequiredString(l, where, "id");
    if (!id) return id.error();
    auto rank = RequiredPositiveInt(l, where, "rank");
    if (!rank) return rank.error();
    auto name = RequiredText(l, where, "name");
    if (!name) return name.error();
    if (!ids.insert(*id).second) {
      return Error::Invalid(where + ".id", fmt::format("duplicate level id '{}'", *id));
    }
    if (!ranks.insert(*rank).second) {
      return Error::Invalid(where + ".rank", fmt::format("duplicate level rank {}", *rank));
    }
    levels.push_back({*id, *rank, *name});
  }
  std::sort(levels.begin(), levels.end(),
            [](const Level& a, const Level& b) { return a.rank < b.rank; });
  return levels;
}

Result<std::vector<Block>> ParseBlocks(const json& doc) {
  if (!doc.contains("blocks") || !doc["blocks"].is_array() || doc["blocks"].empty()) {
    return Error::Invalid("blocks", "'blocks' must be a non-empty list");
  }
  std::vector<Block> blocks;
  std::set<std::string> ids;
  std::set<int> numbers;
  for (size_t i = 0; i < doc["blocks"].size(); ++i) {
    const std::string where = fmt::format("blocks[{}]", i);
    const json& b = doc["blocks"][i];
    auto id = RequiredString(b, where, "id");
    if (!id) return id.error();
    auto number = RequiredPositiveInt(b, where, "number");
    if (!number) return number.error();
    auto name = RequiredText(b, where, "name");
    if (!name) return name.error();
    if (!ids.insert(*id).second) {
      return Error::Invalid(where + ".id", fmt::format("duplicate block id '{}'", *id));
    }
    if (!numbers.insert(*number).second) {
      return Error::Invalid(where + ".number", fmt::format("duplicate block number {}", *number));
    }
    blocks.push_back({*id, *number, *name});
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const Block& a, const Block& b) { return a.number < b.number; });
  return blocks;
}

Result<Provenance> ParseProvenance(const json& c, const std::string& where) {
  if (!c.contains("provenance")) return Provenance::kOfficial;
  const std::string field = where + ".provenance";
  const json& p = c["provenance"];
  if (p == "official") return Provenance::kOfficial;
  if (p == "provisional") return Provenance::kProvisional;
  if (p == "derived") return Provenance::kDerived;
  return Error::Invalid(field, fmt::format("'{}' must be official, provisional or derived", field));
}

bool HasWindow(EvidenceKind k) {
  return k == EvidenceKind::kTrainingCoverage || k == EvidenceKind::kAwarenessBeyondStaff ||
         k == EvidenceKind::kEnvironmentScanReviewed ||
         k == EvidenceKind::kExternalReportingSignals;
}

Result<EvidenceRule> ParseEvidenceRule(const json& e, const std::string& where) {
  if (!e.is_object()) return Error::Invalid(where, fmt::format("'{}' must be an object", where));
  auto kind_text = RequiredString(e, where, "kind");
  if (!kind_text) return kind_text.error();
  EvidenceRule rule;
  if (!ParseEvidenceKind(*kind_text, &rule.kind)) {
    std::string known;
    for (const auto& [k, name] : kEvidenceKinds)
      known += (known.empty() ? "" : ", ") + std::string(name);
    return Error::Invalid(where + ".kind",
                          fmt::format("unknown evidence kind '{}' (known: {})", *kind_text, known));
  }
  if (HasWindow(rule.kind) && e.contains("within_months")) {
    auto months = RequiredPositiveInt(e, where, "within_months");
    if (!months) return months.error();
    if (*months > 120) {
      return Error::Invalid(where + ".within_months", "'within_months' must be at most 120");
    }
    rule.within_months = *months;
  }
  if (rule.kind == EvidenceKind::kTrainingCoverage) {
    if (!e.contains("min_share") || !e["min_share"].is_number() || e["min_share"] <= 0 ||
        e["min_share"] > 1) {
      return Error::Invalid(where + ".min_share",
                            "'min_share' must be a number above 0 and at most 1");
    }
    rule.min_share = e["min_share"].get<double>();
  }
  if (rule.kind == EvidenceKind::kRoleHeld) {
    auto role = RequiredString(e, where, "role");
    if (!role) return role.error();
    if (std::find(std::begin(kRoleNames), std::end(kRoleNames), *role) == std::end(kRoleNames)) {
      return Error::Invalid(where + ".role", fmt::format("unknown role '{}'", *role));
    }
    rule.role = *role;
  }
  return rule;
}

Result<std::vector<EvidenceRule>> ParseEvidence(const json& c, const std::string& where) {
  std::vector<EvidenceRule> rules;
  if (!c.contains("evidence")) return rules;
  if (!c["evidence"].is_array()) {
    return Error::Invalid(where + ".evidence", "'evidence' must be a list");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < c["evidence"].size(); ++i) {
    const std::string at = fmt::format("{}.evidence[{}]", where, i);
    auto rule = ParseEvidenceRule(c["evidence"][i], at);
    if (!rule) return rule.error();
    if (!seen.insert(EvidenceKindName(rule->kind)).second) {
      return Error::Invalid(at + ".kind", fmt::format("evidence kind '{}' is declared twice",
                                                      EvidenceKindName(rule->kind)));
    }
    rules.push_back(std::move(*rule));
  }
  return rules;
}

json EvidenceToJson(const std::vector<EvidenceRule>& rules) {
  json out = json::array();
  for (const EvidenceRule& r : rules) {
    json e{{"kind", EvidenceKindName(r.kind)}};
    if (HasWindow(r.kind)) e["within_months"] = r.within_months;
    if (r.kind == EvidenceKind::kTrainingCoverage) e["min_share"] = r.min_share;
    if (r.kind == EvidenceKind::kRoleHeld) e["role"] = r.role;
    out.push_back(e);
  }
  return out;
}

Result<std::vector<Goal>> ParseGoals(const json& doc, const Framework& f) {
  std::vector<Goal> goals;
  if (!doc.contains("goals")) return goals;
  if (!doc["goals"].is_array()) return Error::Invalid("goals", "'goals' must be a list");
  std::set<std::string> ids;
  for (size_t i = 0; i < doc["goals"].size(); ++i) {
    const std::string where = fmt::format("goals[{}]", i);
    const json& g = doc["goals"][i];
    auto id = RequiredString(g, where, "id");
    if (!id) return id.error();
    if (!ids.insert(*id).second) {
      return Error::Invalid(where + ".id", fmt::format("duplicate goal id '{}'", *id));
    }
    auto name = RequiredText(g, where, "name");
    if (!name) return name.error();
    Goal goal{*id, *name, {}, {}, {}};
    if (g.contains("criterion")) {
      auto criterion = RequiredString(g, where, "criterion");
      if (!criterion) return criterion.error();
      if (f.FindCriterion(*criterion) == nullptr) {
        return Error::Invalid(
            where + ".criterion",
            fmt::format("goal '{}' names unknown criterion '{}'", *id, *criterion));
      }
      goal.criterion = *criterion;
    } else {
      auto block = RequiredString(g, where, "block");
      if (!block) return block.error();
      auto level = RequiredString(g, where, "level");
      if (!level) return level.error();
      if (f.FindBlock(*block) == nullptr) {
        return Error::Invalid(where + ".block",
                              fmt::format("goal '{}' names unknown block '{}'", *id, *block));
      }
      if (f.FindLevel(*level) == nullptr) {
        return Error::Invalid(where + ".level",
                              fmt::format("goal '{}' names unknown level '{}'", *id, *level));
      }
      goal.block = *block;
      goal.level = *level;
    }
    goals.push_back(std::move(goal));
  }
  return goals;
}

}  // namespace

Result<Framework> ParseFramework(const json& doc) {
  if (!doc.is_object()) return Error::Invalid("", "a framework must be a JSON object");
  Framework f;
  auto id = RequiredString(doc, "", "id");
  if (!id) return id.error();
  f.id = *id;
  auto status = RequiredString(doc, "", "status");
  if (!status) return status.error();
  if (*status != "provisional" && *status != "official") {
    return Error::Invalid("status", "'status' must be provisional or official");
  }
  f.status = *status;
  auto title = RequiredText(doc, "framework", "title");
  if (!title) return Error::Invalid("title", title.error().message);
  f.title = *title;
  if (doc.contains("source") && doc["source"].is_string()) f.source = doc["source"];

  auto levels = ParseLevels(doc);
  if (!levels) return levels.error();
  f.levels = std::move(*levels);
  auto blocks = ParseBlocks(doc);
  if (!blocks) return blocks.error();
  f.blocks = std::move(*blocks);

  if (!doc.contains("criteria") || !doc["criteria"].is_array() || doc["criteria"].empty()) {
    return Error::Invalid("criteria", "'criteria' must be a non-empty list");
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < doc["criteria"].size(); ++i) {
    const std::string where = fmt::format("criteria[{}]", i);
    const json& c = doc["criteria"][i];
    auto cid = RequiredString(c, where, "id");
    if (!cid) return cid.error();
    if (!ids.insert(*cid).second) {
      return Error::Invalid(where + ".id", fmt::format("duplicate criterion id '{}'", *cid));
    }
    if (!c.contains("block")) {
      return Error::Invalid(where + ".block", fmt::format("criterion '{}' is in no block", *cid));
    }
    auto block = RequiredString(c, where, "block");
    if (!block) return block.error();
    if (f.FindBlock(*block) == nullptr) {
      return Error::Invalid(where + ".block",
                            fmt::format("criterion '{}' names unknown block '{}'", *cid, *block));
    }
    auto level = RequiredString(c, where, "level");
    if (!level) return level.error();
    if (f.FindLevel(*level) == nullptr) {
      return Error::Invalid(where + ".level",
                            fmt::format("criterion '{}' names unknown level '{}'", *cid, *level));
    }
    auto text = RequiredText(c, where, "text");
    if (!text) return text.error();
    auto provenance = ParseProvenance(c, where);
    if (!provenance) return provenance.error();
    auto evidence = ParseEvidence(c, where);
    if (!evidence) return evidence.error();
    f.criteria.push_back({*cid, *block, *level, *text, *provenance, std::move(*evidence)});
  }
  // Every block needs at least one criterion per level: an empty cell would make the level
  // reached without anything having been done.
  for (const Block& b : f.blocks) {
    for (const Level& l : f.levels) {
      if (f.CriteriaOf(b.id, l.id).empty()) {
        return Error::Invalid("criteria",
                              fmt::format("block '{}' has no criterion at level '{}'", b.id, l.id));
      }
    }
  }
  auto goals = ParseGoals(doc, f);
  if (!goals) return goals.error();
  f.goals = std::move(*goals);
  return f;
}

Result<Framework> LoadFrameworkFile(const std::filesystem::path& path) {
  return LoadJsonFile<Framework>(path, [](const json& doc) { return ParseFramework(doc); });
}

json FrameworkToJson(const Framework& f) {
  const auto text = [](const LocalizedText& t) { return json{{"nl", t.nl}, {"en", t.en}}; };
  json levels = json::array();
  for (const Level& l : f.levels) {
    levels.push_back({{"id", l.id}, {"rank", l.rank}, {"name", text(l.name)}});
  }
  json blocks = json::array();
  for (const Block& b : f.blocks) {
    blocks.push_back({{"id", b.id}, {"number", b.number}, {"name", text(b.name)}});
  }
  json criteria = json::array();
  for (const Criterion& c : f.criteria) {
    json criterion{{"id", c.id},
                   {"block", c.block},
                   {"level", c.level},
                   {"text", text(c.text)},
                   {"provenance", ProvenanceName(c.provenance)}};
    // Only when declared, so a framework without evidence keeps its stored form and hash.
    if (!c.evidence.empty()) criterion["evidence"] = EvidenceToJson(c.evidence);
    criteria.push_back(criterion);
  }
  json goals = json::array();
  for (const Goal& g : f.goals) {
    json goal{{"id", g.id}, {"name", text(g.name)}};
    if (!g.criterion.empty()) {
      goal["criterion"] = g.criterion;
    } else {
      goal["block"] = g.block;
      goal["level"] = g.level;
    }
    goals.push_back(goal);
  }
  return {{"id", f.id},       {"status", f.status}, {"title", text(f.title)}, {"source", f.source},
          {"levels", levels}, {"blocks", blocks},   {"criteria", criteria},   {"goals", goals}};
}

const Level* Framework::FindLevel(std::string_view level_id) const {
  for (const Level& l : levels) {
    if (l.id == level_id) return &l;
  }
  return nullptr;
}

const Block* Framework::FindBlock(std::string_view block_id) const {
  for (const Block& b : blocks) {
    if (b.id == block_id) return &b;
  }
  return nullptr;
}

const Criterion* Framework::FindCriterion(std::string_view criterion_id) const {
  for (const Criterion& c : criteria) {
    if (c.id == criterion_id) return &c;
  }
  return nullptr;
}

int Framework::LevelIndex(std::string_view level_id) const {
  for (size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].id == level_id) return static_cast<int>(i);
  }
  return -1;
}

std::vector<const Criterion*> Framework::CriteriaOf(std::string_view block,
                                                    std::string_view level) const {
  std::vector<const Criterion*> out;
  for (const Criterion& c : criteria) {
    if (c.block == block && c.level == level) out.push_back(&c);
  }
  return out;
}

}  // namespace schakel::kader
