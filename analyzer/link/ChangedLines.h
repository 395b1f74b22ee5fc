// --diff: the lines a change touched, and the findings that are about it: those on a changed
// line, and the fan-out findings whose chain of retrying layers passes through a function
// that changed (a change that turns 3 x 3 into 3 x 3 x 3 deep inside a chain is reported at
// the outermost layer, which did not change).
#pragma once

#include "facts/Finding.h"

#include <map>
#include <string>
#include <vector>

namespace retrylint {

struct Program;

struct ChangedLines {
  struct Range {
    unsigned first = 0, last = 0; // lines of the new side, inclusive
    bool deletion = false;        // lines were removed between first and last: no new line
  };
  std::map<std::string, std::vector<Range>> files; // by absolute, normalised path

  /// Whether `line` of `file` was added or modified.
  bool changed(const std::string &file, unsigned line) const;
  /// Whether any line in [first, last] of `file` was added, modified or removed.
  bool touched(const std::string &file, unsigned first, unsigned last) const;
};

/// Reads a unified diff (`git diff`, any context size). The new side's paths ("+++ b/src/x.cpp")
/// are relative to `root`; a deleted file is skipped. Returns an error message or "".
std::string parseUnifiedDiff(const std::string &text, const std::string &root, ChangedLines &out);

/// Keeps the findings on changed lines, and the findings with a chain of layers (fan-out)
/// of which a layer's site or the function holding it changed; returns the others, in order.
std::vector<Finding> keepChanged(const Program &program, const ChangedLines &changes,
                                 std::vector<Finding> &findings);

} // namespace retrylint
