#include "retrylint/sim/LineChart.h"
#include "retrylint/sim/SvgWriter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace retrylint::sim {
namespace {

/// A small XML well-formedness check: balanced and properly nested tags, quoted attributes,
/// no raw '<' or stray '&' in text or values, one root. Returns "" or the first problem.
std::string xmlProblem(const std::string &xml) {
  std::vector<std::string> open;
  int roots = 0;
  auto entityAt = [&](size_t i) {
    for (const char *entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
      if (xml.compare(i, std::char_traits<char>::length(entity), entity) == 0)
        return true;
    return false;
  };
  size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '&' && !entityAt(i))
      return "stray & at " + std::to_string(i);
    if (xml[i] == '>')
      return "stray > at " + std::to_string(i);
    if (xml[i] != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(xml[i])))
        return "text outside the root";
      ++i;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      size_t end = xml.find("?>", i);
      if (end == std::string::npos)
        return "unclosed declaration";
      i = end + 2;
      continue;
    }
    const bool closing = xml[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    size_t nameStart = j;
    while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-'))
      ++j;
    const std::string name = xml.substr(nameStart, j - nameStart);
    if (name.empty())
      return "tag without a name at " + std::to_string(i);
    if (closing) {
      if (open.empty() || open.back() != name || xml[j] != '>')
        return "mismatched </" + name + ">";
      open.pop_back();
      i = j + 1;
      continue;
    }
    while (true) { // attributes: space name="value"
      while (j < xml.size() && std::isspace(static_cast<unsigned char>(xml[j])))
        ++j;
      if (xml.compare(j, 2, "/>") == 0 || xml[j] == '>')
        break;
      size_t attributeStart = j;
      while (j < xml.size() && (std::isalnum(static_cast<unsigned char>(xml[j])) || xml[j] == '-' || xml[j] == ':'))
        ++j;
      if (j == attributeStart || xml.compare(j, 2, "=\"") != 0)
        return "bad attribute in <" + name + ">";
      size_t end = xml.find('"', j + 2);
      if (end == std::string::npos)
        return "unterminated attribute in <" + name + ">";
      for (size_t k = j + 2; k < end; ++k)
        if (xml[k] == '<' || (xml[k] == '&' && !entityAt(k)))
          return "unescaped value in <" + name + ">";
      j = end + 1;
    }
    if (open.empty() && ++roots > 1)
      return "more than one root";
    if (xml[j] == '>') {
      open.push_back(name);
      i = j + 1;
    } else {
      i = j + 2;
    }
  }
  return open.empty() ? (roots == 1 ? "" : "no root") : "unclosed <" + open.back() + ">";
}

TEST(SvgWriterTest, TheCheckerItselfRejectsBrokenXml) {
  EXPECT_EQ(xmlProblem("<svg><g></g></svg>"), "");
  EXPECT_NE(xmlProblem("<svg><g></svg>"), "");
  EXPECT_NE(xmlProblem("<svg>a & b</svg>"), "");
  EXPECT_NE(xmlProblem("<svg x=1/>"), "");
  EXPECT_NE(xmlProblem("<svg/><svg/>"), "");
}

TEST(SvgWriterTest, NumbersArePlainAndShort) {
  EXPECT_EQ(SvgWriter::number(12.5), "12.5");
  EXPECT_EQ(SvgWriter::number(3), "3");
  EXPECT_EQ(SvgWriter::number(-0.25), "-0.25");
  EXPECT_EQ(SvgWriter::number(1.0 / 3), "0.33");
  EXPECT_EQ(SvgWriter::number(-0.001), "0");
  EXPECT_EQ(SvgWriter::number(0.0 / 0.0), "0");
}

TEST(SvgWriterTest, EscapesTextAndAttributes) {
  EXPECT_EQ(SvgWriter::escape(R"(a<b & "c" 'd'>)"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  SvgWriter svg(100, 50);
  svg.text(1, 2, "p99 < 5ms & \"fast\"");
  svg.textElement("title", {{"data-note", "x<y&z"}}, "ok");
  const std::string out = svg.finish();
  EXPECT_EQ(xmlProblem(out), "") << out;
  EXPECT_NE(out.find("p99 &lt; 5ms &amp; &quot;fast&quot;"), std::string::npos);
}

TEST(SvgWriterTest, ElementsBalanceEvenWhenLeftOpen) {
  SvgWriter svg(10, 10);
  svg.open("g", {{"id", "outer"}});
  svg.open("g");
  svg.line(0, 0, 10, 10, "#000");
  const std::string out = svg.finish(); // closes both groups and the root
  EXPECT_EQ(xmlProblem(out), "") << out;
  EXPECT_EQ(out.rfind("</svg>\n"), out.size() - 7);
}

TEST(SvgWriterTest, LineChartDrawsOnePolylinePerSeriesWithLegend) {
  LineChart chart{"Load <over> time", "time (s)", "calls / healthy", {}, {{0, "start"}}, 1};
  chart.series.push_back({"as written", {{0, 1}, {1, 101}, {2, 1}, {3, 1}, {4, 1}, {5, 2}}});
  chart.series.push_back({"fixed & jittered", {{0, 1}, {1, 3}, {2, 1}}});
  const std::string svg = renderSvg({chart, chart});
  EXPECT_EQ(xmlProblem(svg), "") << svg;
  size_t polylines = 0;
  for (size_t at = svg.find("<polyline"); at != std::string::npos; at = svg.find("<polyline", at + 1))
    ++polylines;
  EXPECT_EQ(polylines, 4u); // two series in each of two panels
  EXPECT_NE(svg.find("fixed &amp; jittered"), std::string::npos);
  EXPECT_NE(svg.find("Load &lt;over&gt; time"), std::string::npos);
}

TEST(SvgWriterTest, FlatRunsCollapseToTheirEnds) {
  LineChart chart{"t", "x", "y", {}, {}, 0};
  ChartSeries flat{"flat", {}};
  for (int x = 0; x <= 1000; ++x)
    flat.points.emplace_back(x, x == 500 ? 9 : 1);
  chart.series.push_back(flat);
  const std::string svg = renderSvg({chart});
  const size_t start = svg.find("points=\"");
  const std::string points = svg.substr(start, svg.find('"', start + 8) - start);
  // 0, 499 (flat run ends), 500 (spike), 501, 1000: five points, not 1001
  EXPECT_EQ(std::count(points.begin(), points.end(), ','), 5);
}

TEST(SvgWriterTest, NiceTickSteps) {
  EXPECT_EQ(niceTickStep(100, 5), 20);
  EXPECT_EQ(niceTickStep(7, 6), 2);
  EXPECT_EQ(niceTickStep(0.9, 6), 0.2);
  EXPECT_EQ(niceTickStep(4300, 10), 500);
}

TEST(SvgWriterTest, HtmlPageInlinesTheSvg) {
  LineChart chart{"t", "x", "y", {{"s", {{0, 1}, {1, 2}}}}, {}, 0};
  const std::string html = renderHtml("retrylint <simulate>", "a < b\n", {chart});
  EXPECT_EQ(html.find("<?xml"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<pre>a &lt; b\n</pre>"), std::string::npos);
  EXPECT_NE(html.find("<title>retrylint &lt;simulate&gt;</title>"), std::string::npos);
}

} // namespace
} // namespace retrylint::sim
