#include "retrylint/sim/LineChart.h"

#include "ChartMetrics.h"

#include "retrylint/sim/SvgWriter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace retrylint::sim {
namespace {

using namespace chart_metrics;

/// Colours that stay distinct for the usual colour-vision deficiencies (Okabe-Ito)...
const char *const kPalette[] = {"#D55E00", "#0072B2", "#009E73", "#CC79A7",
                                "#E69F00", "#56B4E9", "#000000"};
/// ...and a dash pattern each, so lines stay apart in grey print and where they overlap.
const char *const kDashes[] = {"", "9 4", "3 3", "12 3 3 3", "6 2", "1 3", "14 4 2 4 2 4"};
constexpr const char *kReferenceColour = "#666666";
constexpr const char *kReferenceDash = "2 2";
/// Series with at most this many points also mark each point, with a shape per series.
constexpr size_t kMaxMarkedPoints = 40;


/// Drops the middle of horizontal runs: a flat healthy load costs two points, not thousands.
std::vector<std::pair<double, double>> withoutFlatRuns(const std::vector<std::pair<double, double>> &points) {
  std::vector<std::pair<double, double>> kept;
  for (size_t i = 0; i < points.size(); ++i) {
    const bool flat = i > 0 && i + 1 < points.size() && points[i - 1].second == points[i].second &&
                      points[i + 1].second == points[i].second;
    if (!flat)
      kept.push_back(points[i]);
  }
  return kept;
}

/// Keeps, per pixel column, the first, lowest, highest and last point (in x order): the
/// drawing is the same, and a 4000-bucket series costs a few hundred points, not thousands.
std::vector<std::pair<double, double>> envelopePerPixel(const std::vector<std::pair<double, double>> &points) {
  std::vector<std::pair<double, double>> kept;
  size_t i = 0;
  while (i < points.size()) {
    size_t j = i;
    const double column = std::floor(points[i].first);
    size_t low = i, high = i;
    while (j < points.size() && std::floor(points[j].first) == column) {
      if (points[j].second > points[low].second) // screen y grows downwards
        low = j;
      if (points[j].second < points[high].second)
        high = j;
      ++j;
    }
    std::vector<size_t> picks = {i, low, high, j - 1};
    std::sort(picks.begin(), picks.end());
    picks.erase(std::unique(picks.begin(), picks.end()), picks.end());
    for (size_t k : picks)
      kept.push_back(points[k]);
    i = j;
  }
  return kept;
}

/// "0.01", "0.5", "20", "1000": a tick value without trailing zeros.
std::string tickLabel(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", std::fabs(value) < 1e-12 ? 0.0 : value);
  return text;
}

/// The y range of the non-reference data, and each series' peak.
struct DataRange {
  double minX = INFINITY, maxX = -INFINITY, maxY = 0, minPositiveY = INFINITY;
  std::vector<double> seriesPeaks;
};

DataRange rangeOf(const LineChart &chart) {
  DataRange range;
  for (const ChartSeries &series : chart.series) {
    double peak = 0;
    for (const auto &[x, y] : series.points) {
      range.minX = std::min(range.minX, x);
      range.maxX = std::max(range.maxX, x);
      range.maxY = std::max(range.maxY, y);
      if (y > 0)
        range.minPositiveY = std::min(range.minPositiveY, y);
      peak = std::max(peak, y);
    }
    if (!series.reference)
      range.seriesPeaks.push_back(peak);
  }
  if (!(range.minX < range.maxX)) {
    range.minX = 0;
    range.maxX = 1;
  }
  return range;
}

/// Maps data y to the plot, linear or logarithmic, and lists the ticks.
struct YAxis {
  bool log = false;
  double low = 0, high = 1; // data values at the bottom and top (log: both positive)
  std::vector<double> ticks;

