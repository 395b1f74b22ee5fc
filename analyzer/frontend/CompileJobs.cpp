#include "frontend/CompileJobs.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;
namespace tooling = clang::tooling;

namespace retrylint {
namespace {

std::string absolute(const std::string &path, const std::string &base) {
  SmallString<256> p(path);
  if (!sys::path::is_absolute(p)) {
    p = base;
    sys::path::append(p, path);
  }
  sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

CompileJob jobFrom(const tooling::CompileCommand &cmd) {
  return {absolute(cmd.Filename, cmd.Directory), cmd.Directory, cmd.CommandLine};
}

} // namespace

FlagsAfterDashDash::FlagsAfterDashDash(int &argc, const char **argv) {
  std::string error;
  database = tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, error);
}

FlagsAfterDashDash::~FlagsAfterDashDash() = default;

std::string collectJobs(JobRequest request, std::vector<CompileJob> &jobs) {
  const std::string &cwd = request.cwd;
  for (const std::string &s : request.sources)
    if (!sys::fs::exists(s))
      return "no such file: '" + s + "'";
  std::unique_ptr<tooling::CompilationDatabase> db;
  if (request.flags)
    db = std::move(request.flags->database);
  if (!request.buildPath.empty()) {
    std::string error;
    db = tooling::JSONCompilationDatabase::loadFromDirectory(request.buildPath, error);
    if (!db)
      return "cannot use compilation database in '" + request.buildPath + "': " + error;
    if (request.sources.empty()) {
      for (const tooling::CompileCommand &cmd : db->getAllCompileCommands())
        jobs.push_back(jobFrom(cmd));
      if (jobs.empty())
        return "compilation database in '" + request.buildPath + "' lists no translation units";
      return {};
    }
    db = tooling::inferMissingCompileCommands(std::move(db));
  }
  if (request.sources.empty())
    return "no source files given (pass files, or -p <build dir>; see --help)";
  if (!db) {
    // No flags given: a compile_commands.json above the first file, else plain defaults.
    std::string ignored;
    db = tooling::CompilationDatabase::autoDetectFromSource(absolute(request.sources[0], cwd),
                                                            ignored);
    if (!db)
      db = std::make_unique<tooling::FixedCompilationDatabase>(cwd, std::vector<std::string>{});
  }
  for (const std::string &s : request.sources) {
    std::vector<tooling::CompileCommand> cmds = db->getCompileCommands(absolute(s, cwd));
    if (cmds.empty())
      return "no compile command for '" + s + "'";
    jobs.push_back(jobFrom(cmds.front()));
  }
  return {};
}

} // namespace retrylint
