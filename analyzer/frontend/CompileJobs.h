// Which compile commands a run analyses: from the flags after `--`, a compilation database
// (-p), or one found above the first source file.
#pragma once

#include "frontend/Frontend.h"

#include <memory>
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
}

namespace retrylint {

/// The compile flags given after `--` on the command line, for every source file.
class FlagsAfterDashDash {
public:
  /// Cuts them off argv (argc shrinks to the arguments before `--`).
  FlagsAfterDashDash(int &argc, const char **argv);
  ~FlagsAfterDashDash();
  std::unique_ptr<clang::tooling::CompilationDatabase> database; // null without `--`
};

struct JobRequest {
  std::vector<std::string> sources; // as given on the command line
  std::string buildPath;            // -p; empty if none
  std::string cwd;                  // what relative sources are relative to
  FlagsAfterDashDash *flags = nullptr;
};

/// The compile jobs `request` asks for; "" on success, else a usage error.
std::string collectJobs(JobRequest request, std::vector<CompileJob> &jobs);

} // namespace retrylint
