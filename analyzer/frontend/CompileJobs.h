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

/// The compile jobs `request` asks for; "" on success, else a usage error. A relative
/// "directory" of a compilation database is relative to the database's folder; every
/// command is sanitised (sanitizeCommandLine); a main file that is not a regular file of a
/// sane size, or a database that is not, is a usage error.
std::string collectJobs(JobRequest request, std::vector<CompileJob> &jobs);

/// `argv` without what would make the compiler write files or load code: outputs (-o,
/// dependency files, serialized diagnostics, time traces, stats, module caches and outputs,
/// save-temps, crash reproducers) and plugins (-fplugin, -fpass-plugin, -load, -plugin,
/// -add-plugin), in every spelling the driver accepts, -Xclang, -Xpreprocessor and -Wp,
/// forms included. A compilation database comes from the analysed repository: it chooses
/// what to compile, not what to write or run.
std::vector<std::string> sanitizeCommandLine(const std::vector<std::string> &argv);

} // namespace retrylint
