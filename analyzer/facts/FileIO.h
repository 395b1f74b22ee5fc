// Reading and writing the files a run consumes and produces, safely: inputs must be regular
// files of a sane size (a device such as /dev/zero is never read for ever), and outputs are
// written to a unique temporary file beside the target and renamed over it, so the old
// file survives any failure and concurrent runs never share a temporary.
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace retrylint {

/// Size limits of the inputs, far above any real one.
inline constexpr uint64_t MaxSourceFileBytes = 1ull << 30;   // a TU's main file
inline constexpr uint64_t MaxFactsFileBytes = 1ull << 30;    // a facts file or cache entry
inline constexpr uint64_t MaxCompileDatabaseBytes = 2ull << 30;

/// "" when `path` is a regular file (after symlinks) of at most `maxBytes`; else why not,
/// e.g. "'/dev/zero' is not a regular file".
std::string checkInputFile(const std::string &path, uint64_t maxBytes);

/// Reads `path` into `content` after checkInputFile; returns "" or the problem.
std::string readInputFile(const std::string &path, uint64_t maxBytes, std::string &content);

/// Writes what `write` produces to `path` atomically; returns "" or the problem. The file
/// appears whole or not at all, with the permissions a new file gets. A symlink is kept and
/// the file it names replaced; a device or FIFO (/dev/null, /dev/stdout) is written in place.
std::string writeFileAtomically(const std::string &path,
                                llvm::function_ref<void(llvm::raw_ostream &)> write);

} // namespace retrylint
