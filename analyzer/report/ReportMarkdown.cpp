// --format=markdown: what a pull request changes, for GitHub's job summary or a comment.
#include "report/Baseline.h"
#include "report/Fingerprints.h"
#include "report/Report.h"

#include <map>

namespace retrylint {
namespace {

const size_t MaxListed = 100; // a job summary holds 1 MiB

/// `<`, `>` and `&` outside code spans would be read as HTML.
std::string escape(const std::string &text) {
  std::string out;
  bool code = false;
  for (char c : text) {
    if (c == '`')
      code = !code;
    if (!code && c == '<')
      out += "&lt;";
    else if (!code && c == '>')
      out += "&gt;";
    else if (!code && c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

std::string property(const Finding &f, const std::string &key) {
  for (const auto &[k, v] : f.properties)
    if (k == key)
      return v;
  return "";
}

std::string plural(size_t n, const std::string &what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

/// A nest of retries: what it was in the baseline and what it is now ("" = none).
struct FanoutChange {
  std::string function, before, after, where;
};

/// Pairs the reported nests with the baseline's vanished ones by outermost function.
std::vector<FanoutChange> fanoutChanges(const Report &report, const Baseline *baseline,
                                        std::vector<bool> &pairedMissing) {
  std::multimap<std::string, size_t> vanished; // outermost function -> index in missing()
  if (baseline)
    for (size_t i = 0; i < baseline->missing().size(); ++i)
      if (baseline->missing()[i].ruleId == "retry-nested-fanout")
        vanished.emplace(baseline->missing()[i].outermostFunction, i);
  std::vector<FanoutChange> changes;
  for (const Finding &f : report.findings) {
    if (f.ruleId != "retry-nested-fanout")
      continue;
    FanoutChange change{property(f, "outermostFunction"), "", fanoutOf(f),
                        displayPath(f.span.file, report.sourceRoot) + ":" + std::to_string(f.span.line)};
    if (auto it = vanished.find(change.function); it != vanished.end()) {
      change.before = baseline->missing()[it->second].fanout;
      pairedMissing[it->second] = true;
      vanished.erase(it);
    }
    changes.push_back(change);
  }
  for (const auto &[function, index] : vanished) {
    const Baseline::Result &was = baseline->missing()[index];
    changes.push_back({function, was.fanout, "", was.uri + ":" + std::to_string(was.line)});
    pairedMissing[index] = true;
  }
  return changes;
}

void writeFanout(const std::vector<FanoutChange> &changes, bool withBaseline, std::ostream &out) {
  if (changes.empty())
    return;
  out << "\n### " << (withBaseline ? "Fan-out that changed" : "Fan-out") << "\n\n";
  for (const FanoutChange &c : changes) {
    out << "- `" << c.function << "`: ";
    if (!c.before.empty() && !c.after.empty())
      out << c.before << " → " << c.after << " calls per failed request";
    else if (!c.after.empty())
      out << (withBaseline ? "new, " : "") << c.after << " calls per failed request";
    else
      out << c.before << " calls per failed request before, no longer a nest of retries";
    out << " (`" << c.where << "`)\n";
  }
}

} // namespace

void writeMarkdown(const Report &report, const Baseline *baseline, std::ostream &out) {
  size_t inBaseline = 0, nolint = 0;
  if (report.suppressed)
    for (const SuppressedFinding &s : *report.suppressed) {
      inBaseline += s.kind == SuppressedFinding::Kind::Baseline;
      nolint += s.kind == SuppressedFinding::Kind::InSource;
    }
  std::vector<bool> pairedMissing(baseline ? baseline->missing().size() : 0);
  std::vector<FanoutChange> changes = fanoutChanges(report, baseline, pairedMissing);
  size_t fixed = 0;
  for (bool paired : pairedMissing)
    fixed += !paired;

  out << "## retrylint\n\n";
  if (baseline) {
    out << "**" << plural(report.findings.size(), "new finding") << "**, " << fixed << " fixed, "
        << inBaseline << " unchanged from the baseline";
  } else {
    out << "**" << plural(report.findings.size(), "finding") << "**";
  }
  if (nolint)
    out << ", " << nolint << " suppressed by NOLINT";
  out << ".\n";
  if (!report.program.complete())
    out << "\nThe analysis is incomplete: a translation unit did not compile or could not be "
           "analysed; see the log.\n";
  writeFanout(changes, baseline != nullptr, out);

  if (!report.findings.empty()) {
    out << "\n### " << (baseline ? "New findings" : "Findings") << "\n\n";
    for (size_t i = 0; i < report.findings.size() && i < MaxListed; ++i) {
      const Finding &f = report.findings[i];
      out << "- **" << toString(f.level) << "** `" << displayPath(f.span.file, report.sourceRoot)
          << ":" << f.span.line << "` [" << f.ruleId << "]: " << escape(sentenceMessage(f)) << "\n";
    }
    if (report.findings.size() > MaxListed)
      out << "- and " << report.findings.size() - MaxListed << " more\n";
  }
  if (fixed) {
    out << "\n### Fixed\n\n";
    size_t listed = 0;
    for (size_t i = 0; i < pairedMissing.size(); ++i) {
      if (pairedMissing[i] || listed++ >= MaxListed)
        continue;
      const Baseline::Result &r = baseline->missing()[i];
      out << "- `" << r.uri << ":" << r.line << "` [" << r.ruleId << "]: " << escape(r.message) << "\n";
    }
    if (fixed > MaxListed)
      out << "- and " << fixed - MaxListed << " more\n";
  }
}

} // namespace retrylint