  double fraction(double y) const {
    if (!log)
      return (y - low) / (high - low);
    if (!(y > low))
      return 0; // zero and below sit on the bottom edge of a log axis
    return (std::log10(y) - std::log10(low)) / (std::log10(high) - std::log10(low));
  }
};

YAxis yAxisFor(const LineChart &chart, const DataRange &range) {
  YAxis axis;
  axis.log = usesLogScale(chart);
  double maxY = std::max(range.maxY, chart.referenceY);
  if (!(maxY > 0))
    maxY = 1;
  if (!axis.log) {
    maxY *= 1.05;
    const double step = niceTickStep(maxY);
    axis.high = std::ceil(maxY / step) * step;
    for (double y = 0; y <= axis.high + step / 2; y += step)
      axis.ticks.push_back(y);
    return axis;
  }
  // From the decade below the smallest value (at most 5 decades down) to a little above the top.
  const double smallest = std::isfinite(range.minPositiveY) ? range.minPositiveY : maxY / 100;
  // A round value (1, 2 or 5 times a power of ten) strictly below the smallest value, so that
  // it does not sit on the axis with the zeros.
  const double floorValue = std::max(smallest, maxY / 1e5);
  const double decade = std::pow(10.0, std::floor(std::log10(floorValue) - 1e-9));
  axis.low = decade;
  for (double factor : {2.0, 5.0})
    if (decade * factor < floorValue * (1 - 1e-9))
      axis.low = decade * factor;
  axis.high = maxY * 1.3;
  const double decades = std::log10(axis.high / axis.low);
  for (double power = decade; power <= axis.high; power *= 10)
    for (double factor : {1.0, 2.0, 5.0}) {
      const double y = power * factor;
      if (y >= axis.low * (1 - 1e-9) && y <= axis.high && (factor == 1 || decades <= 3.5))
        axis.ticks.push_back(y);
    }
  return axis;
}

/// A small shape at (x, y) for series `index`: circle, square, triangle, diamond, cross.
void drawMarker(SvgWriter &svg, size_t index, double x, double y, const char *colour) {
  const std::string fill = colour;
  switch (index % 5) {
  case 0:
    svg.empty("circle", {{"cx", SvgWriter::number(x)}, {"cy", SvgWriter::number(y)}, {"r", "3"},
                         {"fill", fill}});
    return;
  case 1:
    svg.rect(x - 3, y - 3, 6, 6, fill);
    return;
  default: {
    std::string points;
    auto add = [&](double px, double py) {
      points += (points.empty() ? "" : " ") + SvgWriter::number(px) + "," + SvgWriter::number(py);
    };
    if (index % 5 == 2) {
      add(x, y - 4), add(x + 4, y + 3), add(x - 4, y + 3);
    } else if (index % 5 == 3) {
      add(x, y - 4), add(x + 4, y), add(x, y + 4), add(x - 4, y);
    } else {
      svg.line(x - 3, y - 3, x + 3, y + 3, colour, 2);
      svg.line(x - 3, y + 3, x + 3, y - 3, colour, 2);
      return;
    }
    svg.empty("polygon", {{"points", points}, {"fill", fill}});
  }
  }
}

/// The colour and dash of series `index` among a chart's policies (references are grey).
struct LineStyle {
  const char *colour, *dash;
  bool marked;
  size_t shape;
};

std::vector<LineStyle> stylesOf(const LineChart &chart) {
  std::vector<LineStyle> styles;
  size_t policy = 0;
  for (const ChartSeries &series : chart.series) {
    const bool marked = series.points.size() <= kMaxMarkedPoints;
    if (series.reference) {
      styles.push_back({kReferenceColour, kReferenceDash, false, 0});
      continue;
    }
    styles.push_back({kPalette[policy % std::size(kPalette)], kDashes[policy % std::size(kDashes)],
                      marked, policy});
    ++policy;
  }
  return styles;
}

void drawLegend(SvgWriter &svg, const LineChart &chart, const ChartLayout &layout,
                const std::vector<LineStyle> &styles) {
  svg.open("g", {{"class", "legend"}});
  svg.empty("rect", {{"class", "legend-box"},
                     {"x", SvgWriter::number(layout.legendX)},
                     {"y", SvgWriter::number(layout.legendY)},
                     {"width", SvgWriter::number(layout.legendWidth)},
                     {"height", SvgWriter::number(layout.legendHeight)},
                     {"fill", "#ffffff"},
                     {"stroke", "#bbbbbb"}});
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const auto [x, y] = layout.legendItems[i];
    svg.line(x, y, x + kSwatch, y, styles[i].colour, 3, styles[i].dash);
    if (styles[i].marked)
      drawMarker(svg, styles[i].shape, x + kSwatch / 2, y, styles[i].colour);
    svg.text(x + kSwatch + 6, y + 4, legendLabel(chart, i), "start", kLegendSize);
  }
  svg.close();
}

