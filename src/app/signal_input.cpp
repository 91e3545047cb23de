#include "app/signal_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace schakel::app {

namespace {

constexpr std::size_t kDescriptionLimit = 10000;
constexpr std::size_t kPerpetratorsLimit = 5000;
constexpr std::size_t kLanguageLimit = 60;
constexpr int kMaxAge = 120;

class Problems {
 public:
  explicit Problems(std::vector<Error>& out) : out_(out) {}
  void Add(std::string field, std::string message) {
    out_.push_back(Error::Invalid(std::move(field), std::move(message)));
  }
  void Add(const Status& s) {
    if (!s.ok()) out_.push_back(s.error());
  }

 private:
  std::vector<Error>& out_;
};

void TrimInPlace(std::string& s) {
  s = TrimSpace(s);
}

// Trims every entry, drops empty ones and duplicates (first wins), and checks each against the
// catalogue; `what` names the kind in the message.
void CheckList(std::vector<std::string>& items, const char* field, const char* what,
               const std::function<bool(std::string_view)>& exists, Problems& problems) {
  std::vector<std::string> kept;
  for (std::string& item : items) {
    TrimInPlace(item);
    if (item.empty() || std::find(kept.begin(), kept.end(), item) != kept.end()) continue;
    kept.push_back(std::move(item));
  }
  for (size_t i = 0; i < kept.size(); ++i) {
    if (!exists(kept[i])) {
      problems.Add(fmt::format("{}[{}]", field, i),
                   fmt::format("'{}' is not a {} in the catalogue", kept[i], what));
    }
  }
  items = std::move(kept);
}

void CheckAge(SignalInput& in, Problems& problems) {
  if (!in.victim_age_group.empty() && in.victim_age_group != "minor" &&
      in.victim_age_group != "adult" && in.victim_age_group != "unknown") {
    problems.Add("victim_age_group", "use minor, adult or unknown");
    return;
  }
  if (in.victim_age.empty()) return;
  int age = -1;
  const char* end = in.victim_age.data() + in.victim_age.size();
  auto [ptr, ec] = std::from_chars(in.victim_age.data(), end, age);
  if (ec != std::errc() || ptr != end || age < 0 || age > kMaxAge) {
    problems.Add("victim_age", fmt::format("give the age in whole years, 0 to {}", kMaxAge));
    return;
  }
  const std::string group = age < 18 ? "minor" : "adult";
  if (!in.victim_age_group.empty() && in.victim_age_group != "unknown" &&
      in.victim_age_group != group) {
    problems.Add("victim_age_group", "the age group does not fit the age");
    return;
  }
  in.victim_age_group = group;
}

void CheckPostalArea(const std::string& area, Problems& problems) {
  if (area.empty()) return;
  const bool digits =
      area.size() == 4 && area[0] >= '1' && area[0] <= '9' &&
      std::all_of(area.begin(), area.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) problems.Add("postal_area", "give the four digits of the postal code (1234)");
}

void CheckObservedOn(std::string& date, std::string_view today, Problems& problems) {
  if (date.empty()) return;
  auto iso = IsoDateOf(date);
  if (!iso) {
    problems.Add("observed_on", "use a real date like 2026-03-31");
    return;
  }
  if (*iso > today) {
    problems.Add("observed_on", "the date is in the future");
    return;
  }
  if (*iso < "2000-01-01") {
    problems.Add("observed_on", "the date is before 2000");
    return;
  }
  date = *iso;
}

void CheckVictim(SignalInput& in, std::string_view today, Problems& problems) {
  PersonInput victim = in.victim;
  victim.organisation = "signal";  // the person's organisation is the signal's; not checked here
  auto normalised = NormalisePersonInput(std::move(victim), today);
  if (!normalised) {
    Error e = normalised.error();
    e.field = "victim." + e.field;
    problems.Add(Status(std::move(e)));
    return;
  }
  normalised->organisation = in.victim.organisation;
  in.victim = std::move(normalised).value();
}

}  // namespace

SignalValidation ValidateSignal(SignalInput in, const signals::Catalog& catalog,
                                std::string_view today, Completeness completeness) {
  SignalValidation v;
  Problems problems(v.problems);
  for (std::string* s :
       {&in.organisation, &in.channel, &in.urgency, &in.observed_on, &in.observed_municipality,
        &in.postal_area, &in.description, &in.victim_age, &in.victim_age_group, &in.victim_language,
        &in.perpetrators}) {
    TrimInPlace(*s);
  }
  if (!in.channel.empty() &&
      std::none_of(catalog.channels.begin(), catalog.channels.end(),
                   [&](const signals::Channel& c) { return c.id == in.channel; })) {
    problems.Add("channel", fmt::format("'{}' is not a channel in the catalogue", in.channel));
  }
  if (!in.urgency.empty() && catalog.FindUrgency(in.urgency) == nullptr) {
    problems.Add("urgency", fmt::format("'{}' is not an urgency in the catalogue", in.urgency));
  }
  CheckObservedOn(in.observed_on, today, problems);
  CheckPostalArea(in.postal_area, problems);
  CheckList(
      in.forms, "forms", "form of exploitation",
      [&](std::string_view id) { return catalog.FindForm(id) != nullptr; }, problems);
  CheckList(
      in.indicators, "indicators", "indicator",
      [&](std::string_view id) { return catalog.FindIndicator(id) != nullptr; }, problems);
  CheckList(
      in.risk_factors, "risk_factors", "risk factor",
      [&](std::string_view id) {
        return std::any_of(catalog.risk_factors.begin(), catalog.risk_factors.end(),
                           [&](const signals::RiskFactor& r) { return r.id == id; });
      },
      problems);
  problems.Add(CheckTextLimit("description", in.description, kDescriptionLimit));
  problems.Add(CheckTextLimit("perpetrators", in.perpetrators, kPerpetratorsLimit));
  problems.Add(CheckTextLimit("victim_language", in.victim_language, kLanguageLimit));
  CheckAge(in, problems);
  CheckVictim(in, today, problems);
  if (in.victim_age_group != "minor") in.victim_living_at_home = false;

  if (completeness == Completeness::kComplete) {
    if (in.organisation.empty()) {
      problems.Add("organisation", "name the municipality that received the signal");
    }
    if (in.channel.empty()) problems.Add("channel", "say how the signal came in");
    if (in.urgency.empty()) problems.Add("urgency", "say how urgent it is");
    if (in.observed_on.empty()) problems.Add("observed_on", "give the date it was observed");
    if (in.forms.empty() && in.indicators.empty() && in.description.empty()) {
      problems.Add("description",
                   "describe what was observed, or choose a form of exploitation or an indicator");
    }
  }
  v.input = std::move(in);
  return v;
}

}  // namespace schakel::app
