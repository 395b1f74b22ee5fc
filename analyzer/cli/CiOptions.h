// The options a CI run needs (docs/ci.md): --quiet, --progress, --baseline, --write-baseline,
// --diff, --export-fixes and --fix. They apply to a direct run and to `retrylint link` alike.
#pragma once

#include "checks/Check.h"
#include "frontend/Frontend.h"
#include "link/Program.h"
#include "report/Baseline.h"
#include "report/Report.h"

#include "llvm/Support/CommandLine.h"

#include <functional>
#include <string>
#include <vector>

namespace retrylint {

llvm::cl::OptionCategory &ciCategory();

/// --quiet: stderr carries errors only, no notes and no progress.
bool quietRun();

/// With --progress, or when stderr is a terminal (and not --quiet), a function that prints
/// "[i/N] file" on stderr as TU i starts; otherwise an empty function.
std::function<void(size_t)> progressPrinter(std::vector<std::string> files);

/// --shard=i/N: keeps the jobs of share i, chosen by a hash of each main file's path inside
/// its git work tree. Returns an error or "".
std::string selectShard(std::vector<CompileJob> &jobs);

/// The --baseline that selectReported read, or null.
const Baseline *loadedBaseline();

/// Splits the findings (in the project, sorted) into those reported and those a NOLINT
/// comment or the --baseline covers (or --diff leaves out), writes --write-baseline and
/// --export-fixes, and applies --fix. Returns an error or "".
std::string selectReported(const Program &program, const std::vector<const Check *> &checks,
                           const std::string &sourceRoot, std::vector<Finding> &findings,
                           std::vector<SuppressedFinding> &suppressed);

} // namespace retrylint
