#include "report/RunNotices.h"

#include "report/Report.h"

namespace retrylint {

std::vector<RunNotice> runNotices(const Program &program, const std::vector<std::string> &runNotes,
                                  const std::string &sourceRoot) {
  std::vector<RunNotice> notices;
  for (const TUFacts &tu : program.tus) {
    if (tu.complete)
      continue;
    std::string file = displayPath(tu.mainFile, sourceRoot);
    if (!tu.analyzerFailure.empty()) {
      notices.push_back({"error", tu.mainFile,
                         "Analysis of " + file + " " + tu.analyzerFailure +
                             ". Its findings are missing; the other translation units were "
                             "analysed."});
      continue;
    }
    std::string reason = incompleteReason(tu);
    if (!reason.empty())
      reason = ": " + reason;
    notices.push_back({"warning", tu.mainFile,
                       "Analysis of " + file + " is incomplete: it has compile errors" + reason +
                           ". Findings come from the recovered AST."});
  }
  for (const std::string &note : runNotes)
    notices.push_back({"note", "", note});
  return notices;
}

} // namespace retrylint
