// The per-TU step: parse one compile command once and extract its facts.
#pragma once

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace retrylint {

struct CompileJob {
  std::string file;                     // the main file, absolute
  std::string directory;                // where the compiler runs
  std::vector<std::string> commandLine; // argv, starting with the compiler
};

struct FrontendOptions {
  std::string resourceDir; // Clang's builtin headers
};

/// Never throws and never exits: compile errors and unreadable files come back as
/// problems in an incomplete TUFacts.
TUFacts extractTUFacts(const CompileJob &job, const FrontendOptions &options);

} // namespace retrylint
