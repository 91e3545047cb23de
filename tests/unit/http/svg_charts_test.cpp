// Server-side SVG charts: accessible name and description, escaping, cells and bars that follow
// the data.
#include "http/pages/svg_charts.h"

#include <gtest/gtest.h>

namespace schakel::http::pages {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

LevelMatrix Sample() {
  LevelMatrix m;
  m.id = "m";
  m.title = "Niveau per bouwsteen";
  m.description = "Beschrijving";
  m.levels = {"Basis op orde", "Plateau 1", "Plateau 2"};
  using C = LevelMatrix::Cell;
  m.rows = {{"1 Beleid", {C::kReached, C::kNext, C::kOpen}},
            {"2 Signalering & <zo>", {C::kNext, C::kOpen, C::kOpen}},
            {"3 Alles", {C::kReached, C::kReached, C::kReached}}};
  m.legend_reached = "Bereikt";
  m.legend_next = "Volgend niveau";
  m.legend_open = "Nog niet";
  return m;
}

TEST(SvgChartsTest, MatrixIsAnImageWithTitleAndDescription) {
  const std::string svg = LevelMatrixSvg(Sample());
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-labelledby="m-title m-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="m-title">Niveau per bouwsteen</title>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(<desc id="m-desc">Beschrijving</desc>)"), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);  // CSP: no inline style
}

TEST(SvgChartsTest, MatrixEscapesLabels) {
  const std::string svg = LevelMatrixSvg(Sample());
  EXPECT_NE(svg.find("2 Signalering &amp; &lt;zo&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<zo>"), std::string::npos);
}

TEST(SvgChartsTest, MatrixMarksEachReachedCellWithACheckAndEachNextWithAnArrow) {
  const std::string svg = LevelMatrixSvg(Sample());
  // 4 reached cells + 1 in the legend carry a check (white stroke); 2 next + 1 legend are dashed.
  EXPECT_EQ(Count(svg, R"(stroke="#ffffff")"), 5u);
  EXPECT_EQ(Count(svg, "stroke-dasharray"), 3u);
}

TEST(SvgChartsTest, BarLengthFollowsShareAndIsClamped) {
  BarChart c;
  c.id = "b";
  c.title = "t";
  c.description = "d";
  c.groups = {
      {"Bouwsteen 1",
       {{"Basis", 0.5, "50% (1 van 2)"}, {"Plateau 1", 1.7, "x"}, {"Plateau 2", 0.0, "0%"}}}};
  const std::string svg = BarChartSvg(c);
  EXPECT_NE(svg.find(R"(width="150" height="22" fill="#1f4e8c")"), std::string::npos);
  EXPECT_NE(svg.find(R"(width="300" height="22" fill="#1f4e8c")"), std::string::npos);
  EXPECT_EQ(Count(svg, R"(fill="#1f4e8c")"), 2u);  // an empty bar draws no fill
  EXPECT_NE(svg.find("50% (1 van 2)"), std::string::npos);
}

TEST(SvgChartsTest, HighlightedBarsTakeTheWarningColour) {
  BarChart c;
  c.id = "f";
  c.title = "t";
  c.description = "d";
  c.groups = {{"", {{"14:00", 1.0, "25 — piek", true}, {"15:00", 0.2, "5", false}}}};
  const std::string svg = BarChartSvg(c);
  EXPECT_EQ(Count(svg, R"(fill="#b3261e")"), 1u);
  EXPECT_EQ(Count(svg, R"(fill="#1f4e8c")"), 1u);
  EXPECT_NE(svg.find("25 — piek"), std::string::npos);
}

TEST(SvgChartsTest, WrapTextKeepsWordsAndCountsCharactersNotBytes) {
  EXPECT_EQ(
      WrapText("Opvang en hulpverlening aan slachtoffers en daders", 20),
      (std::vector<std::string>{"Opvang en", "hulpverlening aan", "slachtoffers en", "daders"}));
  EXPECT_EQ(WrapText("ëëëë ëëëë", 9), (std::vector<std::string>{"ëëëë ëëëë"}));
  EXPECT_EQ(WrapText("", 10), (std::vector<std::string>{""}));
  EXPECT_EQ(WrapText("langwoordzonderspaties", 5),
            (std::vector<std::string>{"langwoordzonderspaties"}));
}

}  // namespace
}  // namespace schakel::http::pages
