// Where a chart's parts go: the title wrapped to the plot's width, the legend's items
// flowing into rows, the plot below them. The tests check the same numbers.
#include "retrylint/sim/LineChart.h"

#include "ChartMetrics.h"

#include <algorithm>

namespace retrylint::sim {

using namespace chart_metrics;

/// A label that also says when the series draws exactly over an earlier one, which then
/// hides under it: "fixed in code = all fixes".
std::string legendLabel(const LineChart &chart, size_t index) {
  for (size_t earlier = 0; earlier < index; ++earlier)
    if (chart.series[earlier].points == chart.series[index].points)
      return chart.series[index].label + " = " + chart.series[earlier].label;
  return chart.series[index].label;
}

double textWidth(std::string_view text, double size) {
  double em = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80)
      continue; // a UTF-8 continuation byte: the character was counted at its first byte
    if (c == ' ')
      em += 0.32;
    else if (std::string_view("il.,:;'|!()[]fjtr").find(static_cast<char>(c)) != std::string_view::npos)
      em += 0.4;
    else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%')
      em += 1.0;
    else if (c >= 'A' && c <= 'Z')
      em += 0.75;
    else
      em += 0.64; // lower case, digits, and anything else
  }
  return em * size;
}

/// `text` broken at spaces into lines no wider than `width` (a word longer than that gets a
/// line of its own).
static std::vector<std::string> wrapped(const std::string &text, double size, double width) {
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos)
      end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && kBoldWidth * textWidth(longer, size) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = longer;
    }
    start = end + 1;
  }
  if (!line.empty())
    lines.push_back(line);
  return lines;
}

std::vector<ChartLayout> layoutCharts(const std::vector<LineChart> &charts, double width,
                                      double plotHeight) {
  std::vector<ChartLayout> layouts;
  double top = 0;
  for (const LineChart &chart : charts) {
    ChartLayout layout;

    layout.top = top;
    layout.plotLeft = 78;
    layout.plotRight = width - 24;
    layout.logY = usesLogScale(chart);
    layout.titleLines = wrapped(chart.title, kTitleSize, layout.plotRight - layout.plotLeft);
    // The legend: items flow left to right under the title, wrapping into rows that fit.
    layout.legendX = layout.plotLeft;
    layout.legendY = top + 14 + kTitleLine * static_cast<double>(std::max<size_t>(1, layout.titleLines.size()));
    const double innerLeft = layout.legendX + 10, innerRight = layout.plotRight - 10;
    double x = innerLeft, rows = chart.series.empty() ? 0 : 1, widest = 0;
    for (size_t i = 0; i < chart.series.size(); ++i) {
      // A label too long for a whole row still gets one: the estimate errs wide, not short.
      const double item = kSwatch + 6 + textWidth(legendLabel(chart, i), kLegendSize);
      if (x > innerLeft && x + item > innerRight) {
        x = innerLeft;
        ++rows;
      }
      layout.legendItems.emplace_back(x, layout.legendY + 6 + kLegendRow * (rows - 0.5));
      x += item + 22;
      widest = std::max(widest, x - 22);
    }
    layout.legendWidth = chart.series.empty() ? 0 : std::min(widest, innerRight) + 10 - layout.legendX;
    layout.legendHeight = chart.series.empty() ? 0 : kLegendRow * rows + 12;
    layout.plotTop = layout.legendY + layout.legendHeight + 12;
    layout.plotBottom = layout.plotTop + plotHeight;
    layout.height = layout.plotBottom + 50 - top;
    layouts.push_back(layout);
    top += layout.height;
  }
  return layouts;
}

} // namespace retrylint::sim
