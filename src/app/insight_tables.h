// Insight tables: counts of signals by two of their plain facts at a time (period, municipality,
// form, age band, gender, nationality group, channel, outcome), and their protection before they
// leave the system (stats/disclosure_control.h). Pure: takes the facts, returns tables.
//
// Each signal falls in exactly one cell of a table: a signal with several forms counts once, as
// "multiple"; a missing fact is "unknown". The tables of one page never share a dimension, so
// the only figure they have in common is the grand total; a table whose grand total had to be
// suppressed while another table of the page publishes it is withheld as a whole (else the
// published total would give the attacker one more equation).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/result.h"
#include "stats/disclosure_control.h"
#include "store/signal_repository.h"

namespace schakel::app {

// The category of a signal along one dimension ("form" → "labour", "multiple", "unknown").
// Dimensions: quarter, municipality, form, age, gender, nationality, channel, outcome, urgency.
std::string CategoryOf(const store::SignalFacts& signal, const std::string& dimension);
// The categories of a dimension in display order; for "quarter" the four quarters of `year`
// ("2026-Q1"); for "municipality" the given municipalities.
std::vector<std::string> CategoriesOf(const std::string& dimension, int year,
                                      const std::vector<std::string>& municipalities);

struct TableSpec {
  std::string id;  // "trend", "municipality", "person", "origin", "outcome"
  std::string rows;
  std::string columns;
};
// The four tables of the regional dashboard and of the national monitor.
std::vector<TableSpec> RegionTableSpecs();
std::vector<TableSpec> NationalTableSpecs();

struct ProtectedTable {
  TableSpec spec;
  stats::PublishedTable published;
  bool withheld = false;  // its suppressed grand total is published elsewhere: not shown
};

// Counts the submitted signals of `year` (by submission date) into each table, protects each and
// applies the shared-total rule above. Error only when the protection's audit fails.
Result<std::vector<ProtectedTable>> BuildProtectedTables(
    const std::vector<store::SignalFacts>& signals, const std::vector<TableSpec>& specs, int year,
    const std::vector<std::string>& municipalities, const stats::DisclosureOptions& options);

// The grid text of a published cell: the number, or "<10" (threshold) when suppressed.
std::string CellText(const stats::PublishedTable& table, int row, int column,
                     std::int64_t threshold);

// Exactly what a page shows, as CSV (RFC 4180, header line): one line per published cell,
// margins as category "total", suppressed cells as "<10"; withheld tables are left out.
// Columns: table,row_dimension,row,column_dimension,column,value.
std::string TablesCsv(const std::vector<ProtectedTable>& tables, std::int64_t threshold);

// The same published figures under the HTCDS 2.0 vocabulary (CTDC's aggregate categories): the
// one-way margins of the tables (type of exploitation, gender, age band, citizenship group,
// quarter). `form_htcds`: the catalogue's vic_TypeOfExploitation value of each form.
// Columns: htcds_field,htcds_value,schakel_dimension,schakel_category,value.
std::string HtcdsCsv(const std::vector<ProtectedTable>& tables, std::int64_t threshold,
                     const std::map<std::string, std::string>& form_htcds);

}  // namespace schakel::app
