// --baseline: a SARIF log of accepted findings (usually written by --write-baseline). A
// finding it holds is not reported; SARIF lists it as suppressed (kind "external").
#pragma once

#include "report/Report.h"

#include <vector>
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
  size_t matched() const { return keys.size() - gone.size(); }
  size_t size() const { return keys.size(); }

  /// A result of the baseline, as the PR summary shows it.
  struct Result {
    std::string ruleId, uri, message, fanout, outermostFunction;
    unsigned line = 0;
  };
  /// The baseline's results that the last apply() did not find again: fixed, or changed.
  const std::vector<Result> &missing() const { return gone; }

private:
  std::string name; // the file name, for the justification
  std::vector<std::string> keys;
  std::vector<Result> results; // parallel to keys
  mutable std::vector<Result> gone;
};

} // namespace retrylint
