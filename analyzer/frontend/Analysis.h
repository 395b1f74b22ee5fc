// Running the per-TU step over many compile jobs in parallel, and moving facts to and
// from disk for `--emit-facts` and `retrylint link`.
#pragma once

#include "facts/Facts.h"
#include "frontend/Frontend.h"

#include <functional>
#include <string>
#include <vector>

namespace retrylint {

class FactsCache;

struct AnalysisOptions {
  unsigned threads = 0;        // TUs analysed at a time; 0 = one per core
  bool inProcess = false;      // no worker processes (for debuggers): a crash ends the run
  unsigned tuTimeoutSeconds = 0; // a TU that takes longer is stopped and reported; 0 = none
  /// Called as job i starts (cache hits too), in index order, usually in a worker process:
  /// it may write to stderr, not to the caller's memory (--progress).
  std::function<void(size_t)> onStart;
};

/// One TUFacts per job, in job order, whatever the parallelism. Each TU is analysed in a
/// worker process of its own: a TU on which retrylint crashes, aborts or times out comes
/// back with `analyzerFailure` set and costs no other TU anything. With a cache, unchanged
/// TUs are taken from it and the others stored into it; what went wrong with the cache (it
/// never fails the run) is appended to `notes`.
std::vector<TUFacts> analyzeAll(const std::vector<CompileJob> &jobs, const AnalysisOptions &run,
                                const FrontendOptions &options, const FactsCache *cache,
                                std::vector<std::string> &notes);

/// The facts of a TU that retrylint failed on (`failure` as in TUFacts::analyzerFailure).
TUFacts failedTU(const std::string &mainFile, const std::string &failure);

/// Writes one `<name>.<hash>.facts.json` per TU into `dir`; returns an error message or "".
std::string writeFactsFiles(const std::vector<TUFacts> &tus, const std::string &dir);

/// Reads the facts files found in `paths` (directories are searched for *.facts.json).
/// A file that cannot be read or parsed becomes an incomplete TU naming the problem, so a
/// bad shard loses nothing else. `error` is set only when a path does not exist.
/// `threads` as for analyzeAll.
std::vector<TUFacts> readFactsFiles(const std::vector<std::string> &paths, unsigned threads,
                                    std::string &error);

} // namespace retrylint
