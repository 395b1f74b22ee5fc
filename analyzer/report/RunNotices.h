// What a run has to say besides its findings: the TUs whose analysis failed or is
// incomplete, and notes such as an unusable cache entry. The JSON report lists them all as
// "notices"; SARIF lists the TUs' as toolExecutionNotifications.
#pragma once

#include "link/Program.h"

#include <string>
#include <vector>

namespace retrylint {

struct RunNotice {
  std::string level;    // "error" (a TU's findings are missing), "warning" or "note"
  std::string file;     // absolute main file of the TU; empty for a note about the run
  std::string message;  // one or more sentences, file shown relative to the source root
};

/// One notice per incomplete TU in the program's order, then one note per `runNotes` entry.
std::vector<RunNotice> runNotices(const Program &program, const std::vector<std::string> &runNotes,
                                  const std::string &sourceRoot);

} // namespace retrylint
