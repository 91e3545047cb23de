#include "http/pages/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/markup.h"

namespace schakel::http::pages {

namespace {

// Colours chosen for at least 3:1 contrast against white and each other (WCAG 1.4.11).
constexpr const char* kReachedFill = "#2b6a3e";
constexpr const char* kNextFill = "#fff4d6";
constexpr const char* kNextStroke = "#7a5a00";
constexpr const char* kOpenFill = "#f3f3f3";
constexpr const char* kOpenStroke = "#767676";
constexpr const char* kText = "#1a1a1a";
constexpr const char* kBar = "#1f4e8c";
constexpr const char* kTrack = "#e6e6e6";
constexpr const char* kHighlight = "#b3261e";
constexpr const char* kFont = "font-family=\"system-ui, sans-serif\"";

// Counts UTF-8 code points, so wrapping and widths treat "ë" as one character.
size_t Chars(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Open(const std::string& id, int width, int height, const std::string& title,
                 const std::string& description) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"schakel-chart\" viewBox=\"0 0 {w} {h}\" "
      "width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {font}>"
      "<title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>",
      fmt::arg("w", width), fmt::arg("h", height), fmt::arg("id", EscapeMarkup(id)),
      fmt::arg("font", kFont), fmt::arg("title", EscapeMarkup(title)),
      fmt::arg("desc", EscapeMarkup(description)));
}

std::string Text(int x, int y, std::string_view text, std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\" font-size=\"14\"{}{}>{}</text>", x, y,
                     kText, extra.empty() ? "" : " ", extra, EscapeMarkup(text));
}

}  // namespace

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && Chars(line) + 1 + Chars(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!word.empty()) line += (line.empty() ? "" : " ") + std::string(word);
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string LevelMatrixSvg(const LevelMatrix& chart) {
  constexpr int kLabelWidth = 300, kCellWidth = 130, kRowHeight = 56, kHeader = 40, kGap = 6;
  constexpr int kLegend = 44;
  const int columns = static_cast<int>(chart.levels.size());
  const int rows = static_cast<int>(chart.rows.size());
  const int width = kLabelWidth + columns * kCellWidth + 4;
  const int height = kHeader + rows * kRowHeight + kLegend;
  std::string svg = Open(chart.id, width, height, chart.title, chart.description);
  for (int c = 0; c < columns; ++c) {
    svg +=
        Text(kLabelWidth + c * kCellWidth + kCellWidth / 2, 26,
             chart.levels[static_cast<size_t>(c)], "text-anchor=\"middle\" font-weight=\"bold\"");
  }
  for (int r = 0; r < rows; ++r) {
    const LevelMatrix::Row& row = chart.rows[static_cast<size_t>(r)];
    const int top = kHeader + r * kRowHeight;
    const auto lines = WrapText(row.label, 36);
    const int first = top + kRowHeight / 2 + 5 - static_cast<int>(lines.size() - 1) * 9;
    for (size_t i = 0; i < lines.size() && i < 3; ++i) {
      svg += Text(0, first + static_cast<int>(i) * 18, lines[i]);
    }
    for (int c = 0; c < columns && c < static_cast<int>(row.cells.size()); ++c) {
      const int x = kLabelWidth + c * kCellWidth + kGap / 2;
      const int y = top + kGap / 2;
      const int w = kCellWidth - kGap, h = kRowHeight - kGap;
      switch (row.cells[static_cast<size_t>(c)]) {
        case LevelMatrix::Cell::kReached:
          svg += fmt::format(
              "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{}\"/>", x, y, w,
              h, kReachedFill);
          svg += fmt::format(
              "<path d=\"M{} {} l8 8 l16 -18\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"4\" "
              "stroke-linecap=\"round\" stroke-linejoin=\"round\"/>",
              x + w / 2 - 12, y + h / 2);
          break;
        case LevelMatrix::Cell::kNext:
          svg += fmt::format(
              "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{}\" "
              "stroke=\"{}\" "
              "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
              x + 1, y + 1, w - 2, h - 2, kNextFill, kNextStroke);
          svg += fmt::format(
              "<path d=\"M{} {} h20 m-8 -8 l8 8 l-8 8\" fill=\"none\" stroke=\"{}\" "
              "stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>",
              x + w / 2 - 10, y + h / 2, kNextStroke);
          break;
        case LevelMatrix::Cell::kOpen:
          svg += fmt::format(
              "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{}\" "
              "stroke=\"{}\" "
              "stroke-width=\"1\"/>",
              x + 1, y + 1, w - 2, h - 2, kOpenFill, kOpenStroke);
          break;
      }
    }
  }
  // Legend: the three cell kinds, each with its symbol.
  const int ly = kHeader + rows * kRowHeight + 16;
  svg += fmt::format("<rect x=\"0\" y=\"{}\" width=\"20\" height=\"20\" rx=\"3\" fill=\"{}\"/>", ly,
                     kReachedFill);
  svg += fmt::format(
      "<path d=\"M4 {} l5 5 l8 -10\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"2.5\"/>",
      ly + 10);
  svg += Text(28, ly + 15, chart.legend_reached);
  svg += fmt::format(
      "<rect x=\"220\" y=\"{}\" width=\"20\" height=\"20\" rx=\"3\" fill=\"{}\" stroke=\"{}\" "
      "stroke-dasharray=\"4 2\"/>",
      ly, kNextFill, kNextStroke);
  svg += fmt::format(
      "<path d=\"M224 {} h11 m-4 -4 l4 4 l-4 4\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>",
      ly + 10, kNextStroke);
  svg += Text(248, ly + 15, chart.legend_next);
  svg += fmt::format(
      "<rect x=\"440\" y=\"{}\" width=\"20\" height=\"20\" rx=\"3\" fill=\"{}\" stroke=\"{}\"/>",
      ly, kOpenFill, kOpenStroke);
  svg += Text(468, ly + 15, chart.legend_open);
  svg += "</svg>";
  return svg;
}

