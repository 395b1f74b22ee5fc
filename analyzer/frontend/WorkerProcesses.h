// Crash isolation for the per-TU step: each unit of work runs in a child process of its
// own, so that a crash, a stack overflow, an abort or a hang inside Clang or a model costs
// that unit only (docs/architecture.md, "Crash isolation").
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace retrylint {

/// What came back from one unit of work.
struct WorkerResult {
  bool ok = false;      // the work returned and its payload arrived whole
  std::string payload;  // what the work returned
  std::string failure;  // otherwise what happened: "crashed (Segmentation fault, signal 11)",
                        // "crashed (exception: ...)", "timed out after 60 s"
};

struct WorkerLimits {
  unsigned parallel = 1;     // children at a time
  unsigned timeoutSeconds = 0; // per unit; 0 = none
};

/// Runs `work(i)` for every i < count in forked worker processes, at most `limits.parallel`
/// at a time, and returns the results in index order. A worker takes one unit after the
/// other (so memory is reused, as in one process) until it dies; the unit it held then fails
/// and a fresh worker takes the next. Fork copies only the calling thread: no other thread
/// may hold a lock that `work` takes, and only one thread may call this at a time (the
/// language server serialises its calls; its other threads only wait for input or work).
/// An exception thrown by `work` is a failure with its message. When no process can be
/// started, the work runs in this process.
std::vector<WorkerResult> runInWorkers(size_t count, const WorkerLimits &limits,
                                       llvm::function_ref<std::string(size_t)> work);

} // namespace retrylint
