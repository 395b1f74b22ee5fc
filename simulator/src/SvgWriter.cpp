#include "retrylint/sim/SvgWriter.h"

#include <cmath>
#include <cstdio>

namespace retrylint::sim {

SvgWriter::SvgWriter(double width, double height) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
               {"width", number(width)},
               {"height", number(height)},
               {"viewBox", "0 0 " + number(width) + " " + number(height)},
               {"font-family", "sans-serif"}});
}

std::string SvgWriter::escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': escaped += "&amp;"; break;
    case '<': escaped += "&lt;"; break;
    case '>': escaped += "&gt;"; break;
    case '"': escaped += "&quot;"; break;
    case '\'': escaped += "&apos;"; break;
    default: escaped += c;
    }
  }
  return escaped;
}

std::string SvgWriter::number(double value) {
  if (!std::isfinite(value))
    value = 0; // SVG has no NaN; a broken point must not break the document
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string result = text;
  while (result.back() == '0')
    result.pop_back();
  if (result.back() == '.')
    result.pop_back();
  return result == "-0" ? "0" : result;
}

void SvgWriter::writeAttributes(const SvgAttributes &attributes) {
  for (const auto &[name, value] : attributes)
    out_ += " " + name + "=\"" + escape(value) + "\"";
}

void SvgWriter::open(std::string_view tag, const SvgAttributes &attributes) {
  out_ += "<" + std::string(tag);
  writeAttributes(attributes);
  out_ += ">\n";
  openTags_.emplace_back(tag);
}

void SvgWriter::close() {
  if (openTags_.empty())
    return;
  out_ += "</" + openTags_.back() + ">\n";
  openTags_.pop_back();
}

void SvgWriter::empty(std::string_view tag, const SvgAttributes &attributes) {
  out_ += "<" + std::string(tag);
  writeAttributes(attributes);
  out_ += "/>\n";
}

void SvgWriter::textElement(std::string_view tag, const SvgAttributes &attributes,
                            std::string_view text) {
  out_ += "<" + std::string(tag);
  writeAttributes(attributes);
  out_ += ">" + escape(text) + "</" + std::string(tag) + ">\n";
}

void SvgWriter::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                     double strokeWidth, std::string_view dash) {
  SvgAttributes attributes = {{"x1", number(x1)}, {"y1", number(y1)}, {"x2", number(x2)},
                              {"y2", number(y2)}, {"stroke", std::string(stroke)},
                              {"stroke-width", number(strokeWidth)}};
  if (!dash.empty())
    attributes.emplace_back("stroke-dasharray", std::string(dash));
  empty("line", attributes);
}

void SvgWriter::rect(double x, double y, double width, double height, std::string_view fill,
                     std::string_view stroke) {
  empty("rect", {{"x", number(x)}, {"y", number(y)}, {"width", number(width)},
                 {"height", number(height)}, {"fill", std::string(fill)},
                 {"stroke", std::string(stroke)}});
}

void SvgWriter::polyline(const std::vector<std::pair<double, double>> &points,
                         std::string_view stroke, double strokeWidth) {
  std::string coordinates;
  for (const auto &[x, y] : points) {
    if (!coordinates.empty())
      coordinates += ' ';
    coordinates += number(x) + "," + number(y);
  }
  empty("polyline", {{"points", coordinates}, {"fill", "none"}, {"stroke", std::string(stroke)},
                     {"stroke-width", number(strokeWidth)}, {"stroke-linejoin", "round"}});
}

void SvgWriter::text(double x, double y, std::string_view content, std::string_view anchor,
                     double size) {
  textElement("text", {{"x", number(x)}, {"y", number(y)}, {"font-size", number(size)},
                       {"text-anchor", std::string(anchor)}},
              content);
}

std::string SvgWriter::finish() {
  while (!openTags_.empty())
    close();
  return std::move(out_);
}

} // namespace retrylint::sim
