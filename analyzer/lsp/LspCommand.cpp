#include "lsp/LspCommand.h"

#include "checks/Registry.h"
#include "frontend/ast/CallNames.h"
#include "lsp/Server.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>

using namespace llvm;

namespace retrylint::lsp {

cl::SubCommand &lspSubcommand() {
  static cl::SubCommand command(
      "lsp", "Serve the Language Server Protocol on stdin/stdout: diagnostics, hovers, fan-out "
             "inlay hints, fix-its (see docs/ide.md)");
  return command;
}

namespace {

#define LSP cl::sub(lspSubcommand())
cl::opt<std::string> CompileCommandsDir(
    "compile-commands-dir",
    cl::desc("The directory of compile_commands.json for every file (default: the nearest one "
             "above each file, or in a build/ beside one of its parents)"),
    cl::value_desc("dir"), LSP);
cl::opt<std::string> Checks("checks", cl::desc("Enabled checks, clang-tidy globs: -*,retry-*"),
                            cl::init("*"), LSP);
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Keep per-TU facts here (default: <database dir>/.retrylint-cache, "
                                       "shared with `retrylint -p`)"),
                              cl::value_desc("dir"), LSP);
cl::opt<bool> NoCache("no-cache", cl::desc("Read and write no facts cache"), LSP);
cl::opt<unsigned> Jobs("j", cl::desc("Translation units analysed in parallel (0 = all cores)"),
                       cl::init(0), cl::Prefix, LSP);
// An editor waits on every save: a TU that hangs the analysis must not silence the file for
// good, so the server stops it after two minutes (a real TU takes seconds) and says so.
cl::opt<unsigned> TUTimeout("tu-timeout",
                            cl::desc("Stop and report a translation unit whose analysis takes "
                                     "longer than this (0 = no limit)"),
                            cl::value_desc("seconds"), cl::init(120), LSP);
cl::list<std::string> BudgetFunctions("budget-functions", cl::CommaSeparated, cl::value_desc("names"),
                                      cl::desc("Project functions that consult a retry budget"), LSP);
cl::opt<Confidence> MinConfidence(
    "min-confidence", cl::desc("Report retry loops whose evidence reaches this confidence"),
    cl::values(clEnumValN(Confidence::Low, "low", ""), clEnumValN(Confidence::Medium, "medium", "(default)"),
               clEnumValN(Confidence::High, "high", "")),
    cl::init(Confidence::Medium), LSP);
cl::opt<int> FanoutMinLayers("fanout-min-layers",
                             cl::desc("retry-nested-fanout reports chains of at least this many layers"),
                             cl::init(2), LSP);
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("The project's root (default: the git root of its TUs)"),
                                cl::value_desc("dir"), LSP);
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Report findings in headers matching this regex"),
                                  cl::value_desc("regex"), LSP);
cl::list<std::string> Excludes("exclude", cl::CommaSeparated, cl::value_desc("globs"),
                               cl::desc("Never report findings in files matching these globs"), LSP);
#undef LSP

std::string absolute(const std::string &path) {
  if (path.empty())
    return path;
  SmallString<256> p(path);
  sys::fs::make_absolute(p);
  sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

int usageError(const std::string &message) {
  errs() << "retrylint lsp: error: " << message << "\n";
  return 2;
}

} // namespace

int runLsp() {
  std::string error;
  std::vector<const Check *> checks = selectChecks(Checks, error);
  if (!error.empty())
    return usageError(error);
  ServerSettings settings;
  settings.compileCommandsDir = absolute(CompileCommandsDir);
  if (!settings.compileCommandsDir.empty() &&
      !sys::fs::exists(settings.compileCommandsDir + "/compile_commands.json"))
    return usageError("no compile_commands.json in '" + settings.compileCommandsDir + "'");
  settings.cacheDir = absolute(CacheDir);
  settings.noCache = NoCache;
  settings.jobs = Jobs;
  settings.tuTimeoutSeconds = TUTimeout;
  settings.budgetFunctions.assign(BudgetFunctions.begin(), BudgetFunctions.end());
  settings.minConfidence = MinConfidence;
  settings.fanoutMinLayers = FanoutMinLayers;
  settings.sourceRoot = absolute(SourceRoot);
  settings.headerFilter = HeaderFilter;
  settings.excludes.assign(Excludes.begin(), Excludes.end());
  settings.frontend.resourceDir = RETRYLINT_CLANG_RESOURCE_DIR;
  {
    ProjectScope scope(settings.sourceRoot, settings.headerFilter, settings.excludes, error);
    if (!error.empty())
      return usageError(error);
  }
  setProjectBudgetFunctions(settings.budgetFunctions);

  Workspace workspace(std::move(settings), std::move(checks));
  Transport transport(stdin, stdout);
  LanguageServer server(workspace, transport);
  return server.run();
}

} // namespace retrylint::lsp
