// A finding's identity across runs: SARIF's partialFingerprints.primaryLocationLineHash,
// which GitHub code scanning and --baseline match on.
#pragma once

#include "report/Report.h"

#include <string>
#include <vector>

namespace retrylint {

/// One finding of a run: reported (`suppressed` null) or suppressed.
struct RunEntry {
  const Finding *finding;
  const SuppressedFinding *suppressed;
};

/// The reported and the suppressed findings (each sorted) merged in report order.
std::vector<RunEntry> reportOrder(const std::vector<Finding> &reported,
                                  const std::vector<SuppressedFinding> *suppressed);

/// The primaryLocationLineHash of each entry: a hash of the rule and of the line's text
/// without white space, plus the occurrence of that hash in the file. It is taken over every
/// finding of the run, suppressed or not, so suppressing one never renames another.
std::vector<std::string> lineHashes(const std::vector<RunEntry> &entries);

/// What a baseline matches on: the rule, the artifact URI, the line hash and, for a chain of
/// retrying layers, its fan-out: a nest that grew from 9 to 27 calls is a new finding, also
/// when its outermost line looks like the old one's.
std::string baselineKey(const std::string &ruleId, const std::string &uri,
                        const std::string &lineHash, const std::string &fanout);

/// The fan-out a finding states (its "fanout" property), or "".
std::string fanoutOf(const Finding &f);

} // namespace retrylint
