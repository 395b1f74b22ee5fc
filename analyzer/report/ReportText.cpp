#include "report/Report.h"

#include <algorithm>
#include <cstdint>

namespace retrylint {
namespace {

/// White space from the start of the span's line text up to `column`, keeping its tabs, so
/// that what follows lines up under that column.
std::string padTo(const SourceSpan &span, unsigned column) {
  std::string pad;
  for (unsigned c = span.lineTextColumn; c < column && c - span.lineTextColumn < span.lineText.size(); ++c)
    pad += span.lineText[c - span.lineTextColumn] == '\t' ? '\t' : ' ';
  return pad;
}

/// The source line and a caret under the span, as clang prints them.
void writeSnippet(const SourceSpan &span, std::ostream &out) {
  if (span.lineText.empty() || span.line == 0 || span.column < span.lineTextColumn)
    return;
  std::string number = std::to_string(span.line);
  std::string gutter(std::max<size_t>(5, number.size() + 1), ' ');
  out << gutter.substr(number.size()) << number << " | " << span.lineText << "\n";
  std::string marker = padTo(span, span.column) + '^';
  // The tildes end with the span or the text, whichever comes first.
  uint64_t textEnd = uint64_t(span.lineTextColumn) + span.lineText.size();
  uint64_t end = span.endLine == span.line ? std::min<uint64_t>(span.endColumn, textEnd) : textEnd;
  for (uint64_t c = uint64_t(span.column) + 1; c < end; ++c)
    marker += '~';
  out << gutter << " | " << marker << "\n";
}

void writeDiagnostic(const SourceSpan &span, const char *level, const std::string &message,
                     const std::string &root, std::ostream &out) {
  out << displayPath(span.file, root) << ":" << span.line << ":" << span.column << ": " << level
      << ": " << message << "\n";
  writeSnippet(span, out);
}

} // namespace

void writeText(const Report &report, std::ostream &out) {
  for (const Finding &f : report.findings) {
    writeDiagnostic(f.span, toString(f.level), f.title + " [" + f.ruleId + "]", report.sourceRoot,
                    out);
    for (const FindingNote &n : f.flow)
      writeDiagnostic(n.span, "note", n.message, report.sourceRoot, out);
    for (const FindingNote &n : f.notes)
      writeDiagnostic(n.span, "note", n.message, report.sourceRoot, out);
    if (!f.fixHint.empty()) {
      out << displayPath(f.span.file, report.sourceRoot) << ":" << f.span.line << ":"
          << f.span.column << ": note: " << f.fixHint << "\n";
      for (const FixIt &fix : f.fixes) {
        writeSnippet(fix.span, out);
        std::string indent(std::max<size_t>(5, std::to_string(fix.span.line).size() + 1), ' ');
        out << indent << " | " << padTo(fix.span, fix.span.column) << fix.replacement << "\n";
      }
    }
  }
}

void writeFanoutChain(const FanoutChain &chain, const std::string &sourceRoot, std::ostream &out) {
  const FanoutLayer &outer = chain.layers.front();
  out << outer.function << ": " << chain.productText() << " calls to " << chain.leaf
      << (chain.virtualWorstCase.empty() ? "" : " (worst case over overrides of " + chain.virtualWorstCase + ")")
      << "\n";
  std::string indent = "  ";
  for (const FanoutLayer &l : chain.layers) {
    out << indent << "x" << l.attempts.text() << "  " << l.function
        << (l.via.empty() ? "" : " via " + l.via) << "  " << displayPath(l.site.file, sourceRoot)
        << ":" << l.site.line << ":" << l.site.column << "\n";
    indent += "  ";
  }
  out << indent << "-> " << chain.leaf << "\n";
}

void writeFanoutView(const Program &program, const std::string &sourceRoot, std::ostream &out) {
  for (const FanoutChain *chain : outermostChains(program.fanout, 1))
    writeFanoutChain(*chain, sourceRoot, out);
}

} // namespace retrylint
