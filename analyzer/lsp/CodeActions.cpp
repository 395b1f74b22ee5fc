// Fix-its and suppressions as code actions.
#include "lsp/Features.h"

#include <algorithm>

namespace retrylint::lsp {
namespace {

json editOf(const std::string &file, json range, const std::string &newText) {
  return {{"changes", {{uriFromPath(file), json::array({{{"range", std::move(range)}, {"newText", newText}}})}}}};
}

/// Whether the editor's line still reads as it did when the facts were made.
bool current(const SourceSpan &span, const std::string &file, const std::string *documentText) {
  return !documentText || span.file != file || lineOf(*documentText, span.line - 1) == span.lineText;
}

} // namespace

json codeActions(const Snapshot &snapshot, const std::string &file, unsigned firstLine,
                 unsigned lastLine, const std::string *documentText, const PositionEncoding &encoding) {
  std::vector<const Finding *> here;
  for (const Finding &f : snapshot.findings)
    if (f.span.file == file && f.span.line >= firstLine && f.span.line <= lastLine)
      here.push_back(&f);
  // The full-jitter fix first: it is the one-line change that matters most.
  std::stable_partition(here.begin(), here.end(),
                        [](const Finding *f) { return f->ruleId == "retry-backoff-no-jitter"; });
  json actions = json::array();
  bool preferred = true;
  for (const Finding *f : here)
    for (const FixIt &fix : f->fixes) {
      if (fix.span.line == 0 || !current(fix.span, file, documentText))
        continue;
      actions.push_back({{"title", "Fix: " + (fix.description.empty() ? f->fixHint : fix.description)},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({diagnosticOf(snapshot, *f, encoding)})},
                         {"isPreferred", preferred},
                         {"edit", editOf(fix.span.file, encoding.range(fix.span), fix.replacement)}});
      preferred = false;
    }
  for (const Finding *f : here) {
    if (f->ruleId == "nolint-unmatched" || !current(f->span, file, documentText))
      continue;
    std::string indent = f->span.lineText.substr(0, f->span.lineText.find_first_not_of(" \t"));
    if (indent.size() == f->span.lineText.size())
      indent.clear();
    json start{{"line", f->span.line - 1}, {"character", 0}};
    actions.push_back({{"title", "Suppress " + f->ruleId + " on this line (NOLINTNEXTLINE)"},
                       {"kind", "quickfix"},
                       {"diagnostics", json::array({diagnosticOf(snapshot, *f, encoding)})},
                       {"edit", editOf(file, {{"start", start}, {"end", start}},
                                       indent + "// NOLINTNEXTLINE(" + f->ruleId + ")\n")}});
  }
  return actions;
}

} // namespace retrylint::lsp
