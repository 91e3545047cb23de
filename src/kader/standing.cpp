#include "kader/standing.h"

#include <fmt/format.h>

namespace schakel::kader {

const char* AnswerStatusName(AnswerStatus s) {
  switch (s) {
    case AnswerStatus::kMet:
      return "met";
    case AnswerStatus::kPartlyMet:
      return "partly_met";
    case AnswerStatus::kNotMet:
      return "not_met";
    case AnswerStatus::kNotApplicable:
      return "not_applicable";
  }
  return "not_met";
}

Result<AnswerStatus> ParseAnswerStatus(std::string_view text, std::string_view field) {
  for (AnswerStatus s : {AnswerStatus::kMet, AnswerStatus::kPartlyMet, AnswerStatus::kNotMet,
                         AnswerStatus::kNotApplicable}) {
    if (text == AnswerStatusName(s)) return s;
  }
  return Error::Invalid(std::string(field),
                        fmt::format("'{}' is not a status; use met, partly_met, not_met or "
                                    "not_applicable",
                                    text));
}

namespace {

std::optional<AnswerStatus> StatusOf(const Answers& answers, const std::string& criterion) {
  auto it = answers.find(criterion);
  if (it == answers.end()) return std::nullopt;
  return it->second.status;
}

bool Satisfied(std::optional<AnswerStatus> s) {
  return s == AnswerStatus::kMet || s == AnswerStatus::kNotApplicable;
}

BlockStanding EvaluateBlock(const Framework& f, const Block& block, const Answers& answers) {
  BlockStanding bs;
  bs.block = &block;
  bool reached_so_far = true;
  for (size_t li = 0; li < f.levels.size(); ++li) {
    const Level& level = f.levels[li];
    bool level_complete = true;
    std::vector<Gap> level_gaps;
    for (const Criterion* c : f.CriteriaOf(block.id, level.id)) {
      const auto status = StatusOf(answers, c->id);
      ++bs.total;
      if (status) ++bs.answered;
      if (status != AnswerStatus::kNotApplicable) ++bs.applicable;
      if (status == AnswerStatus::kMet) ++bs.met;
      if (!Satisfied(status)) {
        level_complete = false;
        level_gaps.push_back({c, status});
      }
    }
    if (reached_so_far && level_complete) {
      bs.level = &level;
      bs.level_index = static_cast<int>(li);
    } else if (reached_so_far) {
      reached_so_far = false;
      bs.next_level = &level;
      bs.gaps = std::move(level_gaps);
    }
  }
  return bs;
}

}  // namespace

const BlockStanding* Standing::Find(std::string_view block_id) const {
  for (const BlockStanding& b : blocks) {
    if (b.block->id == block_id) return &b;
  }
  return nullptr;
}

Standing Evaluate(const Framework& f, const Answers& answers) {
  Standing s;
  for (const Block& b : f.blocks) {
    s.blocks.push_back(EvaluateBlock(f, b, answers));
    s.answered += s.blocks.back().answered;
    s.total += s.blocks.back().total;
  }
  return s;
}

bool GoalMet(const Framework& f, const Goal& goal, const Standing& standing,
             const Answers& answers) {
  if (!goal.criterion.empty()) return StatusOf(answers, goal.criterion) == AnswerStatus::kMet;
  const BlockStanding* b = standing.Find(goal.block);
  return b != nullptr && b->level_index >= f.LevelIndex(goal.level);
}

Comparison Compare(const Framework& f, const Answers& before, const Answers& after) {
  Comparison cmp;
  const Standing sb = Evaluate(f, before);
  const Standing sa = Evaluate(f, after);
  for (size_t i = 0; i < f.blocks.size(); ++i) {
    const int lb = sb.blocks[i].level_index;
    const int la = sa.blocks[i].level_index;
    cmp.blocks.push_back(
        {&f.blocks[i], sb.blocks[i].level, sa.blocks[i].level, la > lb ? 1 : (la < lb ? -1 : 0)});
  }
  for (const Criterion& c : f.criteria) {
    const auto b = StatusOf(before, c.id);
    const auto a = StatusOf(after, c.id);
    if (a != b) cmp.criteria.push_back({&c, b, a});
  }
  return cmp;
}

Rollup RollUp(const Framework& f, const std::vector<RollupEntry>& entries) {
  Rollup r;
  for (const Block& b : f.blocks) r.blocks.push_back({&b, std::vector<int>(f.levels.size(), 0)});
  for (const Goal& g : f.goals) r.goals.push_back({&g, 0});
  for (const RollupEntry& e : entries) {
    ++r.municipalities;
    if (e.answers == nullptr) continue;
    ++r.assessed;
    const Standing s = Evaluate(f, *e.answers);
    for (size_t bi = 0; bi < s.blocks.size(); ++bi) {
      for (int li = 0; li <= s.blocks[bi].level_index; ++li) {
        ++r.blocks[bi].reached[static_cast<size_t>(li)];
      }
    }
    for (GoalRollup& g : r.goals) {
      if (GoalMet(f, *g.goal, s, *e.answers)) ++g.met;
    }
  }
  return r;
}

}  // namespace schakel::kader
