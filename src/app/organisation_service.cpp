#include "app/organisation_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "app/access.h"

namespace schakel::app {

using store::Db;
using store::Organisation;
using store::OrganisationRepository;

namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Collects row problems and turns them into one error listing them all.
class Problems {
 public:
  void Add(int line, std::string_view column, std::string message) {
    list_.push_back(fmt::format("line {}, column {}: {}", line, column, message));
  }
  bool empty() const { return list_.empty(); }
  Error ToError() const {
    std::string message = fmt::format("{} problem(s), nothing was imported:", list_.size());
    for (const auto& p : list_) message += "\n  " + p;
    return Error::Invalid("file", message);
  }

 private:
  std::vector<std::string> list_;
};

Result<std::vector<int>> RequireColumns(const CsvTable& csv,
                                        std::initializer_list<const char*> names) {
  std::vector<int> idx;
  for (const char* n : names) {
    const int c = csv.Column(n);
    if (c < 0) {
      std::string want;
      for (const char* m : names) want += (want.empty() ? "" : ",") + std::string(m);
      return Error::Invalid("header", fmt::format("the header must have the columns {}; '{}' is "
                                                  "missing",
                                                  want, n));
    }
    idx.push_back(c);
  }
  return idx;
}

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

Result<ImportReport> Write(store::Database& database,
                           const std::function<Result<ImportReport>(OrganisationRepository&)>& fn) {
  auto db = database.Acquire();
  return store::InTransaction<ImportReport>(*db, [&](Db& tx) -> Result<ImportReport> {
    OrganisationRepository repo(tx);
    return fn(repo);
  });
}

}  // namespace

bool IsMunicipalityCode(std::string_view code) {
  return code.size() == 6 && code.substr(0, 2) == "GM" && AllDigits(code.substr(2));
}

bool IsSafetyRegionCode(std::string_view code) {
  return code.size() == 4 && code.substr(0, 2) == "VR" && AllDigits(code.substr(2));
}

bool IsOrganisationCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 16) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

