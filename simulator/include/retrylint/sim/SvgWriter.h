// A minimal SVG writer: elements always balance, text and attributes are always escaped,
// numbers always print the same way (no locale, two decimals at most).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace retrylint::sim {

using SvgAttributes = std::vector<std::pair<std::string, std::string>>;

class SvgWriter {
public:
  SvgWriter(double width, double height);

  /// <tag attrs...> ... ; close with close().
  void open(std::string_view tag, const SvgAttributes &attributes = {});
  void close();
  /// <tag attrs.../>
  void empty(std::string_view tag, const SvgAttributes &attributes);
  /// <tag attrs...>text</tag>
  void textElement(std::string_view tag, const SvgAttributes &attributes, std::string_view text);

  void line(double x1, double y1, double x2, double y2, std::string_view stroke,
            double strokeWidth = 1, std::string_view dash = "");
  void rect(double x, double y, double width, double height, std::string_view fill,
            std::string_view stroke = "none");
  void polyline(const std::vector<std::pair<double, double>> &points, std::string_view stroke,
                double strokeWidth = 1.5);
  void text(double x, double y, std::string_view text, std::string_view anchor = "start",
            double size = 12);

  /// Closes every open element and the document; the writer is then spent.
  std::string finish();

  /// Escapes &, <, >, " and ' for text and attribute values.
  static std::string escape(std::string_view text);
  /// Fixed notation with at most two decimals, trailing zeros dropped: 12.5, 3, -0.25.
  static std::string number(double value);

private:
  void writeAttributes(const SvgAttributes &attributes);

  std::string out_;
  std::vector<std::string> openTags_;
};

} // namespace retrylint::sim
