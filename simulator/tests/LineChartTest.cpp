// The chart layout: legends that fit, log axes where lines would vanish, lines that differ.
#include "retrylint/sim/LineChart.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace retrylint::sim {
namespace {

ChartSeries flat(const std::string &label, double y, int points = 100) {
  ChartSeries series{label, {}};
  for (int x = 0; x < points; ++x)
    series.points.emplace_back(x, y);
  return series;
}

TEST(LineChartTest, LogAxisWhenALineWouldVanishUnderSpikes) {
  LineChart chart{"t", "time (s)", "load", {flat("fixed", 1.1)}, {}, 1};
  ChartSeries spiky = flat("as written", 5);
  spiky.points[10].second = 105;
  chart.series.push_back(spiky);
  EXPECT_TRUE(usesLogScale(chart)); // 105 over a median of ~5
  LineChart similar{"t", "x", "y", {flat("a", 4), flat("b", 5)}, {}, 0};
  EXPECT_FALSE(usesLogScale(similar));
  similar.yScale = AxisScale::Log;
  EXPECT_TRUE(usesLogScale(similar));
  const std::string svg = renderSvg({chart});
  EXPECT_NE(svg.find("load (log scale)"), std::string::npos);
  for (const char *tick : {">1<", ">10<", ">100<"})
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
}

TEST(LineChartTest, LegendWrapsIntoRowsInsideThePanel) {
  LineChart chart{"t", "x", "y", {}, {}, 0};
  for (int i = 0; i < 7; ++i)
    chart.series.push_back(flat("policy number " + std::to_string(i) + " with a long descriptive name", i + 1));
  const double width = 640;
  const std::vector<ChartLayout> layouts = layoutCharts({chart, chart}, width, 200);
  ASSERT_EQ(layouts.size(), 2u);
  for (const ChartLayout &layout : layouts) {
    EXPECT_GE(layout.legendX, 0);
    EXPECT_LE(layout.legendX + layout.legendWidth, width);
    EXPECT_GE(layout.legendY, layout.top);
    EXPECT_GT(layout.legendHeight, 3 * 20); // several rows
    EXPECT_GE(layout.plotTop, layout.legendY + layout.legendHeight); // the plot below it
    ASSERT_EQ(layout.legendItems.size(), chart.series.size());
    for (size_t i = 0; i < chart.series.size(); ++i) {
      const auto [x, y] = layout.legendItems[i];
      EXPECT_LE(x + 36 + textWidth(chart.series[i].label, 12), layout.legendX + layout.legendWidth) << i;
      EXPECT_GT(y, layout.legendY);
      EXPECT_LT(y, layout.legendY + layout.legendHeight);
    }
  }
  EXPECT_EQ(layouts[1].top, layouts[0].top + layouts[0].height); // stacked, no overlap
  // The document is as tall as its panels.
  const std::string svg = renderSvg({chart, chart}, width, 200);
  EXPECT_NE(svg.find("viewBox=\"0 0 640 " +
                     std::to_string(static_cast<int>(layouts[1].top + layouts[1].height))),
            std::string::npos);
}

TEST(LineChartTest, LongTitlesWrap) {
  LineChart chart{std::string(40, 'x') + " " + std::string(40, 'y') + " " + std::string(40, 'z'),
                  "x", "y", {flat("a", 1)}, {}, 0};
  const ChartLayout layout = layoutCharts({chart}, 700, 200)[0];
  EXPECT_EQ(layout.titleLines.size(), 3u);
  EXPECT_GT(layout.legendY, layout.top + 3 * 20);
}

TEST(LineChartTest, EverySeriesHasItsOwnColourAndDash) {
  LineChart chart{"t", "x", "y", {}, {}, 0};
  for (int i = 0; i < 6; ++i)
    chart.series.push_back(flat("s" + std::to_string(i), i + 1, 200));
  const std::string svg = renderSvg({chart});
  std::set<std::string> styles;
  const std::regex polyline(R"re(<polyline points="[^"]*" fill="none" stroke="([^"]*)"[^>]*?(stroke-dasharray="([^"]*)")?/>)re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), polyline); it != std::sregex_iterator(); ++it)
    styles.insert((*it)[1].str() + "|" + (*it)[3].str());
  EXPECT_EQ(styles.size(), 6u) << svg.substr(0, 2000);
  std::set<std::string> dashes;
  for (const std::string &style : styles)
    dashes.insert(style.substr(style.find('|')));
  EXPECT_EQ(dashes.size(), 6u); // distinguishable without colour too
}

TEST(LineChartTest, ALineDrawnOverAnIdenticalOneSaysSo) {
  LineChart chart{"t", "x", "y", {flat("all fixes", 1.1), flat("fixed in code", 1.1)}, {}, 0};
  EXPECT_NE(renderSvg({chart}).find(">fixed in code = all fixes<"), std::string::npos);
}

TEST(LineChartTest, FewPointsCarryMarkers) {
  LineChart chart{"t", "x", "y", {flat("a", 1, 10), flat("b", 2, 10), flat("c", 3, 10)}, {}, 0};
  const std::string svg = renderSvg({chart});
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_NE(svg.find("<polygon"), std::string::npos);
  LineChart dense{"t", "x", "y", {flat("a", 1, 1000)}, {}, 0};
  EXPECT_EQ(renderSvg({dense}).find("<circle"), std::string::npos);
}

} // namespace
} // namespace retrylint::sim
