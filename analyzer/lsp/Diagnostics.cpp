// Findings as LSP diagnostics.
#include "lsp/Features.h"

#include "report/Report.h"
#include "Version.h"

namespace retrylint::lsp {
namespace {

int severity(Level level) {
  switch (level) {
  case Level::Error: return 1;
  case Level::Warning: return 2;
  case Level::Note: return 3; // Information
  }
  return 2;
}

json related(const SourceSpan &span, const std::string &message, const PositionEncoding &encoding) {
  return {{"location", encoding.location(span)}, {"message", message}};
}

} // namespace

json diagnosticOf(const Snapshot &snapshot, const Finding &f, const PositionEncoding &encoding) {
  json d{{"range", encoding.range(f.span)},
         {"severity", severity(f.level)},
         {"code", f.ruleId},
         {"codeDescription", {{"href", ruleHelpUri(f.ruleId)}}},
         {"source", "retrylint"},
         {"message", sentenceMessage(f)}};
  json info = json::array();
  for (const FindingNote &n : f.flow)
    if (n.span.line > 0)
      info.push_back(related(n.span, n.message, encoding));
  for (const FindingNote &n : f.notes)
    if (n.span.line > 0)
      info.push_back(related(n.span, n.message, encoding));
  // A finding about a retry loop walks through its schedule, one sleep at a time.
  if (const RetryLoop *loop = snapshot.sites->loopAt(f.span)) {
    const auto &sleeps = loop->sleeps;
    for (size_t i = 0; i < sleeps.size(); ++i) {
      if (sleeps[i].span.line == 0)
        continue;
      std::string which = sleeps.size() == 1 ? "sleep" : "sleep " + std::to_string(i + 1) + " of " +
                                                             std::to_string(sleeps.size());
      info.push_back(related(sleeps[i].span,
                             which + " (`" + sleeps[i].sleepCall + "`): " + scheduleOf(*loop, sleeps[i]),
                             encoding));
    }
  }
  if (!info.empty())
    d["relatedInformation"] = info;
  json data = json::object();
  if (!f.confidence.empty())
    data["confidence"] = f.confidence;
  for (const auto &[key, value] : f.properties)
    data[key] = value;
  if (!data.empty())
    d["data"] = data;
  return d;
}

json diagnosticsFor(const Snapshot &snapshot, const std::string &file, const PositionEncoding &encoding) {
  json list = json::array();
  for (const Finding &f : snapshot.findings)
    if (f.span.file == file)
      list.push_back(diagnosticOf(snapshot, f, encoding));
  return list;
}

} // namespace retrylint::lsp
