// Charts as SVG generated on the server, so they work without JavaScript, in print and in
// exported reports alike. Every chart carries a <title> and <desc> (role="img") and the pages
// show the same figures as a table beside it (the text alternative). Colour is never the only
// carrier of meaning: reached cells carry a check mark, the next level an arrow, bars a number.
// All text is XML-escaped. Pure functions.
#pragma once

#include <string>
#include <vector>

namespace schakel::http::pages {

// The level matrix of one municipality: a row per building block, a column per level.
struct LevelMatrix {
  enum class Cell { kReached, kNext, kOpen };
  struct Row {
    std::string label;        // "1 Beleidsmatige basis"
    std::vector<Cell> cells;  // one per level, lowest first
  };
  std::string id;     // unique on the page; prefixes the title/desc ids
  std::string title;  // accessible name
  std::string description;
  std::vector<std::string> levels;  // column headings, lowest first
  std::vector<Row> rows;
  std::string legend_reached, legend_next, legend_open;
};
std::string LevelMatrixSvg(const LevelMatrix& chart);

// Horizontal bars grouped under headings (roll-up: share of municipalities per block and level;
// programme goals; failed logins per hour, spikes highlighted).
struct BarChart {
  struct Bar {
    std::string label;       // "Basis op orde"
    double share = 0;        // 0..1
    std::string value_text;  // "64% (220 van 342)"
    bool highlight = false;  // drawn in the warning colour; say why in value_text too
  };
  struct Group {
    std::string heading;  // may be empty
    std::vector<Bar> bars;
  };
  std::string id;
  std::string title;
  std::string description;
  std::vector<Group> groups;
};
std::string BarChartSvg(const BarChart& chart);

// Splits text at spaces into lines of at most `width` characters (longer words stay whole).
std::vector<std::string> WrapText(std::string_view text, size_t width);

}  // namespace schakel::http::pages
