// Period: the reporting period an assessment belongs to — a year ("2026") or a quarter ("2026-Q4").
// Periods order chronologically; a year sorts before its quarters' successors as its first quarter.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace schakel {

class Period {
 public:
  // Parses "YYYY" or "YYYY-Qn" (n in 1..4), years 2000..2100. The error names `field`.
  static Result<Period> Parse(std::string_view text, std::string_view field = "period");
  // The quarter containing the given civil date.
  static Period QuarterOf(int year, unsigned month);

  int year() const { return year_; }
  int quarter() const { return quarter_; }  // 0 for a whole year
  std::string ToString() const;

  auto operator<=>(const Period&) const = default;

 private:
  Period(int year, int quarter) : year_(year), quarter_(quarter) {}
  int year_ = 0;
  int quarter_ = 0;
};

}  // namespace schakel
