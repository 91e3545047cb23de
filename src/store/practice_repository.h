// Good practices: a municipality's write-up of a practice (problem, approach, partners, result,
// what others need to copy it, contact organisation), a draft until a policy officer publishes it
// to the region or nationally. Search filters are applied in src/app over the published rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct PracticeRecord {
  int64_t id = 0;
  std::string organisation;
  std::string title;
  std::string problem;
  std::string approach;
  std::string partners;
  std::string result;
  std::string requirements;           // what others need to copy it
  std::string contact;                // contact organisation
  std::vector<std::string> forms;     // forms of exploitation (catalog ids)
  std::vector<std::string> blocks;    // Kader building blocks
  std::vector<std::string> themes;    // free keywords
  std::string publication = "draft";  // draft | region | national
  std::optional<std::string> published_at{};
  std::optional<std::string> published_by{};
  std::string created_at{};
  std::string created_by{};
  std::string updated_at{};
};

class PracticeRepository {
 public:
  explicit PracticeRepository(Db& db) : db_(db) {}
  Result<int64_t> Create(const PracticeRecord& p);
  // Changes the text fields and lists (not the publication).
  Status Update(const PracticeRecord& p);
  Status Publish(int64_t id, std::string_view scope, std::string_view by, std::string_view at);
  Result<std::optional<PracticeRecord>> Find(int64_t id);
  // Practices of one organisation in every state, newest first.
  Result<std::vector<PracticeRecord>> List(std::string_view organisation);
  // Every published practice (region or national), newest publication first.
  Result<std::vector<PracticeRecord>> Published();

 private:
  Db& db_;
};

}  // namespace schakel::store
