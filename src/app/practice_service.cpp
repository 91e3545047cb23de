#include "app/practice_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/access.h"
#include "app/practice_input.h"

namespace schakel::app {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Status CheckList(std::string_view field, const std::vector<std::string>& values,
                 const std::vector<std::string>& allowed) {
  std::set<std::string> seen;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", field, i);
    if (Status s = CheckOneOf(at, values[i], allowed); !s.ok()) return s;
    if (!seen.insert(values[i]).second) {
      return Error::Invalid(at, fmt::format("'{}' is given twice", values[i]));
    }
  }
  return {};
}

bool Matches(const store::PracticeRecord& p, const PracticeSearch& q) {
  if (!q.form.empty() && !Contains(p.forms, q.form)) return false;
  if (!q.block.empty() && !Contains(p.blocks, q.block)) return false;
  if (!q.theme.empty()) {
    const std::string theme = Lower(q.theme);
    if (std::none_of(p.themes.begin(), p.themes.end(),
                     [&](const std::string& t) { return Lower(t) == theme; })) {
      return false;
    }
  }
  if (!q.text.empty()) {
    const std::string text = Lower(q.text);
    const std::string haystack = Lower(p.title + "\n" + p.problem + "\n" + p.approach);
    if (haystack.find(text) == std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::string PracticeService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

Status PracticeService::Validate(const PracticeInput& in) {
  if (Status s = CheckText("title", in.title, 200); !s.ok()) return s;
  for (const auto& [field, value] : std::vector<std::pair<const char*, const std::string*>>{
           {"problem", &in.problem},
           {"approach", &in.approach},
           {"partners", &in.partners},
           {"result", &in.result},
           {"requirements", &in.requirements}}) {
    // A draft may be incomplete; publishing checks that every part is written.
    if (Status s = CheckText(field, *value, 10000, false); !s.ok()) return s;
  }
  if (Status s = CheckText("contact", in.contact, 200, false); !s.ok()) return s;
  if (Status s = CheckList("forms", in.forms, ExploitationForms()); !s.ok()) return s;
  auto framework = kader_.Framework("2021-concept");
  if (!framework) return framework.error();
  std::vector<std::string> blocks;
  for (const auto& b : (*framework)->blocks) blocks.push_back(b.id);
  if (Status s = CheckList("blocks", in.blocks, blocks); !s.ok()) return s;
  if (in.themes.size() > 20) return Error::Invalid("themes", "at most 20 themes");
  for (size_t i = 0; i < in.themes.size(); ++i) {
    const std::string at = fmt::format("themes[{}]", i);
    if (Status s = CheckText(at, in.themes[i], 60); !s.ok()) return s;
    if (in.themes[i].find(',') != std::string::npos) {
      return Error::Invalid(at, "a theme cannot contain a comma; give each theme separately");
    }
  }
  return {};
}

Result<store::PracticeRecord> PracticeService::Load(store::Db& db, int64_t id) {
  auto found = store::PracticeRepository(db).Find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound(fmt::format("no practice {}", id));
  return **found;
}

Result<store::PracticeRecord> PracticeService::LoadFor(const Actor& actor, Action action,
                                                       int64_t id) {
  Result<store::PracticeRecord> practice = [&] {
    auto db = database_.Acquire();
    return Load(*db, id);
  }();
  if (!practice) return practice.error();
  const std::string publication = practice->publication == "draft" ? "" : practice->publication;
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, action, practice->organisation,
                                         Today(), "practice", std::to_string(id), publication);
      !s.ok()) {
    return s.error();
  }
  return practice;
}

Result<store::PracticeRecord> PracticeService::Create(const PracticeInput& input,
                                                      const Actor& actor) {
  if (Status s =
          AuthorizeOnOrganisation(database_, audit_, actor, Action::kEditPractice,
                                  input.organisation, Today(), "organisation", input.organisation);
      !s.ok()) {
    return s.error();
  }
  if (Status s = Validate(input); !s.ok()) return s.error();
  const std::string now = FormatUtc(clock_.Now());
  store::PracticeRecord record{0,
                               input.organisation,
                               input.title,
                               input.problem,
                               input.approach,
                               input.partners,
                               input.result,
                               input.requirements,
                               input.contact,
                               input.forms,
                               input.blocks,
                               input.themes};
  record.created_at = record.updated_at = now;
  record.created_by = actor.name;
  auto db = database_.Acquire();
  return store::InTransaction<store::PracticeRecord>(
      *db, [&](store::Db& tx) -> Result<store::PracticeRecord> {
        auto id = store::PracticeRepository(tx).Create(record);
        if (!id) return id.error();
        if (Status s =
                audit_.Record(tx, actor.Event("practice.create", "practice", std::to_string(*id)));
            !s.ok()) {
          return s.error();
        }
        return Load(tx, *id);
      });
}

Result<store::PracticeRecord> PracticeService::Update(int64_t id, const PracticeInput& input,
                                                      const Actor& actor) {
  auto existing = LoadFor(actor, Action::kEditPractice, id);
  if (!existing) return existing.error();
  if (Status s = Validate(input); !s.ok()) return s.error();
  store::PracticeRecord record = *existing;
  record.title = input.title;
  record.problem = input.problem;
  record.approach = input.approach;
  record.partners = input.partners;
  record.result = input.result;
  record.requirements = input.requirements;
  record.contact = input.contact;
  record.forms = input.forms;
  record.blocks = input.blocks;
  record.themes = input.themes;
  record.updated_at = FormatUtc(clock_.Now());
  auto db = database_.Acquire();
  return store::InTransaction<store::PracticeRecord>(
      *db, [&](store::Db& tx) -> Result<store::PracticeRecord> {
        if (Status s = store::PracticeRepository(tx).Update(record); !s.ok()) return s.error();
        if (Status s =
                audit_.Record(tx, actor.Event("practice.update", "practice", std::to_string(id)));
            !s.ok()) {
          return s.error();
        }
        return Load(tx, id);
      });
}

Result<store::PracticeRecord> PracticeService::Publish(int64_t id, const std::string& scope,
                                                       const Actor& actor) {
  auto existing = LoadFor(actor, Action::kPublishPractice, id);
  if (!existing) return existing.error();
  if (Status s = CheckOneOf("scope", scope, PublicationScopes()); !s.ok()) return s.error();
  if (existing->publication == scope) {
    return Error::Conflict(fmt::format("practice {} is already published ({})", id, scope));
  }
  if (existing->publication == "national") {
    return Error::Conflict(fmt::format(
        "practice {} is published nationally; it cannot be narrowed to the region", id));
  }
  // Others can only copy what is written down: every part before it leaves the municipality.
  for (const auto& [field, value] : std::vector<std::pair<const char*, const std::string*>>{
           {"problem", &existing->problem},
           {"approach", &existing->approach},
           {"partners", &existing->partners},
           {"result", &existing->result},
           {"requirements", &existing->requirements},
           {"contact", &existing->contact}}) {
    if (value->find_first_not_of(" \t\r\n") == std::string::npos) {
      return Error::Invalid(field, fmt::format("write '{}' before publishing", field));
    }
  }
  if (existing->forms.empty() && existing->blocks.empty()) {
    return Error::Invalid("blocks",
                          "give a building block or form of exploitation so others can find it");
  }
  auto db = database_.Acquire();
  return store::InTransaction<store::PracticeRecord>(
      *db, [&](store::Db& tx) -> Result<store::PracticeRecord> {
        if (Status s = store::PracticeRepository(tx).Publish(id, scope, actor.name,
                                                             FormatUtc(clock_.Now()));
            !s.ok()) {
          return s.error();
        }
        if (Status s =
                audit_.Record(tx, actor.Event("practice.publish", "practice", std::to_string(id)));
            !s.ok()) {
          return s.error();
        }
        return Load(tx, id);
      });
}

Result<store::PracticeRecord> PracticeService::Get(int64_t id, const Actor& actor) {
  return LoadFor(actor, Action::kViewPractice, id);
}

Result<std::vector<store::PracticeRecord>> PracticeService::Own(std::string_view organisation,
                                                                const Actor& actor) {
  if (Status s = AuthorizeOnOrganisation(database_, audit_, actor, Action::kEditPractice,
                                         organisation, Today(), "organisation", organisation);
      !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  return store::PracticeRepository(*db).List(organisation);
}

Result<std::vector<store::PracticeRecord>> PracticeService::Search(const PracticeSearch& search,
                                                                   const Actor& actor) {
  if (!actor.principal.authenticated()) {  // audited like every refusal
    return app::Authorize(database_, audit_, actor, Action::kViewPractice, {}, "practice", "")
        .error();
  }
  if (!search.form.empty()) {
    if (Status s = CheckOneOf("form", search.form, ExploitationForms()); !s.ok()) return s.error();
  }
  auto db = database_.Acquire();
  auto published = store::PracticeRepository(*db).Published();
  if (!published) return published.error();
  const std::string today = Today();
  std::map<std::string, Resource> resources;  // per organisation
  std::vector<store::PracticeRecord> out;
  for (store::PracticeRecord& p : *published) {
    if (!Matches(p, search)) continue;
    auto it = resources.find(p.organisation);
    if (it == resources.end()) {
      auto r = OrganisationResource(*db, p.organisation, today);
      if (!r) return r.error();
      it = resources.emplace(p.organisation, std::move(*r)).first;
    }
    Resource on = it->second;
    on.publication = p.publication;
    // Rows the actor may not read are left out, not refused one by one.
    if (Decide(actor.principal, Action::kViewPractice, on).allowed) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace schakel::app
