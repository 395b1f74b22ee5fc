// Line charts drawn with SvgWriter: the outage's load over time and the contention
// model's calls and completion time against N.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace retrylint::sim {

struct ChartSeries {
  std::string label;
  std::vector<std::pair<double, double>> points; // (x, y), x ascending
};

/// A labelled vertical line, e.g. where the outage starts and ends.
struct ChartMarker {
  double x = 0;
  std::string label;
};

struct LineChart {
  std::string title, xLabel, yLabel;
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
  /// A horizontal reference line (e.g. the healthy load, ratio 1); none when <= 0.
  double referenceY = 0;
};

/// A round tick step (1, 2 or 5 times a power of ten) giving about `targetTicks` ticks.
double niceTickStep(double range, int targetTicks = 6);

/// All charts stacked in one SVG document, each `panelHeight` high.
std::string renderSvg(const std::vector<LineChart> &charts, double width = 960,
                      double panelHeight = 380);

/// A self-contained HTML page: a title, the text report in <pre>, and the charts inline.
std::string renderHtml(const std::string &title, const std::string &textReport,
                       const std::vector<LineChart> &charts);

} // namespace retrylint::sim
