// Output formats: clang-style text, SARIF 2.1.0 and JSON. All read the same linked
// program and sorted findings, so every format says the same thing.
#pragma once

#include "checks/Check.h"
#include "facts/Finding.h"
#include "link/Program.h"

#include <ostream>
#include <string>
#include <vector>

namespace retrylint {

class Baseline;

/// A finding that is not reported: a NOLINT comment covers it (in source), the baseline holds
/// it (external), or --diff left it out. SARIF lists the first two with their suppression;
/// the others count only for the numbering of fingerprints (which so never depends on them).
struct SuppressedFinding {
  enum class Kind { InSource, Baseline, OutsideDiff };
  Finding finding;
  Kind kind = Kind::InSource;
  std::string justification; // "NOLINTNEXTLINE at line 12", "in the baseline base.sarif"
};

struct Report {
  const Program &program;
  const std::vector<Finding> &findings; // sorted
  const std::vector<const Check *> &checks;
  std::string sourceRoot;               // absolute; SARIF URIs are relative to it
  const std::vector<SuppressedFinding> *suppressed = nullptr; // sorted
  std::vector<std::string> runNotes = {}; // notes about the run itself (the facts cache)
  bool withFacts = false;               // JSON: also every TU's facts (--json-facts)
};

void writeText(const Report &report, std::ostream &out);
void writeSarif(const Report &report, std::ostream &out);
void writeJson(const Report &report, std::ostream &out);
/// A pull request's summary in GitHub Markdown: new findings, and with a baseline the fixed
/// ones and each nest of retries whose fan-out changed (report/ReportMarkdown.cpp).
void writeMarkdown(const Report &report, const Baseline *baseline, std::ostream &out);

/// The fan-out view: per retry site, its worst chain of retrying layers as a tree.
void writeFanoutView(const Program &program, const std::string &sourceRoot, std::ostream &out);
/// One chain of that view.
void writeFanoutChain(const FanoutChain &chain, const std::string &sourceRoot, std::ostream &out);

/// The fan-out view as JSON (--fanout --format=json): the same chains as in the JSON report.
void writeFanoutJson(const Program &program, std::ostream &out);

/// Why an incomplete TU is incomplete: its missing headers, else its first compile problem.
std::string incompleteReason(const TUFacts &tu);

/// The artifact URI of `file` in SARIF: relative to `root` (with uriBaseId SRCROOT) when
/// inside it, else an absolute file:// URI.
std::string sarifArtifactUri(const std::string &file, const std::string &root);

/// Where a file is shown to the user: relative to `root` when inside it.
std::string displayPath(const std::string &file, const std::string &root);

/// RFC 3986 percent-encoding of a path, keeping '/': the path of a SARIF or LSP `file` URI.
std::string encodePath(const std::string &path);

/// The one-paragraph message of a finding outside the text format: "Title. Fix hint."
std::string sentenceMessage(const Finding &f);

} // namespace retrylint
