#include "app/audit_service.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "app/access.h"

namespace schakel::app {

namespace {

// A date "2026-11-27" or a timestamp; for `to`, a date means the whole day.
Result<std::string> Bound(const std::optional<std::string>& text, const char* field,
                          bool end_of_day) {
  if (!text) return std::string();
  auto t = ParseUtc(*text);
  if (!t) return Error::Invalid(field, "give a date like 2026-11-27");
  if (text->size() == 10 && end_of_day) return FormatUtc(*t + std::chrono::days(1)).substr(0, 10);
  return text->size() == 10 ? *text : FormatUtc(*t);
}

Status Allowed(store::Database& database, const AuditTrail& audit, const Actor& actor,
               std::string_view what) {
  return Authorize(database, audit, actor, Action::kReadAudit, {}, "audit", what);
}

}  // namespace

Result<AuditPage> AuditService::Search(const Actor& actor, const AuditSearch& search) {
  if (search.limit < 1 || search.limit > 1000) {
    return Error::Invalid("limit", "show between 1 and 1000 events");
  }
  static const std::set<std::string> kResults = {"allow", "deny", "success", "failure"};
  if (search.result && !kResults.count(*search.result)) {
    return Error::Invalid("result", "choose allow, deny, success or failure");
  }
  auto from = Bound(search.from, "from", false);
  if (!from) return from.error();
  auto to = Bound(search.to, "to", true);
  if (!to) return to.error();
  if (Status s = Allowed(database_, audit_, actor, "search"); !s.ok()) return s.error();
  store::AuditQuery q;
  q.actor = search.actor;
  q.object_id = search.object_id;
  if (!from->empty()) q.from = *from;
  if (!to->empty()) q.to = *to;
  q.result = search.result;
  q.limit = search.limit + 1;
  q.newest_first = true;
  // Reading the trail is recorded in it (without the search terms, which may name people).
  if (Status s = audit_.Record(database_, actor.Event("audit.search", "audit", "search"));
      !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  auto rows = store::AuditRepository(*db).Find(q);
  if (!rows) return rows.error();
  AuditPage page;
  page.more = rows->size() > static_cast<size_t>(search.limit);
  if (page.more) rows->pop_back();
  page.events = std::move(rows).value();
  return page;
}

Result<std::vector<FailedLoginHour>> AuditService::FailedLogins(const Actor& actor,
                                                                std::string_view from,
                                                                std::string_view to,
                                                                int threshold) {
  auto lo = Bound(std::string(from), "from", false);
  if (!lo) return lo.error();
  auto hi = Bound(std::string(to), "to", true);
  if (!hi) return hi.error();
  if (*hi <= *lo) return Error::Invalid("to", "the end date must not be before the start date");
  if (threshold < 1) return Error::Invalid("threshold", "the threshold must be at least 1");
  if (Status s = Allowed(database_, audit_, actor, "failed_logins"); !s.ok()) return s.error();
  if (Status s = audit_.Record(database_, actor.Event("audit.failed_logins", "audit", "search"));
      !s.ok()) {
    return s.error();
  }
  store::AuditQuery q;
  q.from = *lo;
  q.to = *hi;
  q.result = "failure";
  q.actions = {"login", "login.totp", "totp.enrol", "password.change", "api_token.authenticate"};
  q.limit = 1000000;
  auto db = database_.Acquire();
  auto rows = store::AuditRepository(*db).Find(q);
  if (!rows) return rows.error();
  std::map<std::string, std::pair<int, std::set<std::string>>> hours;
  for (const auto& r : *rows) {
    auto& h = hours[r.timestamp.substr(0, 13)];
    ++h.first;
    h.second.insert(r.origin_address);
  }
  std::vector<FailedLoginHour> out;
  for (const auto& [hour, h] : hours) {
    out.push_back({hour, h.first, static_cast<int>(h.second.size()), h.first >= threshold});
  }
  return out;
}

Result<AuditTrail::Verification> AuditService::Verify(const Actor& actor) {
  if (Status s = Allowed(database_, audit_, actor, "verify"); !s.ok()) return s.error();
  if (Status s = audit_.Record(database_, actor.Event("audit.verify", "audit", "chain")); !s.ok()) {
    return s.error();
  }
  auto db = database_.Acquire();
  return audit_.Verify(*db);
}

}  // namespace schakel::app
