#include "kader/training.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

namespace schakel::kader {

namespace {

std::chrono::year_month_day ParseDate(std::string_view date) {
  if (date.size() != 10) throw std::invalid_argument("not an ISO date: " + std::string(date));
  const int y = std::stoi(std::string(date.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(date.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(date.substr(8, 2))));
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                        std::chrono::day(d)};
  if (!ymd.ok()) throw std::invalid_argument("not an ISO date: " + std::string(date));
  return ymd;
}

std::string Format(const std::chrono::year_month_day& ymd) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

}  // namespace

std::string AddMonths(std::string_view date, int months) {
  const auto ymd = ParseDate(date);
  const auto ym = std::chrono::year_month(ymd.year(), ymd.month()) + std::chrono::months(months);
  const auto last =
      std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()));
  return Format({ym.year(), ym.month(), std::min(ymd.day(), last.day())});
}

std::string AddDays(std::string_view date, int days) {
  const std::chrono::sys_days d = ParseDate(date);
  return Format(std::chrono::year_month_day(d + std::chrono::days(days)));
}

std::vector<DepartmentCoverage> Coverage(const std::vector<DepartmentStaff>& departments,
                                         const std::vector<TrainingAttendance>& attendance,
                                         std::string_view today, std::string_view held_since) {
  // ISO dates compare as strings.
  std::map<std::string, std::set<std::string>, std::less<>> trained;
  for (const TrainingAttendance& a : attendance) {
    if (a.held_on > today || a.valid_until < today) continue;
    if (!held_since.empty() && a.held_on < held_since) continue;
    trained[a.department].insert(a.staff_name);
  }
  std::vector<DepartmentCoverage> out;
  for (const DepartmentStaff& d : departments) {
    DepartmentCoverage c{d.department, d.relevant_staff, 0, 0};
    if (auto it = trained.find(d.department); it != trained.end()) {
      c.trained = static_cast<int>(it->second.size());
    }
    if (c.relevant_staff > 0) {
      c.share = std::min(1.0, static_cast<double>(c.trained) / c.relevant_staff);
    }
    out.push_back(c);
  }
  return out;
}

double OverallShare(const std::vector<DepartmentCoverage>& coverage) {
  int relevant = 0;
  int trained = 0;
  for (const DepartmentCoverage& c : coverage) {
    relevant += c.relevant_staff;
    trained += std::min(c.trained, c.relevant_staff);
  }
  return relevant == 0 ? 0 : static_cast<double>(trained) / relevant;
}

std::vector<RefresherDue> RefreshersDue(const std::vector<TrainingAttendance>& attendance,
                                        std::string_view today, int horizon_days) {
  // The latest valid_until per person (department and name) decides.
  std::map<std::pair<std::string, std::string>, const TrainingAttendance*> latest;
  for (const TrainingAttendance& a : attendance) {
    auto& slot = latest[{a.department, a.staff_name}];
    if (slot == nullptr || a.valid_until > slot->valid_until) slot = &a;
  }
  const std::string horizon = AddDays(today, horizon_days);
  std::vector<RefresherDue> out;
  for (const auto& [key, a] : latest) {
    if (a->valid_until > horizon) continue;
    out.push_back(
        {a->department, a->staff_name, a->held_on, a->valid_until, a->valid_until < today});
  }
  std::sort(out.begin(), out.end(),
            [](const RefresherDue& x, const RefresherDue& y) { return x.due < y.due; });
  return out;
}

}  // namespace schakel::kader
