#include "link/ProjectScope.h"

#include "link/Program.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace retrylint {

ProjectScope::ProjectScope(std::string root, const std::string &filter,
                           const std::vector<std::string> &globs, std::string &error)
    : sourceRoot(std::move(root)) {
  if (!filter.empty()) {
    headerFilter = std::make_unique<llvm::Regex>(filter);
    std::string why;
    if (!headerFilter->isValid(why)) {
      error = "--header-filter '" + filter + "' is not a regular expression: " + why;
      headerFilter.reset();
    }
  }
  excludeTexts = globs;
  for (const std::string &glob : excludeTexts) {
    auto pattern = llvm::GlobPattern::create(glob);
    if (!pattern) {
      error = "--exclude '" + glob + "' is not a glob: " + llvm::toString(pattern.takeError());
      continue;
    }
    excludes.push_back(std::move(*pattern));
  }
}

bool ProjectScope::reports(const std::string &file, const std::set<std::string> &mainFiles) const {
  llvm::StringRef path(file);
  llvm::StringRef relative = path;
  bool underRoot = !sourceRoot.empty() && path.starts_with(sourceRoot) &&
                   (path.size() == sourceRoot.size() || sourceRoot.back() == '/' ||
                    path[sourceRoot.size()] == '/');
  if (underRoot)
    relative = path.drop_front(sourceRoot.size()).ltrim('/');
  for (const llvm::GlobPattern &glob : excludes)
    if (glob.match(relative) || glob.match(path))
      return false;
  if (mainFiles.count(file))
    return true;
  if (headerFilter)
    return headerFilter->match(path);
  return underRoot;
}

size_t ProjectScope::filter(const Program &program, std::vector<Finding> &findings) const {
  std::set<std::string> mainFiles;
  for (const TUFacts &tu : program.tus)
    mainFiles.insert(tu.mainFile);
  size_t before = findings.size();
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding &f) { return !reports(f.span.file, mainFiles); }),
                 findings.end());
  return before - findings.size();
}

std::string gitRootOf(const std::string &path) {
  llvm::SmallString<256> dir(path);
  llvm::sys::fs::make_absolute(dir);
  if (!llvm::sys::fs::is_directory(dir))
    llvm::sys::path::remove_filename(dir);
  while (!dir.empty()) {
    llvm::SmallString<256> git(dir);
    llvm::sys::path::append(git, ".git");
    if (llvm::sys::fs::exists(git))
      return std::string(dir);
    llvm::StringRef parent = llvm::sys::path::parent_path(dir);
    if (parent == dir)
      break;
    dir = parent;
  }
  return {};
}

} // namespace retrylint