bool IsIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  if (!AllDigits(d.substr(0, 4)) || !AllDigits(d.substr(5, 2)) || !AllDigits(d.substr(8, 2))) {
    return false;
  }
  const int y = std::stoi(std::string(d.substr(0, 4)));
  const int m = std::stoi(std::string(d.substr(5, 2)));
  const int day = std::stoi(std::string(d.substr(8, 2)));
  if (m < 1 || m > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return day <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string OrganisationService::Today() const {
  return FormatUtc(clock_.Now()).substr(0, 10);
}

Result<ImportReport> OrganisationService::ImportSafetyRegions(const CsvTable& csv,
                                                              std::string_view valid_from) {
  return ImportRegions(csv, "safety_region", valid_from);
}

Result<ImportReport> OrganisationService::ImportMunicipalities(const CsvTable& csv,
                                                               std::string_view valid_from) {
  if (!IsIsoDate(valid_from)) return Error::Invalid("valid_from", "use a date like 2022-01-01");
  auto cols = RequireColumns(csv, {"cbs_code", "name", "safety_region"});
  if (!cols) return cols.error();
  auto regions = List({"region", {}, {}});
  if (!regions) return regions.error();
  std::set<std::string> known_regions;
  for (const auto& r : *regions) known_regions.insert(r.code);
  Problems problems;
  std::set<std::string> seen;
  std::vector<std::pair<Organisation, std::string>> rows;
  for (const CsvRow& row : csv.rows) {
    const auto cell = [&](size_t i) { return Trim(row.fields[static_cast<size_t>((*cols)[i])]); };
    const std::string code = cell(0);
    const std::string name = cell(1);
    const std::string region = cell(2);
    if (!IsMunicipalityCode(code))
      problems.Add(row.line, "cbs_code",
                   fmt::format("'{}' is not a CBS municipality code (GM + 4 digits)", code));
    else if (!seen.insert(code).second)
      problems.Add(row.line, "cbs_code", fmt::format("'{}' appears twice", code));
    if (name.empty()) problems.Add(row.line, "name", "the name is empty");
    if (!region.empty() && known_regions.count(region) == 0) {
      problems.Add(row.line, "safety_region",
                   fmt::format("unknown region '{}'; import the safety regions first", region));
    }
    rows.push_back({{code, "municipality", {}, name, std::string(valid_from), {}, {}}, region});
  }
  if (!problems.empty()) return problems.ToError();
  return Write(database_, [&](OrganisationRepository& repo) -> Result<ImportReport> {
    ImportReport report;
    for (const auto& [org, region] : rows) {
      if (Status s = repo.Upsert(org); !s.ok()) return s.error();
      ++report.organisations;
      if (!region.empty()) {
        if (Status s = repo.AddMember(region, org.code, valid_from, {}); !s.ok()) return s.error();
        ++report.memberships;
      }
    }
    return report;
  });
}

Result<ImportReport> OrganisationService::ImportRegions(const CsvTable& csv,
                                                        std::string_view region_kind,
                                                        std::string_view valid_from) {
  if (region_kind != "care_region" && region_kind != "shelter_region" &&
      region_kind != "safety_region") {
    return Error::Invalid("kind",
                          "the region kind must be care_region, shelter_region or "
                          "safety_region");
  }
  if (!IsIsoDate(valid_from)) return Error::Invalid("valid_from", "use a date like 2022-01-01");
  auto cols = RequireColumns(csv, {"code", "name"});
  if (!cols) return cols.error();
  Problems problems;
  std::set<std::string> seen;
  std::vector<Organisation> orgs;
  for (const CsvRow& row : csv.rows) {
    const std::string code = Trim(row.fields[static_cast<size_t>((*cols)[0])]);
    const std::string name = Trim(row.fields[static_cast<size_t>((*cols)[1])]);
    // Safety regions have national codes (VR01–VR25); other region kinds are defined locally.
    if (region_kind == "safety_region" && !IsSafetyRegionCode(code))
      problems.Add(row.line, "code",
                   fmt::format("'{}' is not a safety region code (VR + 2 digits)", code));
    else if (!IsOrganisationCode(code))
      problems.Add(row.line, "code",
                   fmt::format("'{}' is not a code (2–16 capitals, digits, - or _)", code));
    else if (!seen.insert(code).second)
      problems.Add(row.line, "code", fmt::format("'{}' appears twice", code));
    if (name.empty()) problems.Add(row.line, "name", "the name is empty");
    orgs.push_back(
        {code, "region", std::string(region_kind), name, std::string(valid_from), {}, {}});
  }
  if (!problems.empty()) return problems.ToError();
  return Write(database_, [&](OrganisationRepository& repo) -> Result<ImportReport> {
    ImportReport report;
    for (const auto& o : orgs) {
      if (Status s = repo.Upsert(o); !s.ok()) return s.error();
      ++report.organisations;
    }
    return report;
  });
}

Result<ImportReport> OrganisationService::ImportMembers(const CsvTable& csv,
                                                        std::string_view valid_from) {
  if (!IsIsoDate(valid_from)) return Error::Invalid("valid_from", "use a date like 2022-01-01");
  auto cols = RequireColumns(csv, {"region", "municipality"});
  if (!cols) return cols.error();
  auto all = List({});
  if (!all) return all.error();
  std::map<std::string, std::string> kinds;
  for (const auto& o : *all) kinds[o.code] = o.kind;
  Problems problems;
  std::vector<std::pair<std::string, std::string>> members;
  for (const CsvRow& row : csv.rows) {
    const std::string region = Trim(row.fields[static_cast<size_t>((*cols)[0])]);
    const std::string municipality = Trim(row.fields[static_cast<size_t>((*cols)[1])]);
    if (kinds[region] != "region")
      problems.Add(row.line, "region", fmt::format("unknown region '{}'", region));
    if (kinds[municipality] != "municipality")
      problems.Add(row.line, "municipality",
                   fmt::format("unknown municipality '{}'", municipality));
    members.emplace_back(region, municipality);
  }
  if (!problems.empty()) return problems.ToError();
  return Write(database_, [&](OrganisationRepository& repo) -> Result<ImportReport> {
    ImportReport report;
    for (const auto& [region, municipality] : members) {
      if (Status s = repo.AddMember(region, municipality, valid_from, {}); !s.ok())
        return s.error();
      ++report.memberships;
    }
    return report;
  });
}

Result<ImportReport> OrganisationService::Merge(const MergeRequest& req) {
  if (!IsMunicipalityCode(req.code)) {
    return Error::Invalid("code", fmt::format("'{}' is not a CBS municipality code", req.code));
  }
  if (req.name.empty()) return Error::Invalid("name", "the new municipality needs a name");
  if (!IsIsoDate(req.date)) return Error::Invalid("date", "use a date like 2023-01-01");
  if (req.merged.empty()) return Error::Invalid("merged", "name the municipalities that merge");
  return Write(database_, [&](OrganisationRepository& repo) -> Result<ImportReport> {
    ImportReport report;
    std::set<std::string> regions;
    for (const std::string& code : req.merged) {
      if (code == req.code) continue;  // a municipality may absorb others and keep its code
      auto org = repo.Find(code);
      if (!org) return org.error();
      if (!org->has_value() || (*org)->kind != "municipality") {
        return Error::Invalid("merged", fmt::format("unknown municipality '{}'", code));
      }
      if ((*org)->valid_to) {
        return Error::Conflict(fmt::format("{} already ended on {}", code, *(*org)->valid_to));
      }
      auto member_of = repo.RegionsOf(code, req.date);
      if (!member_of) return member_of.error();
      for (const auto& r : *member_of) regions.insert(r.code);
    }
    auto existing = repo.Find(req.code);
    if (!existing) return existing.error();
    if (!existing->has_value()) {
      if (Status s = repo.Upsert({req.code, "municipality", {}, req.name, req.date, {}, {}});
          !s.ok()) {
        return s.error();
      }
      ++report.organisations;
    }
    for (const std::string& code : req.merged) {
      if (code == req.code) continue;
      if (Status s = repo.End(code, req.date, req.code); !s.ok()) return s.error();
    }
    for (const std::string& region : regions) {
      if (Status s = repo.AddMember(region, req.code, req.date, {}); !s.ok()) return s.error();
      ++report.memberships;
    }
    return report;
  });
}

Status OrganisationService::MayManage(const Actor& actor) {
  return Authorize(database_, audit_, actor, Action::kManageOrganisations, {}, "organisation", "");
}

Result<Organisation> OrganisationService::Create(const Actor& actor,
                                                 const NewOrganisation& request) {
  if (Status s = Authorize(database_, audit_, actor, Action::kManageOrganisations, {},
                           "organisation", request.code);
      !s.ok()) {
    return s.error();
  }
  const std::string name = Trim(request.name);
  if (!IsOrganisationCode(request.code)) {
    return Error::Invalid("code", "use 2 to 16 capitals, digits, '-' or '_', like POLITIE-AMS");
  }
  const bool control = std::any_of(name.begin(), name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20; });
  if (name.empty() || name.size() > 200 || control) {
    return Error::Invalid("name", "give a name of 1 to 200 characters");
  }
  const Organisation org{request.code, "partner", {}, name, Today(), {}, {}};
  auto db = database_.Acquire();
  return store::InTransaction<Organisation>(*db, [&](Db& tx) -> Result<Organisation> {
    OrganisationRepository repo(tx);
    auto existing = repo.Find(org.code);
    if (!existing) return existing.error();
    if (existing->has_value()) {
      return Error::Conflict(fmt::format("there is already an organisation {}", org.code));
    }
    if (Status s = repo.Upsert(org); !s.ok()) return s.error();
    if (Status s = audit_.Record(tx, actor.Event("organisation.create", "organisation", org.code));
        !s.ok()) {
      return s.error();
    }
    return org;
  });
}

Result<std::vector<Organisation>> OrganisationService::List(
    const store::OrganisationFilter& filter) {
  auto db = database_.Acquire();
  return OrganisationRepository(*db).List(filter);
}

Result<Organisation> OrganisationService::Get(std::string_view code) {
  auto db = database_.Acquire();
  auto org = OrganisationRepository(*db).Find(code);
  if (!org) return org.error();
  if (!org->has_value()) return Error::NotFound(fmt::format("no organisation '{}'", code));
  return **org;
}

Result<std::vector<Organisation>> OrganisationService::RegionsOf(std::string_view municipality) {
  auto db = database_.Acquire();
  return OrganisationRepository(*db).RegionsOf(municipality, Today());
}

}  // namespace schakel::app
