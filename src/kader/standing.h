// Where a municipality stands: the level each building block reaches given the answers to its
// criteria, the gaps to the next level, progress, the comparison of two periods and the roll-up
// over many municipalities. Pure functions of a Framework and answers.
//
// The level rule (Kader): a block reaches a level when every applicable criterion of that level
// and of every level below it is met. "Not applicable" criteria are left out; unanswered, "partly
// met" and "not met" criteria block the level.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "kader/framework.h"

namespace schakel::kader {

enum class AnswerStatus { kMet, kPartlyMet, kNotMet, kNotApplicable };
const char* AnswerStatusName(AnswerStatus s);  // "met", "partly_met", "not_met", "not_applicable"
Result<AnswerStatus> ParseAnswerStatus(std::string_view text, std::string_view field);

struct Answer {
  AnswerStatus status = AnswerStatus::kNotMet;
  std::string evidence;     // what shows the status: documents, decisions, links
  std::string answered_by;  // who gave this answer
  std::string answered_at;  // UTC, ISO 8601
};
using Answers = std::map<std::string, Answer, std::less<>>;  // by criterion id

struct Gap {
  const Criterion* criterion = nullptr;
  std::optional<AnswerStatus> status;  // nullopt: not answered yet
};

struct BlockStanding {
  const Block* block = nullptr;
  const Level* level = nullptr;       // highest level reached; nullptr when none
  const Level* next_level = nullptr;  // the level to work towards; nullptr at the top
  std::vector<Gap> gaps;              // unmet applicable criteria of next_level
  int met = 0;                        // met criteria in the block (all levels)
  int applicable = 0;                 // criteria not marked not applicable
  int answered = 0;
  int total = 0;
  // Share of applicable criteria in the block that are met, 0..1 (0 when none applicable).
  double progress() const { return applicable == 0 ? 0.0 : static_cast<double>(met) / applicable; }
  // Index of the reached level in Framework::levels, or -1.
  int level_index = -1;
};

struct Standing {
  std::vector<BlockStanding> blocks;  // in block order
  int answered = 0;
  int total = 0;
  const BlockStanding* Find(std::string_view block_id) const;
};

Standing Evaluate(const Framework& f, const Answers& answers);

// Is a programme goal met by these answers?
bool GoalMet(const Framework& f, const Goal& goal, const Standing& standing,
             const Answers& answers);

struct CriterionChange {
  const Criterion* criterion = nullptr;
  std::optional<AnswerStatus> before;
  std::optional<AnswerStatus> after;
};
struct BlockChange {
  const Block* block = nullptr;
  const Level* before = nullptr;
  const Level* after = nullptr;
  int direction = 0;  // +1 up, -1 down, 0 same
};
struct Comparison {
  std::vector<BlockChange> blocks;        // every block
  std::vector<CriterionChange> criteria;  // only criteria whose status changed
};
Comparison Compare(const Framework& f, const Answers& before, const Answers& after);

// Roll-up over a set of municipalities. Municipalities without an assessment count in the
// denominator (they have not shown they reach anything) and are reported separately.
struct RollupEntry {
  std::string organisation;
  const Answers* answers = nullptr;  // nullptr: no assessment in scope
};
struct BlockRollup {
  const Block* block = nullptr;
  std::vector<int> reached;  // per level index: municipalities reaching at least that level
};
struct GoalRollup {
  const Goal* goal = nullptr;
  int met = 0;
};
struct Rollup {
  int municipalities = 0;
  int assessed = 0;
  std::vector<BlockRollup> blocks;
  std::vector<GoalRollup> goals;
};
Rollup RollUp(const Framework& f, const std::vector<RollupEntry>& entries);

}  // namespace schakel::kader
