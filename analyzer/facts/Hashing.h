// One way to turn text into a short stable key: facts file names, cache entries, SARIF
// line fingerprints.
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/xxhash.h"

#include <cstdio>
#include <string>

namespace retrylint {

/// 16 hex digits of the xxh3 hash of `text`.
inline std::string hashHex(llvm::StringRef text) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(llvm::xxh3_64bits(text)));
  return buf;
}

} // namespace retrylint
