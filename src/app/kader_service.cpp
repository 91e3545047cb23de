#include "app/kader_service.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <nlohmann/json.hpp>
#include <set>

#include "app/access.h"
#include "domain/period.h"
#include "store/organisation_repository.h"

namespace schakel::app {

using store::AssessmentRecord;
using store::AssessmentRepository;
using store::Db;
using store::FrameworkRepository;

namespace {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

kader::Answers ToAnswers(const std::vector<store::AnswerRecord>& records) {
  kader::Answers answers;
  for (const auto& r : records) {
    auto status = kader::ParseAnswerStatus(r.status, "status");
    // The database CHECK constraint admits only valid statuses.
    if (!status) throw std::logic_error("invalid answer status in database: " + r.status);
    answers[r.criterion] = {*status, r.evidence, r.answered_by, r.answered_at};
  }
  return answers;
}

Status CheckOrganisation(Db& db, std::string_view code) {
  auto org = store::OrganisationRepository(db).Find(code);
  if (!org) return org.error();
  if (!org->has_value()) {
    return Error::Invalid("organisation", fmt::format("unknown organisation '{}'", code));
  }
  if ((*org)->kind != "municipality") {
    return Error::Invalid("organisation",
                          fmt::format("'{}' is a {}; only municipalities assess themselves "
                                      "against the Kader",
                                      code, (*org)->kind));
  }
  return {};
}

}  // namespace

Result<FrameworkLoadResult> KaderService::LoadFramework(const kader::Framework& framework) {
  const std::string content = kader::FrameworkToJson(framework).dump();
  const std::string hash = Sha256Hex(content);
  auto db = database_.Acquire();
  return store::InTransaction<FrameworkLoadResult>(*db, [&](Db& tx) -> Result<FrameworkLoadResult> {
    FrameworkRepository repo(tx);
    auto existing = repo.Find(framework.id);
    if (!existing) return existing.error();
    std::string outcome = "loaded";
    if (existing->has_value()) {
      if ((*existing)->content_hash == hash) return FrameworkLoadResult{framework.id, "unchanged"};
      auto uses = repo.UseCount(framework.id);
      if (!uses) return uses.error();
      if (*uses > 0) return FrameworkLoadResult{framework.id, "kept (in use)"};
      outcome = "replaced";
    }
    if (Status s =
            repo.Upsert({framework.id, framework.status, content, hash, FormatUtc(clock_.Now())});
        !s.ok()) {
      return s.error();
    }
    return FrameworkLoadResult{framework.id, outcome};
  });
}

Result<std::shared_ptr<const kader::Framework>> KaderService::CachedFramework(Db& db,
                                                                              std::string_view id) {
  auto stored = FrameworkRepository(db).Find(id);
  if (!stored) return stored.error();
  if (!stored->has_value()) return Error::NotFound(fmt::format("no framework '{}'", id));
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(id);
    if (it != cache_.end() && it->second.first == (*stored)->content_hash) {
      return it->second.second;
    }
  }
  auto parsed = kader::ParseFramework(nlohmann::json::parse((*stored)->content));
  if (!parsed) return Error::Internal("stored framework is invalid: " + parsed.error().message);
  auto shared = std::make_shared<const kader::Framework>(std::move(parsed).value());
  std::lock_guard lock(cache_mu_);
  cache_[std::string(id)] = {(*stored)->content_hash, shared};
  return shared;
}

Result<std::vector<std::shared_ptr<const kader::Framework>>> KaderService::Frameworks() {
  auto db = database_.Acquire();
  auto list = FrameworkRepository(*db).List();
  if (!list) return list.error();
  std::vector<std::shared_ptr<const kader::Framework>> out;
  for (const auto& f : *list) {
    auto parsed = CachedFramework(*db, f.id);
    if (!parsed) return parsed.error();
    out.push_back(*parsed);
  }
  return out;
}

