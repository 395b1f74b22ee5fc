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

struct Report {
  const Program &program;
  const std::vector<Finding> &findings; // sorted
  const std::vector<const Check *> &checks;
  std::string sourceRoot;               // absolute; SARIF URIs are relative to it
};

void writeText(const Report &report, std::ostream &out);
void writeSarif(const Report &report, std::ostream &out);
void writeJson(const Report &report, std::ostream &out);

/// The fan-out view: per retry site, its worst chain of retrying layers as a tree.
void writeFanoutView(const Program &program, const std::string &sourceRoot, std::ostream &out);

/// The fan-out view as JSON (--fanout --format=json): the same chains as in the JSON report.
void writeFanoutJson(const Program &program, std::ostream &out);

/// Why an incomplete TU is incomplete: its missing headers, else its first compile problem.
std::string incompleteReason(const TUFacts &tu);

/// Where a file is shown to the user: relative to `root` when inside it.
std::string displayPath(const std::string &file, const std::string &root);

/// The one-paragraph message of a finding outside the text format: "Title. Fix hint."
std::string sentenceMessage(const Finding &f);

} // namespace retrylint