void drawChart(SvgWriter &svg, const LineChart &chart, const ChartLayout &layout) {
  const DataRange range = rangeOf(chart);
  const YAxis axis = yAxisFor(chart, range);
  const double left = layout.plotLeft, right = layout.plotRight;
  const double top = layout.plotTop, bottom = layout.plotBottom;
  auto px = [&](double x) { return left + (x - range.minX) / (range.maxX - range.minX) * (right - left); };
  auto py = [&](double y) { return bottom - axis.fraction(y) * (bottom - top); };

  for (size_t i = 0; i < layout.titleLines.size(); ++i)
    svg.textElement("text",
                    {{"x", SvgWriter::number(left)},
                     {"y", SvgWriter::number(layout.top + 22 + kTitleLine * static_cast<double>(i))},
                     {"font-size", SvgWriter::number(kTitleSize)}, {"font-weight", "bold"}},
                    layout.titleLines[i]);
  svg.rect(left, top, right - left, bottom - top, "#ffffff", "#999999");
  for (double y : axis.ticks) {
    svg.line(left, py(y), right, py(y), "#e5e5e5");
    svg.text(left - 6, py(y) + 4, tickLabel(y), "end", kTickSize);
  }
  const double xStep = niceTickStep(range.maxX - range.minX, 10);
  for (double x = std::ceil(range.minX / xStep) * xStep; x <= range.maxX + xStep / 1e6; x += xStep)
    svg.text(px(x), bottom + 16, tickLabel(std::round(x / xStep) * xStep), "middle", kTickSize);
  svg.text((left + right) / 2, bottom + 36, chart.xLabel, "middle", kLabelSize);
  svg.textElement("text",
                  {{"x", "0"}, {"y", "0"}, {"font-size", SvgWriter::number(kLabelSize)},
                   {"text-anchor", "middle"},
                   {"transform", "translate(16 " + SvgWriter::number((top + bottom) / 2) + ") rotate(-90)"}},
                  chart.yLabel + (axis.log ? " (log scale)" : ""));
  if (chart.referenceY > 0)
    svg.line(left, py(chart.referenceY), right, py(chart.referenceY), "#777777", 1, "4 3");
  for (const ChartMarker &marker : chart.markers) {
    svg.line(px(marker.x), top, px(marker.x), bottom, "#777777", 1, "2 3");
    svg.text(px(marker.x) + 3, top + 12, marker.label, "start", 10);
  }
  const std::vector<LineStyle> styles = stylesOf(chart);
  for (size_t i = 0; i < chart.series.size(); ++i) {
    std::vector<std::pair<double, double>> scaled;
    for (const auto &[x, y] : withoutFlatRuns(chart.series[i].points))
      scaled.emplace_back(px(x), py(y));
    scaled = envelopePerPixel(scaled);
    SvgAttributes attributes = {{"points", ""}, {"fill", "none"}, {"stroke", styles[i].colour},
                                {"stroke-width", chart.series[i].reference ? "1.5" : "1.8"},
                                {"stroke-linejoin", "round"}};
    for (const auto &[x, y] : scaled)
      attributes[0].second += (attributes[0].second.empty() ? "" : " ") + SvgWriter::number(x) +
                              "," + SvgWriter::number(y);
    if (*styles[i].dash)
      attributes.emplace_back("stroke-dasharray", styles[i].dash);
    svg.empty("polyline", attributes);
    if (styles[i].marked)
      for (const auto &[x, y] : scaled)
        drawMarker(svg, styles[i].shape, x, y, styles[i].colour);
  }
  drawLegend(svg, chart, layout, styles);
}

} // namespace

double niceTickStep(double range, int targetTicks) {
  if (!(range > 0))
    return 1;
  const double rough = range / std::max(1, targetTicks);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  for (double factor : {1.0, 2.0, 5.0})
    if (factor * power >= rough)
      return factor * power;
  return 10 * power;
}

bool usesLogScale(const LineChart &chart) {
  if (chart.yScale != AxisScale::Auto)
    return chart.yScale == AxisScale::Log;
  // A series that peaks 10x below another is a flat line at the bottom of a linear axis, and
  // so are the typical values under spikes 20x their median.
  const DataRange range = rangeOf(chart);
  double highest = 0, lowest = INFINITY;
  for (double peak : range.seriesPeaks)
    if (peak > 0) {
      highest = std::max(highest, peak);
      lowest = std::min(lowest, peak);
    }
  std::vector<double> values;
  for (const ChartSeries &series : chart.series)
    if (!series.reference)
      for (const auto &point : series.points)
        if (point.second > 0)
          values.push_back(point.second);
  if (values.empty())
    return false;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return highest >= 10 * lowest || highest >= 20 * values[values.size() / 2];
}

std::string renderSvg(const std::vector<LineChart> &charts, double width, double plotHeight) {
  const std::vector<ChartLayout> layouts = layoutCharts(charts, width, plotHeight);
  const double height = layouts.empty() ? plotHeight : layouts.back().top + layouts.back().height;
  SvgWriter svg(width, height);
  svg.rect(0, 0, width, height, "#fafafa");
  for (size_t i = 0; i < charts.size(); ++i)
    drawChart(svg, charts[i], layouts[i]);
  return svg.finish();
}

std::string renderHtml(const std::string &title, const std::string &textReport,
                       const std::vector<LineChart> &charts) {
  std::string svg = renderSvg(charts);
  svg.erase(0, svg.find("<svg")); // inline SVG takes no XML declaration
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         SvgWriter::escape(title) +
         "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
         "svg{display:block;max-width:100%;height:auto}"
         "pre{background:#f4f4f4;padding:1em;overflow-x:auto}</style>\n</head>\n<body>\n<h1>" +
         SvgWriter::escape(title) + "</h1>\n" + svg + "<pre>" + SvgWriter::escape(textReport) +
         "</pre>\n</body>\n</html>\n";
}

} // namespace retrylint::sim