Result<std::shared_ptr<const kader::Framework>> KaderService::Framework(std::string_view id) {
  auto db = database_.Acquire();
  return CachedFramework(*db, id);
}

Result<AssessmentView> KaderService::Load(Db& db, int64_t id) {
  AssessmentRepository repo(db);
  auto rec = repo.Find(id);
  if (!rec) return rec.error();
  if (!rec->has_value()) return Error::NotFound(fmt::format("no assessment {}", id));
  auto framework = CachedFramework(db, (*rec)->framework);
  if (!framework) return framework.error();
  auto answers = repo.Answers(id);
  if (!answers) return answers.error();
  AssessmentView view{**rec, *framework, ToAnswers(*answers), {}};
  view.standing = kader::Evaluate(*view.framework, view.answers);
  return view;
}

Result<int64_t> KaderService::CreateIn(Db& db, std::string_view organisation,
                                       std::string_view period, std::string_view framework_id,
                                       const Actor& actor) {
  auto p = Period::Parse(period);
  if (!p) return p.error();
  if (Status s = CheckOrganisation(db, organisation); !s.ok()) return s.error();
  auto framework = CachedFramework(db, framework_id);
  if (!framework) {
    if (framework.error().code == ErrorCode::kNotFound) {
      return Error::Invalid("framework", framework.error().message);
    }
    return framework.error();
  }
  auto id = AssessmentRepository(db).Create({0,
                                             std::string(organisation),
                                             p->ToString(),
                                             std::string(framework_id),
                                             "draft",
                                             FormatUtc(clock_.Now()),
                                             actor.name,
                                             {},
                                             {}});
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Error::Conflict(
        fmt::format("{} already has an assessment for {}", organisation, p->ToString()));
  }
  return id;
}

Status KaderService::Authorize(const Actor& actor, Action action, std::string_view organisation,
                               std::string_view object_id) {
  Resource resource;
  {
    auto db = database_.Acquire();
    auto r = OrganisationResource(*db, organisation, FormatUtc(clock_.Now()).substr(0, 10));
    if (!r) return r.error();
    resource = std::move(r).value();
  }
  return app::Authorize(database_, audit_, actor, action, resource,
                        object_id.empty() ? "organisation" : "assessment",
                        object_id.empty() ? organisation : object_id);
}

Result<AssessmentView> KaderService::LoadFor(const Actor& actor, Action action, int64_t id) {
  Result<AssessmentView> view = [&] {
    auto db = database_.Acquire();
    return Load(*db, id);
  }();
  if (!view) return view.error();
  if (Status s = Authorize(actor, action, view->record.organisation, std::to_string(id)); !s.ok()) {
    return s.error();
  }
  return view;
}

