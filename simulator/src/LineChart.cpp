#include "retrylint/sim/LineChart.h"

#include "retrylint/sim/SvgWriter.h"

#include <algorithm>
#include <cmath>

namespace retrylint::sim {

/// Colours that stay distinct for the usual colour-vision deficiencies (Okabe-Ito).
static const char *const kPalette[] = {"#D55E00", "#0072B2", "#009E73", "#E69F00",
                                       "#CC79A7", "#56B4E9", "#000000"};

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

/// Drops the middle of horizontal runs: a flat healthy load costs two points, not thousands.
static std::vector<std::pair<double, double>>
withoutFlatRuns(const std::vector<std::pair<double, double>> &points) {
  std::vector<std::pair<double, double>> kept;
  for (size_t i = 0; i < points.size(); ++i) {
    const bool flat = i > 0 && i + 1 < points.size() && points[i - 1].second == points[i].second &&
                      points[i + 1].second == points[i].second;
    if (!flat)
      kept.push_back(points[i]);
  }
  return kept;
}

static std::string tickLabel(double value, double step) {
  if (step >= 1 || value == 0)
    return SvgWriter::number(std::round(value));
  return SvgWriter::number(value);
}

/// One chart in the band [top, top + height) of the document.
static void drawChart(SvgWriter &svg, const LineChart &chart, double top, double width,
                      double height) {
  const double left = 70, right = width - 190, plotTop = top + 40, plotBottom = top + height - 50;
  double minX = INFINITY, maxX = -INFINITY, maxY = 0;
  for (const ChartSeries &series : chart.series)
    for (const auto &[x, y] : series.points) {
      minX = std::min(minX, x);
      maxX = std::max(maxX, x);
      maxY = std::max(maxY, y);
    }
  if (!(minX < maxX)) {
    minX = 0;
    maxX = 1;
  }
  maxY = std::max(maxY, chart.referenceY) * 1.05;
  if (!(maxY > 0))
    maxY = 1;
  const double yStep = niceTickStep(maxY);
  maxY = std::ceil(maxY / yStep) * yStep;
  auto px = [&](double x) { return left + (x - minX) / (maxX - minX) * (right - left); };
  auto py = [&](double y) { return plotBottom - y / maxY * (plotBottom - plotTop); };

  svg.text(left, top + 22, chart.title, "start", 15);
  svg.rect(left, plotTop, right - left, plotBottom - plotTop, "#ffffff", "#999999");
  for (double y = 0; y <= maxY + yStep / 2; y += yStep) {
    svg.line(left, py(y), right, py(y), "#e5e5e5");
    svg.text(left - 6, py(y) + 4, tickLabel(y, yStep), "end", 11);
  }
  const double xStep = niceTickStep(maxX - minX, 10);
  for (double x = std::ceil(minX / xStep) * xStep; x <= maxX + xStep / 1e6; x += xStep)
    svg.text(px(x), plotBottom + 16, tickLabel(x, xStep), "middle", 11);
  svg.text((left + right) / 2, plotBottom + 36, chart.xLabel, "middle", 12);
  svg.textElement("text",
                  {{"x", "0"}, {"y", "0"}, {"font-size", "12"}, {"text-anchor", "middle"},
                   {"transform", "translate(18 " + SvgWriter::number((plotTop + plotBottom) / 2) +
                                     ") rotate(-90)"}},
                  chart.yLabel);
  if (chart.referenceY > 0)
    svg.line(left, py(chart.referenceY), right, py(chart.referenceY), "#777777", 1, "4 3");
  for (const ChartMarker &marker : chart.markers) {
    svg.line(px(marker.x), plotTop, px(marker.x), plotBottom, "#777777", 1, "2 3");
    svg.text(px(marker.x) + 3, plotTop + 12, marker.label, "start", 10);
  }
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const char *colour = kPalette[i % std::size(kPalette)];
    std::vector<std::pair<double, double>> scaled;
    for (const auto &[x, y] : withoutFlatRuns(chart.series[i].points))
      scaled.emplace_back(px(x), py(y));
    svg.polyline(scaled, colour);
    const double legendY = plotTop + 10 + 18 * static_cast<double>(i);
    svg.line(right + 12, legendY, right + 32, legendY, colour, 3);
    svg.text(right + 38, legendY + 4, chart.series[i].label, "start", 11);
  }
}

std::string renderSvg(const std::vector<LineChart> &charts, double width, double panelHeight) {
  SvgWriter svg(width, panelHeight * static_cast<double>(std::max<size_t>(1, charts.size())));
  svg.rect(0, 0, width, panelHeight * static_cast<double>(std::max<size_t>(1, charts.size())),
           "#fafafa");
  for (size_t i = 0; i < charts.size(); ++i)
    drawChart(svg, charts[i], panelHeight * static_cast<double>(i), width, panelHeight);
  return svg.finish();
}

std::string renderHtml(const std::string &title, const std::string &textReport,
                       const std::vector<LineChart> &charts) {
  std::string svg = renderSvg(charts);
  svg.erase(0, svg.find("<svg")); // inline SVG takes no XML declaration
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
         SvgWriter::escape(title) +
         "</title>\n<style>body{font-family:sans-serif;margin:2em}"
         "pre{background:#f4f4f4;padding:1em;overflow-x:auto}</style>\n</head>\n<body>\n<h1>" +
         SvgWriter::escape(title) + "</h1>\n<pre>" + SvgWriter::escape(textReport) + "</pre>\n" +
         svg + "</body>\n</html>\n";
}

} // namespace retrylint::sim
