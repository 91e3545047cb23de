// The care plan of a case: items per care domain (safety, shelter, medical, … aftercare; the
// domains are data), each with the organisation responsible, a status and an optional due date.
// Here: validating a plan, an item's status changes, and which items are overdue or due soon.
// Pure; "today" is an Amsterdam date passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "care/amsterdam_time.h"
#include "care/care_data.h"
#include "domain/result.h"

namespace schakel::care {

enum class ItemStatus { kOpen, kInProgress, kDone, kCancelled };
const char* ItemStatusName(ItemStatus s);  // "open", "in_progress", "done", "cancelled"
std::optional<ItemStatus> ParseItemStatus(std::string_view name);

struct CarePlanItem {
  std::string id;
  std::string domain;                    // a CareDomain id
  std::string responsible_organisation;  // who delivers it
  ItemStatus status = ItemStatus::kOpen;
  std::optional<Date> due;
  std::string description;
};

// Still to be done: open or in progress.
bool IsOpen(const CarePlanItem& item);

// Every item names a known domain and a responsible organisation, and ids are unique. kInvalid
// naming "items[i].domain", "items[i].responsible_organisation" or "items[i].id".
Status ValidateCarePlan(const std::vector<CarePlanItem>& items, const CareData& data);

// open → in_progress → done; open or in_progress → cancelled; in_progress → open (put back).
// Done and cancelled are final (kConflict): a new need is a new item, so the history stays.
Result<ItemStatus> ChangeItemStatus(ItemStatus from, ItemStatus to);

// Items not cancelled (what the lifecycle's "care plan with at least one item" counts).
int ActiveItemCount(const std::vector<CarePlanItem>& items);
// Whether an item not cancelled is in `domain` (aftercare needs one in "aftercare").
bool HasActiveItemIn(const std::vector<CarePlanItem>& items, std::string_view domain);

// The dashboard's two windows, for any kind of deadline: overdue is due before `today`; due this
// week is due from `today` through the next six days (seven days, today included) — our reading
// of "this week": a rolling week, so on Friday next Monday's work already shows.
bool IsOverdue(Date due, Date today);
bool IsDueThisWeek(Date due, Date today);

// Open items whose due date is before `today`, earliest first.
std::vector<const CarePlanItem*> OverdueItems(const std::vector<CarePlanItem>& items, Date today);
// Open items due this week (IsDueThisWeek), earliest first.
std::vector<const CarePlanItem*> ItemsDueThisWeek(const std::vector<CarePlanItem>& items,
                                                  Date today);

}  // namespace schakel::care
