// Line charts drawn with SvgWriter: the outage's load over time, the breaker's load and
// served requests, and the contention model's calls and completion time against N.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retrylint::sim {

struct ChartSeries {
  std::string label;
  std::vector<std::pair<double, double>> points; // (x, y), x ascending
  /// A reference such as the dependency's capacity: grey and dotted, not a policy.
  bool reference = false;
};

/// A labelled vertical line, e.g. where the outage starts and ends.
struct ChartMarker {
  double x = 0;
  std::string label;
};

enum class AxisScale { Auto, Linear, Log };

struct LineChart {
  std::string title, xLabel, yLabel; // the labels name their unit: "time (s)"
  std::vector<ChartSeries> series;
  std::vector<ChartMarker> markers;
  /// A horizontal reference line (e.g. the healthy load, ratio 1); none when <= 0.
  double referenceY = 0;
  /// Auto: logarithmic when one series peaks 10x or more above another, so a fixed policy's
  /// line next to a 100x spike stays visible.
  AxisScale yScale = AxisScale::Auto;
};

/// Where each part of a chart goes, in document coordinates: the renderer draws from it and
/// the tests check it (the legend must lie inside the panel and the canvas).
struct ChartLayout {
  double top = 0, height = 0; // the panel's band of the document
  std::vector<std::string> titleLines; // the title, wrapped to the plot's width
  double plotLeft = 0, plotTop = 0, plotRight = 0, plotBottom = 0;
  double legendX = 0, legendY = 0, legendWidth = 0, legendHeight = 0;
  std::vector<std::pair<double, double>> legendItems; // (x, y) of each item's swatch start
  bool logY = false;
};

/// A round tick step (1, 2 or 5 times a power of ten) giving about `targetTicks` ticks.
double niceTickStep(double range, int targetTicks = 6);

/// Whether the chart's y axis is logarithmic (its scale, or Auto's rule).
bool usesLogScale(const LineChart &chart);

/// A generous estimate of the width of `text` in the sans-serif font at `size` px (DejaVu
/// Sans metrics, the widest common default), so that a legend sized by it holds its labels.
double textWidth(std::string_view text, double size);

/// The label the legend shows for series `index`: its own, and " = <label>" when it draws
/// exactly over an earlier series, which then hides under it.
std::string legendLabel(const LineChart &chart, size_t index);

/// The panels stacked in a document `width` wide; each is `plotHeight` plus its title and
/// legend, whose items flow into as many rows as their labels need.
std::vector<ChartLayout> layoutCharts(const std::vector<LineChart> &charts, double width,
                                      double plotHeight);

/// All charts stacked in one SVG document.
std::string renderSvg(const std::vector<LineChart> &charts, double width = 960,
                      double plotHeight = 300);

/// A self-contained HTML page: a title, the charts inline (scaled to the page's width), and
/// the text report in <pre>.
std::string renderHtml(const std::string &title, const std::string &textReport,
                       const std::vector<LineChart> &charts);

} // namespace retrylint::sim
