// --baseline: a SARIF log of accepted findings (usually written by --write-baseline). A
// finding it holds is not reported; SARIF lists it as suppressed (kind "external").
#pragma once

#include "report/Report.h"

#include <set>
#include <string>
#include <vector>

namespace retrylint {

class Baseline {
public:
  /// Reads the results of the SARIF log at `path`; `error` names the file and what is wrong.
  static Baseline read(const std::string &path, std::string &error);

  /// Moves the reported findings this baseline holds into `suppressed`; both stay sorted.
  /// `sourceRoot` must be the one the baseline's URIs are relative to.
  void apply(const std::string &sourceRoot, std::vector<Finding> &reported,
             std::vector<SuppressedFinding> &suppressed) const;

  /// How many of the baseline's results the last apply() found again.
  size_t matched() const { return matchedCount; }
  size_t size() const { return keys.size(); }

private:
  std::string name; // the file name, for the justification
  std::multiset<std::string> keys;
  mutable size_t matchedCount = 0;
};

} // namespace retrylint
