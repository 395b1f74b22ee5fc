// Running the per-TU step over many compile jobs in parallel, and moving facts to and
// from disk for `--emit-facts` and `retrylint link`.
#pragma once

#include "facts/Facts.h"
#include "frontend/Frontend.h"

#include <string>
#include <vector>

namespace retrylint {

class FactsCache;

/// One TUFacts per job, in job order, whatever `threads` (0 = one per core) is. With a
/// cache, unchanged TUs are taken from it and the others stored into it; what went wrong
/// with the cache (it never fails the run) is appended to `notes`.
std::vector<TUFacts> analyzeAll(const std::vector<CompileJob> &jobs, unsigned threads,
                                const FrontendOptions &options, const FactsCache *cache,
                                std::vector<std::string> &notes);

/// Writes one `<name>.<hash>.facts.json` per TU into `dir`; returns an error message or "".
std::string writeFactsFiles(const std::vector<TUFacts> &tus, const std::string &dir);

/// Reads the facts files found in `paths` (directories are searched for *.facts.json).
/// A file that cannot be read or parsed becomes an incomplete TU naming the problem, so a
/// bad shard loses nothing else. `error` is set only when a path does not exist.
/// `threads` as for analyzeAll.
std::vector<TUFacts> readFactsFiles(const std::vector<std::string> &paths, unsigned threads,
                                    std::string &error);

} // namespace retrylint
