// Sizes that the chart layout and the drawing share (px, at the SVG's scale).
#pragma once

namespace retrylint::sim::chart_metrics {

constexpr double kTitleSize = 15, kLegendSize = 12, kTickSize = 11, kLabelSize = 12;
constexpr double kLegendRow = 20, kSwatch = 30, kTitleLine = 20;
/// Bold text is wider than the regular text textWidth() measures.
constexpr double kBoldWidth = 1.1;

} // namespace retrylint::sim::chart_metrics