Result<AssessmentView> KaderService::Create(std::string_view organisation, std::string_view period,
                                            std::string_view framework_id, const Actor& actor) {
  if (Status s = Authorize(actor, Action::kEditAssessment, organisation, ""); !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  return store::InTransaction<AssessmentView>(*db, [&](Db& tx) -> Result<AssessmentView> {
    auto id = CreateIn(tx, organisation, period, framework_id, actor);
    if (!id) return id.error();
    if (Status s = audit_.Record(
            tx, actor.Event("kader.assessment.create", "assessment", std::to_string(*id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, *id);
  });
}

Result<AssessmentView> KaderService::Get(int64_t id, const Actor& actor) {
  return LoadFor(actor, Action::kViewAssessment, id);
}

Result<AssessmentView> KaderService::GetForEdit(int64_t id, const Actor& actor) {
  return LoadFor(actor, Action::kEditAssessment, id);
}

Result<std::optional<AssessmentView>> KaderService::FindByPeriod(std::string_view organisation,
                                                                 std::string_view period,
                                                                 const Actor& actor) {
  auto p = Period::Parse(period);
  if (!p) return p.error();
  if (Status s = Authorize(actor, Action::kViewAssessment, organisation, ""); !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  auto rec = AssessmentRepository(*db).FindByPeriod(organisation, p->ToString());
  if (!rec) return rec.error();
  if (!rec->has_value()) return std::optional<AssessmentView>();
  auto view = Load(*db, (*rec)->id);
  if (!view) return view.error();
  return std::optional<AssessmentView>(std::move(view).value());
}

Result<std::vector<AssessmentRecord>> KaderService::List(
    const std::optional<std::string>& organisation, const Actor& actor) {
  if (!actor.principal.authenticated()) {  // the denial is audited like any other
    return app::Authorize(database_, audit_, actor, Action::kViewAssessment, {}, "assessment", "")
        .error();
  }
  if (organisation) {
    if (Status s = Authorize(actor, Action::kViewAssessment, *organisation, ""); !s.ok()) {
      return s.error();
    }
  }
  auto db = database_.Acquire();
  auto all = AssessmentRepository(*db).List(organisation);
  if (!all) return all.error();
  // Without an organisation: only those the policy lets the actor see (no denial per row).
  const std::string today = FormatUtc(clock_.Now()).substr(0, 10);
  std::map<std::string, bool> visible;
  std::vector<AssessmentRecord> out;
  for (AssessmentRecord& a : *all) {
    auto it = visible.find(a.organisation);
    if (it == visible.end()) {
      auto resource = OrganisationResource(*db, a.organisation, today);
      if (!resource) return resource.error();
      it = visible
               .emplace(a.organisation,
                        Decide(actor.principal, Action::kViewAssessment, *resource).allowed)
               .first;
    }
    if (it->second) out.push_back(std::move(a));
  }
  return out;
}

Status KaderService::ValidateAnswers(const kader::Framework& f,
                                     const std::vector<AnswerInput>& answers) {
  if (answers.empty()) return Error::Invalid("answers", "no answers given");
  std::set<std::string, std::less<>> seen;
  for (const AnswerInput& a : answers) {
    if (f.FindCriterion(a.criterion) == nullptr) {
      return Error::Invalid(
          a.field + ".criterion",
          fmt::format("unknown criterion '{}' in framework {}", a.criterion, f.id));
    }
    if (!seen.insert(a.criterion).second) {
      return Error::Invalid(a.field + ".criterion",
                            fmt::format("criterion '{}' is answered twice", a.criterion));
    }
    auto status = kader::ParseAnswerStatus(a.status, a.field + ".status");
    if (!status) return status.error();
    if (a.evidence.size() > 10000) {
      return Error::Invalid(a.field + ".evidence", "evidence is longer than 10,000 characters");
    }
  }
  return {};
}

Result<AssessmentView> KaderService::Answer(int64_t id, const std::vector<AnswerInput>& answers,
                                            const Actor& actor) {
  if (auto allowed = LoadFor(actor, Action::kEditAssessment, id); !allowed) {
    return allowed.error();
  }
  auto db = database_.Acquire();
  return store::InTransaction<AssessmentView>(*db, [&](Db& tx) -> Result<AssessmentView> {
    auto view = Load(tx, id);
    if (!view) return view.error();
    if (view->record.status != "draft") {
      return Error::Conflict(fmt::format(
          "assessment {} was submitted on {} and is frozen; start a new period to change answers",
          id, view->record.submitted_at.value_or("?")));
    }
    if (Status s = ValidateAnswers(*view->framework, answers); !s.ok()) return s.error();
    AssessmentRepository repo(tx);
    const std::string now = FormatUtc(clock_.Now());
    for (const AnswerInput& a : answers) {
      if (Status s = repo.SetAnswer(id, {a.criterion, a.status, a.evidence, actor.name, now});
          !s.ok()) {
        return s.error();
      }
    }
    if (Status s = audit_.Record(
            tx, actor.Event("kader.assessment.answer", "assessment", std::to_string(id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, id);
  });
}

Result<AssessmentView> KaderService::Submit(int64_t id, const Actor& actor) {
  if (auto allowed = LoadFor(actor, Action::kSubmitAssessment, id); !allowed) {
    return allowed.error();
  }
  auto db = database_.Acquire();
  return store::InTransaction<AssessmentView>(*db, [&](Db& tx) -> Result<AssessmentView> {
    auto view = Load(tx, id);
    if (!view) return view.error();
    if (view->record.status != "draft") {
      return Error::Conflict(fmt::format("assessment {} was already submitted", id));
    }
    if (view->standing.answered == 0) {
      return Error::Conflict("an assessment without any answer cannot be submitted");
    }
    if (Status s = AssessmentRepository(tx).MarkSubmitted(id, actor.name, FormatUtc(clock_.Now()));
        !s.ok()) {
      return s.error();
    }
    if (Status s = audit_.Record(
            tx, actor.Event("kader.assessment.submit", "assessment", std::to_string(id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, id);
  });
}

Result<ComparisonView> KaderService::Compare(int64_t from, int64_t to, const Actor& actor) {
  auto a = LoadFor(actor, Action::kViewAssessment, from);
  if (!a) return a.error();
  auto b = LoadFor(actor, Action::kViewAssessment, to);
  if (!b) return b.error();
  if (a->record.framework != b->record.framework) {
    return Error::Invalid("to", fmt::format("assessments use different frameworks ({} and {}); "
                                            "only assessments of one framework can be compared",
                                            a->record.framework, b->record.framework));
  }
  if (a->record.organisation != b->record.organisation) {
    return Error::Invalid("to", "both assessments must be of the same organisation");
  }
  ComparisonView view{*a, *b, {}};
  view.comparison = kader::Compare(*view.from.framework, view.from.answers, view.to.answers);
  return view;
}

Result<RollupView> KaderService::RollUp(const std::optional<std::string>& region,
                                        const std::optional<std::string>& period,
                                        std::string_view framework_id, const Actor& actor) {
  if (region) {
    Resource resource{*region, {*region}, "", {}};
    if (Status s = app::Authorize(database_, audit_, actor, Action::kViewRegionRollup, resource,
                                  "region", *region);
        !s.ok()) {
      return s.error();
    }
  } else if (Status s = app::Authorize(database_, audit_, actor, Action::kViewNationalRollup, {},
                                       "rollup", "national");
             !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  auto framework = CachedFramework(*db, framework_id);
  if (!framework) return framework.error();
  RollupView view{*framework, {}, "", {}, {}};
  std::string up_to;
  if (period) {
    auto p = Period::Parse(*period);
    if (!p) return p.error();
    view.period = up_to = p->ToString();
  }
  store::OrganisationRepository orgs(*db);
  if (region) {
    auto r = orgs.Find(*region);
    if (!r) return r.error();
    if (!r->has_value() || (*r)->kind != "region") {
      return Error::NotFound(fmt::format("no region '{}'", *region));
    }
    view.region = **r;
  }
  const std::string today = FormatUtc(clock_.Now()).substr(0, 10);
  auto municipalities = orgs.List({"municipality", region, today});
  if (!municipalities) return municipalities.error();
  AssessmentRepository repo(*db);
  auto latest = repo.LatestSubmitted(framework_id, up_to);
  if (!latest) return latest.error();
  std::map<std::string, kader::Answers> answers;
  for (const AssessmentRecord& a : *latest) {
    auto records = repo.Answers(a.id);
    if (!records) return records.error();
    answers[a.organisation] = ToAnswers(*records);
  }
  std::vector<kader::RollupEntry> entries;
  for (const auto& m : *municipalities) {
    auto it = answers.find(m.code);
    entries.push_back({m.code, it == answers.end() ? nullptr : &it->second});
    if (it != answers.end()) view.assessed.push_back(m.code);
  }
  view.rollup = kader::RollUp(*view.framework, entries);
  return view;
}

Result<AssessmentView> KaderService::ImportAnswers(std::string_view organisation,
                                                   std::string_view period,
                                                   std::string_view framework_id,
                                                   const CsvTable& csv, const Actor& actor) {
  if (Status s = Authorize(actor, Action::kEditAssessment, organisation, ""); !s.ok()) {
    return s.error();
  }
  const int c_criterion = csv.Column("criterion");
  const int c_status = csv.Column("status");
  const int c_evidence = csv.Column("evidence");
  if (c_criterion < 0 || c_status < 0) {
    return Error::Invalid("header",
                          "the header must have the columns criterion,status and "
                          "optionally evidence");
  }
  auto db = database_.Acquire();
  auto framework = CachedFramework(*db, framework_id);
  if (!framework) return framework.error();
  // Validate every row and collect every problem before writing anything.
  std::vector<std::string> problems;
  std::vector<AnswerInput> inputs;
  std::set<std::string, std::less<>> seen;
  for (const CsvRow& row : csv.rows) {
    const auto cell = [&](int c) {
      return c < 0 ? std::string() : row.fields[static_cast<size_t>(c)];
    };
    AnswerInput in{cell(c_criterion), cell(c_status), cell(c_evidence),
                   fmt::format("line {}", row.line)};
    if ((*framework)->FindCriterion(in.criterion) == nullptr) {
      problems.push_back(
          fmt::format("line {}, column criterion: unknown criterion '{}'", row.line, in.criterion));
    } else if (!seen.insert(in.criterion).second) {
      problems.push_back(
          fmt::format("line {}, column criterion: '{}' appears twice", row.line, in.criterion));
    }
    if (auto s = kader::ParseAnswerStatus(in.status, "status"); !s) {
      problems.push_back(fmt::format("line {}, column status: {}", row.line, s.error().message));
    }
    inputs.push_back(std::move(in));
  }
  if (inputs.empty()) problems.emplace_back("the file has no answer rows");
  if (!problems.empty()) {
    std::string message = fmt::format("{} problem(s), nothing was imported:", problems.size());
    for (const auto& p : problems) message += "\n  " + p;
    return Error::Invalid("file", message);
  }
  return store::InTransaction<AssessmentView>(*db, [&](Db& tx) -> Result<AssessmentView> {
    auto p = Period::Parse(period);
    if (!p) return p.error();
    auto existing = AssessmentRepository(tx).FindByPeriod(organisation, p->ToString());
    if (!existing) return existing.error();
    int64_t id = 0;
    if (existing->has_value()) {
      id = (*existing)->id;
      if ((*existing)->framework != framework_id) {
        return Error::Conflict(fmt::format("the assessment for {} uses framework {}", p->ToString(),
                                           (*existing)->framework));
      }
    } else {
      auto created = CreateIn(tx, organisation, period, framework_id, actor);
      if (!created) return created.error();
      id = *created;
      if (Status s = audit_.Record(
              tx, actor.Event("kader.assessment.create", "assessment", std::to_string(id)));
          !s.ok()) {
        return s.error();
      }
    }
    auto view = Load(tx, id);
    if (!view) return view.error();
    if (view->record.status != "draft") {
      return Error::Conflict(
          fmt::format("the assessment for {} was submitted and is frozen", p->ToString()));
    }
    AssessmentRepository repo(tx);
    const std::string now = FormatUtc(clock_.Now());
    for (const AnswerInput& a : inputs) {
      if (Status s = repo.SetAnswer(id, {a.criterion, a.status, a.evidence, actor.name, now});
          !s.ok()) {
        return s.error();
      }
    }
    if (Status s = audit_.Record(
            tx, actor.Event("kader.assessment.import", "assessment", std::to_string(id)));
        !s.ok()) {
      return s.error();
    }
    return Load(tx, id);
  });
}

}  // namespace schakel::app