std::string BarChartSvg(const BarChart& chart) {
  constexpr int kLabelWidth = 260, kBarWidth = 300, kValueWidth = 170, kBarHeight = 22;
  constexpr int kRowHeight = 30, kHeadingHeight = 30, kGroupGap = 10;
  auto row_height = [&](const BarChart::Bar& bar) {
    return std::max(kRowHeight, static_cast<int>(WrapText(bar.label, 32).size()) * 18 + 6);
  };
  int height = 4;
  for (const auto& g : chart.groups) {
    height += (g.heading.empty() ? 0 : kHeadingHeight) + kGroupGap;
    for (const auto& bar : g.bars) height += row_height(bar);
  }
  const int width = kLabelWidth + kBarWidth + kValueWidth;
  std::string svg = Open(chart.id, width, height, chart.title, chart.description);
  int y = 4;
  for (const auto& g : chart.groups) {
    if (!g.heading.empty()) {
      svg += Text(0, y + 20, g.heading, "font-weight=\"bold\"");
      y += kHeadingHeight;
    }
    for (const auto& bar : g.bars) {
      const double share = std::clamp(bar.share, 0.0, 1.0);
      const int filled = static_cast<int>(share * kBarWidth + 0.5);
      const auto lines = WrapText(bar.label, 32);
      for (size_t i = 0; i < lines.size(); ++i) {
        svg += Text(12, y + 16 + static_cast<int>(i) * 18, lines[i]);
      }
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                         kLabelWidth, y, kBarWidth, kBarHeight, kTrack);
      if (filled > 0) {
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                           kLabelWidth, y, filled, kBarHeight, bar.highlight ? kHighlight : kBar);
      }
      svg += Text(kLabelWidth + kBarWidth + 8, y + 16, bar.value_text);
      y += row_height(bar);
    }
    y += kGroupGap;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace schakel::http::pages
