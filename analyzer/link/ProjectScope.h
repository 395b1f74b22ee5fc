// Which files are the project's own, where findings are reported: the main files of the
// analysed TUs and the headers under the source root; --header-filter (a regex, as in
// clang-tidy) replaces the source-root test for headers, and --exclude (globs) removes
// files from both. Facts are still collected everywhere: fan-out needs them.
#pragma once

#include "facts/Finding.h"

#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Regex.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace retrylint {

struct Program;

class ProjectScope {
public:
  /// `error` is set (and the scope reports everything) when a pattern does not parse.
  ProjectScope(std::string sourceRoot, const std::string &headerFilter,
               const std::vector<std::string> &excludes, std::string &error);

  /// Whether a finding in `file` is reported, given the program's main files.
  bool reports(const std::string &file, const std::set<std::string> &mainFiles) const;

  /// Drops the findings outside the project; returns how many were dropped.
  size_t filter(const Program &program, std::vector<Finding> &findings) const;

private:
  std::string sourceRoot;
  std::unique_ptr<llvm::Regex> headerFilter;
  std::vector<std::string> excludeTexts; // GlobPattern keeps StringRefs into these
  std::vector<llvm::GlobPattern> excludes;
};

/// The root of the git work tree holding `path`, or "" if it is in none.
std::string gitRootOf(const std::string &path);

} // namespace retrylint
