// A finding: what a check reports, before it is formatted as text, SARIF or JSON.
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retrylint {

enum class Level { Note, Warning, Error };
const char *toString(Level);

/// A further location in the finding's story (one retry layer, the schedule's source).
struct FindingNote {
  SourceSpan span;
  std::string message;
};

struct Finding {
  std::string ruleId;
  Level level = Level::Warning;
  SourceSpan span;
  std::string title;   // the numbers behind the finding, lowercase, no trailing period
  std::string fixHint; // the fix a senior engineer makes first
  std::vector<FindingNote> notes;
  std::vector<FindingNote> flow;  // steps of a code flow (retry layers), outermost first
  std::vector<FixIt> fixes;
  std::vector<std::pair<std::string, std::string>> properties; // e.g. fanout=27
  std::string confidence; // of the retry it is about: "high", "medium", "low"; "" if not a retry
};

/// Sorts by file, line, column, rule and title: output order never depends on -j.
void sortFindings(std::vector<Finding> &findings);

/// The order of sortFindings: whether `a` is reported before `b`.
bool reportedBefore(const Finding &a, const Finding &b);

} // namespace retrylint
