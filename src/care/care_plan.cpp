#include "care/care_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "care/consent.h"
#include "care/wire_name.h"

namespace schakel::care {

const char* ItemStatusName(ItemStatus s) {
  switch (s) {
    case ItemStatus::kOpen:
      return "open";
    case ItemStatus::kInProgress:
      return "in_progress";
    case ItemStatus::kDone:
      return "done";
    case ItemStatus::kCancelled:
      return "cancelled";
  }
  return "open";
}

std::optional<ItemStatus> ParseItemStatus(std::string_view name) {
  return FromWireName(
      name, {ItemStatus::kOpen, ItemStatus::kInProgress, ItemStatus::kDone, ItemStatus::kCancelled},
      ItemStatusName);
}

bool IsOpen(const CarePlanItem& item) {
  return item.status == ItemStatus::kOpen || item.status == ItemStatus::kInProgress;
}

Status ValidateCarePlan(const std::vector<CarePlanItem>& items, const CareData& data) {
  std::set<std::string> ids;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string where = fmt::format("items[{}]", i);
    if (IsBlank(items[i].id) || !ids.insert(items[i].id).second) {
      return Error::Invalid(where + ".id", fmt::format("item ids must be unique and not blank "
                                                       "('{}')",
                                                       items[i].id));
    }
    if (data.FindDomain(items[i].domain) == nullptr) {
      return Error::Invalid(where + ".domain",
                            fmt::format("unknown care domain '{}'", items[i].domain));
    }
    if (IsBlank(items[i].responsible_organisation)) {
      return Error::Invalid(where + ".responsible_organisation",
                            "name the organisation responsible for this item");
    }
  }
  return Status::Ok();
}

Result<ItemStatus> ChangeItemStatus(ItemStatus from, ItemStatus to) {
  if (from == ItemStatus::kDone || from == ItemStatus::kCancelled) {
    return Error::Conflict(
        fmt::format("this item is {}; add a new item for a new need", ItemStatusName(from)));
  }
  const bool allowed = (from == ItemStatus::kOpen && to != ItemStatus::kOpen) ||
                       (from == ItemStatus::kInProgress && to != ItemStatus::kInProgress);
  if (!allowed) {
    return Error::Conflict(fmt::format("the item is already {}", ItemStatusName(from)));
  }
  return to;
}

int ActiveItemCount(const std::vector<CarePlanItem>& items) {
  return static_cast<int>(std::count_if(items.begin(), items.end(), [](const CarePlanItem& i) {
    return i.status != ItemStatus::kCancelled;
  }));
}

bool HasActiveItemIn(const std::vector<CarePlanItem>& items, std::string_view domain) {
  return std::any_of(items.begin(), items.end(), [domain](const CarePlanItem& i) {
    return i.status != ItemStatus::kCancelled && i.domain == domain;
  });
}

bool IsOverdue(Date due, Date today) {
  return DaysBetween(today, due) < 0;
}

bool IsDueThisWeek(Date due, Date today) {
  const int in_days = DaysBetween(today, due);
  return in_days >= 0 && in_days < 7;
}

namespace {

// Open items with a due date for which `in_window(due, today)` holds, earliest first.
template <typename InWindow>
std::vector<const CarePlanItem*> OpenItemsDue(const std::vector<CarePlanItem>& items, Date today,
                                              InWindow in_window) {
  std::vector<const CarePlanItem*> out;
  for (const CarePlanItem& i : items) {
    if (IsOpen(i) && i.due && in_window(*i.due, today)) out.push_back(&i);
  }
  std::stable_sort(out.begin(), out.end(), [](const CarePlanItem* a, const CarePlanItem* b) {
    return std::chrono::sys_days{*a->due} < std::chrono::sys_days{*b->due};
  });
  return out;
}

}  // namespace

std::vector<const CarePlanItem*> OverdueItems(const std::vector<CarePlanItem>& items, Date today) {
  return OpenItemsDue(items, today, IsOverdue);
}

std::vector<const CarePlanItem*> ItemsDueThisWeek(const std::vector<CarePlanItem>& items,
                                                  Date today) {
  return OpenItemsDue(items, today, IsDueThisWeek);
}

}  // namespace schakel::care
