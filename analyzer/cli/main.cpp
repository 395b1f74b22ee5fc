// retrylint: finds retry anti-patterns in C and C++ (see docs/usage.md).
#include "frontend/Analysis.h"
#include "frontend/CompileJobs.h"
#include "frontend/ast/CallNames.h"
#include "frontend/FactsCache.h"
#include "report/ExplainBudgets.h"
#include "report/PolicyExport.h"
#include "link/Program.h"
#include "link/ProjectScope.h"
#include "lsp/LspCommand.h"
#include "checks/Registry.h"
#include "checks/RunChecks.h"
#include "report/Report.h"
#include "SimulateCommand.h"
#include "cli/CiOptions.h"
#include "cli/ProjectConfig.h"
#include "link/Suppressions.h"
#include "Version.h"

#include "facts/FactsJson.h"
#include "facts/FileIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sstream>

using namespace llvm;

namespace retrylint {
namespace {

enum class OutputFormat { Text, Sarif, Json, Markdown };
enum class FailOn { Note, Warning, Error, None };

cl::OptionCategory Category("retrylint options");
cl::SubCommand LinkCommand("link", "Report from facts files written by --emit-facts");

cl::list<std::string> Sources(cl::Positional, cl::desc("<source files>"), cl::cat(Category));
cl::list<std::string> FactsPaths(cl::Positional, cl::desc("<facts dirs or files>"),
                                 cl::OneOrMore, cl::sub(LinkCommand));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> EmitFacts("emit-facts", cl::desc("Also write one facts file per TU here"),
                               cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> BudgetFunctions(
    "budget-functions", cl::CommaSeparated, cl::value_desc("names"),
    cl::desc("Project functions that consult a retry budget or throttle (besides TryRetry, "
             "CanRetry, AllowRetry, Acquire on a limiter)"),
    cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Keep per-TU facts here and reuse them while the TU's "
                                       "command and inputs are unchanged (default with -p: "
                                       "<build dir>/.retrylint-cache)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Analyse every TU, reading and writing no cache"),
                      cl::cat(Category));
cl::opt<unsigned> TUTimeout("tu-timeout",
                            cl::desc("Stop and report a translation unit whose analysis takes "
                                     "longer than this (0 = no limit)"),
                            cl::value_desc("seconds"), cl::init(0), cl::cat(Category));
cl::opt<bool> InProcess("in-process",
                        cl::desc("Analyse in this process, without a worker process per TU "
                                 "(for debuggers: a crash then ends the run)"),
                        cl::Hidden, cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc("Translation units analysed in parallel (0 = all cores)"),
                       cl::init(0), cl::Prefix, cl::cat(Category),
                       cl::sub(cl::SubCommand::getTopLevel()), cl::sub(LinkCommand));

// Output options are shared by the direct run and `link`, which must report alike.
#define SHARED cl::cat(Category), cl::sub(cl::SubCommand::getTopLevel()), cl::sub(LinkCommand)
cl::opt<OutputFormat> Format("format", cl::desc("Output format"),
                             cl::values(clEnumValN(OutputFormat::Text, "text", "clang-style diagnostics"),
                                        clEnumValN(OutputFormat::Sarif, "sarif", "SARIF 2.1.0"),
                                        clEnumValN(OutputFormat::Json, "json", "findings, fan-out and notices"),
                                        clEnumValN(OutputFormat::Markdown, "markdown", "a pull request's summary")),
                             cl::init(OutputFormat::Text), SHARED);
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to this file"),
                                cl::value_desc("file"), SHARED);
cl::opt<std::string> ChecksGlobs("checks", cl::desc("Enabled checks, clang-tidy globs: -*,retry-*"),
                                 cl::init("*"), SHARED);
cl::opt<FailOn> FailLevel("fail-on", cl::desc("Exit 1 when a finding is at or above this level"),
                          cl::values(clEnumValN(FailOn::Note, "note", ""),
                                     clEnumValN(FailOn::Warning, "warning", ""),
                                     clEnumValN(FailOn::Error, "error", ""),
                                     clEnumValN(FailOn::None, "none", "never")),
                          cl::init(FailOn::Warning), SHARED);
cl::opt<std::string> SourceRoot("source-root",
                                cl::desc("The project's root: findings in headers outside it are not "
                                         "reported, and paths are relative to it (default: the git "
                                         "root of the inputs, else the working directory)"),
                                cl::value_desc("dir"), SHARED);
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Report findings in headers whose path matches this regex "
                                           "(instead of the headers under --source-root)"),
                                  cl::value_desc("regex"), SHARED);
cl::list<std::string> Excludes("exclude", cl::CommaSeparated,
                               cl::desc("Never report findings in files matching these globs "
                                        "(relative to --source-root, or absolute): third_party/**"),
                               cl::value_desc("globs"), SHARED);
cl::opt<Confidence> MinConfidence(
    "min-confidence",
    cl::desc("Report retry loops whose evidence reaches this confidence (see docs/usage.md#confidence)"),
    cl::values(clEnumValN(Confidence::Low, "low", "any loop that retries by its shape"),
               clEnumValN(Confidence::Medium, "medium", "and one piece of evidence (default)"),
               clEnumValN(Confidence::High, "high", "and two pieces of evidence")),
    cl::init(Confidence::Medium), SHARED);
cl::opt<int> FanoutMinLayers("fanout-min-layers",
                             cl::desc("retry-nested-fanout reports chains of at least this many "
                                      "retrying layers"),
                             cl::init(2), SHARED);
cl::opt<bool> FanoutView("fanout", cl::desc("Print the fan-out view (retrying layers per retry "
                                            "site) instead of the findings"),
                         SHARED);
cl::opt<bool> ExplainBudgetsView("explain-budgets",
                                 cl::desc("Print each recognised retry budget, its numbers and "
                                          "its ceiling instead of the findings"),
                                 SHARED);
cl::opt<std::string> ExportPolicy(
    "export-policy",
    cl::desc("Print the retry policy of this function as a JSON policy for "
             "`retrylint simulate --policy` instead of the findings"),
    cl::value_desc("function"), SHARED);
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"), SHARED);
cl::opt<bool> JsonFacts("json-facts",
                        cl::desc("With --format=json, also write every TU's facts in the report"),
                        SHARED);
#undef SHARED

constexpr int ExitFindings = 1, ExitUsage = 2, ExitIncomplete = 3;

int usageError(const std::string &message) {
  errs() << "retrylint: error: " << message << "\n";
  return ExitUsage;
}

/// Writes `text` to -o (atomically: the old file survives any failure) or to stdout.
int emit(const std::string &text) {
  if (OutputFile.empty()) {
    std::cout << text << std::flush;
    return 0;
  }
  if (std::string e = writeFileAtomically(OutputFile, [&](raw_ostream &out) { out << text; });
      !e.empty())
    return usageError(e);
  return 0;
}

/// The TUs that retrylint failed on or that did not compile, on stderr.
void noteIncompleteTUs(const Program &program) {
  for (const TUFacts &tu : program.tus) {
    if (tu.complete)
      continue;
    std::string file = displayPath(tu.mainFile, SourceRoot);
    if (!tu.analyzerFailure.empty())
      errs() << "retrylint: error: analysis of " << file << " " << tu.analyzerFailure
             << "; its findings are missing (the other translation units are unaffected)\n";
    else if (!quietRun())
      errs() << "retrylint: note: analysis of " << file << " is incomplete ("
             << (incompleteReason(tu).empty() ? "unknown error" : incompleteReason(tu))
             << "); findings come from what the compiler recovered\n";
  }
}

/// --fanout and --explain-budgets: text or JSON, to -o or stdout.
int writeView(const Program &program) {
  if (Format == OutputFormat::Sarif || Format == OutputFormat::Markdown)
    return usageError("--fanout and --explain-budgets print text or JSON, not --format=sarif or markdown");
  std::ostringstream text;
  bool json = Format == OutputFormat::Json;
  if (FanoutView)
    json ? writeFanoutJson(program, text) : writeFanoutView(program, SourceRoot, text);
  else
    json ? writeBudgetsJson(program, text) : writeBudgetExplanation(program, SourceRoot, text);
  return emit(text.str());
}

/// The project is the git work tree of the first TU; outside one, the working directory.
void defaultSourceRoot(const Program &program) {
  if (!SourceRoot.empty())
    return;
  if (!program.tus.empty())
    SourceRoot = gitRootOf(program.tus.front().mainFile);
  if (SourceRoot.empty()) {
    SmallString<256> cwd;
    sys::fs::current_path(cwd);
    SourceRoot = std::string(cwd);
  }
}

/// What a report is made of. Never freed: the process exits after the report, and the OS
/// takes back a million functions' facts faster than their destructors would
/// (bench/link-scale.sh). Reachable from here, so a leak checker does not count it.
struct ReportInputs {
  Program program;
  std::vector<Finding> findings;
  std::vector<SuppressedFinding> suppressed;
};
ReportInputs *KeptUntilExit = nullptr;

int report(Program linked, const std::vector<const Check *> &checks,
           const std::vector<std::string> &runNotes = {}) {
  KeptUntilExit = new ReportInputs{std::move(linked), {}, {}};
  Program &program = KeptUntilExit->program;
  defaultSourceRoot(program);
  program.fanoutMinLayers = FanoutMinLayers;
  if (!ExportPolicy.empty()) {
    std::string error;
    nlohmann::ordered_json policy = exportPolicy(program, ExportPolicy, error);
    if (policy.is_null())
      return usageError(error);
    return emit(dumpJson(policy, 2) + "\n");
  }
  if (FanoutView || ExplainBudgetsView)
    return writeView(program);
  std::string scopeError;
  ProjectScope scope(SourceRoot, HeaderFilter, {Excludes.begin(), Excludes.end()}, scopeError);
  if (!scopeError.empty())
    return usageError(scopeError);
  std::vector<Finding> &findings = KeptUntilExit->findings;
  findings = findingsInScope(program, checks, scope);
  std::vector<SuppressedFinding> &suppressed = KeptUntilExit->suppressed;
  if (std::string e = selectReported(program, checks, SourceRoot, findings, suppressed); !e.empty())
    return usageError(e);

  std::ostringstream text;
  Report r{program, findings, checks, SourceRoot, &suppressed, runNotes, JsonFacts};
  switch (Format) {
  case OutputFormat::Text: writeText(r, text); break;
  case OutputFormat::Sarif: writeSarif(r, text); break;
  case OutputFormat::Json: writeJson(r, text); break;
  case OutputFormat::Markdown: writeMarkdown(r, loadedBaseline(), text); break;
  }
  if (int status = emit(text.str()))
    return status;

  noteIncompleteTUs(program);
  bool failing = false;
  for (const Finding &f : findings)
    failing |= FailLevel != FailOn::None && static_cast<int>(f.level) >= static_cast<int>(FailLevel.getValue());
  if (failing)
    return ExitFindings;
  return program.complete() ? 0 : ExitIncomplete;
}

void printVersion(raw_ostream &os) { os << "retrylint " << RetrylintVersion << "\n"; }

} // namespace

int run(int argc, const char **argv) {
  // Flags after "--" are the compile command for every source file.
  FlagsAfterDashDash fixedFlags(argc, argv);
  cl::SetVersionPrinter(printVersion);
  cl::HideUnrelatedOptions({&Category, &ciCategory()});
  std::string parseErrors;
  raw_string_ostream errStream(parseErrors);
  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "retrylint: finds retry anti-patterns before they cause an outage\n",
                                   &errStream)) {
    errs() << errStream.str();
    return ExitUsage;
  }
  if (!SourceRoot.empty()) {
    SmallString<256> root(SourceRoot);
    sys::fs::make_absolute(root);
    sys::path::remove_dots(root, true);
    SourceRoot = std::string(root);
  }

  if (!sim::simulateSubcommand())
    if (int status = applyProjectConfig({ChecksGlobs, HeaderFilter, Excludes, BudgetFunctions,
                                         FanoutMinLayers, MinConfidence},
                                        {Sources.begin(), Sources.end()});
        status >= 0)
      return status;
  std::string error;
  std::vector<const Check *> checks = selectChecks(ChecksGlobs, error);
  if (!error.empty())
    return usageError(error);
  if (ListChecks) {
    for (const Check *c : checks)
      outs() << c->rule().id << "\t" << c->rule().shortDescription << "\n";
    return 0;
  }
  bool view = FanoutView || ExplainBudgetsView || !ExportPolicy.empty();
  if (checks.empty() && !view && !sim::simulateSubcommand())
    return usageError("no checks enabled by --checks='" + ChecksGlobs +
                      "' (see --list-checks; --checks='-*,retry-*' enables the retry checks)");

  if (sim::simulateSubcommand())
    return sim::runSimulate();
  if (lsp::lspSubcommand())
    return lsp::runLsp();

  if (LinkCommand) {
#ifdef __GLIBC__
    // Only when built without tcmalloc (whose mallopt does nothing): the reading threads
    // build ~1.5 GB of facts for a million functions. In arenas of their own, glibc grows
    // each heap a page at a time with an mprotect call (0.4 CPU s at 1M, bench/README.md);
    // the main arena grows by brk in large steps. Set before any thread.
    mallopt(M_ARENA_MAX, 1);
#endif
    std::vector<TUFacts> tus = readFactsFiles(FactsPaths, Jobs, error);
    if (!error.empty())
      return usageError(error);
    return report(linkFacts(std::move(tus), {MinConfidence}), checks);
  }

  std::vector<CompileJob> jobs;
  SmallString<256> cwd;
  sys::fs::current_path(cwd);
  error = collectJobs({{Sources.begin(), Sources.end()}, BuildPath, std::string(cwd), &fixedFlags}, jobs);
  if (error.empty())
    error = selectShard(jobs);
  if (!error.empty())
    return usageError(error);
  setProjectBudgetFunctions({BudgetFunctions.begin(), BudgetFunctions.end()});
  FrontendOptions options{RETRYLINT_CLANG_RESOURCE_DIR};
  std::string cacheDir = CacheDir;
  if (cacheDir.empty() && !BuildPath.empty())
    cacheDir = BuildPath + "/.retrylint-cache";
  std::optional<FactsCache> cache;
  if (!NoCache && !cacheDir.empty())
    cache.emplace(cacheDir, llvm::join(BudgetFunctions, ","));
  std::vector<std::string> cacheNotes;
  std::vector<std::string> files;
  for (const CompileJob &job : jobs)
    files.push_back(job.file);
  AnalysisOptions run{Jobs, InProcess, TUTimeout, progressPrinter(std::move(files))};
  std::vector<TUFacts> tus = analyzeAll(jobs, run, options, cache ? &*cache : nullptr, cacheNotes);
  for (const std::string &note : quietRun() ? std::vector<std::string>{} : cacheNotes)
    errs() << "retrylint: note: " << note << "\n";
  if (!EmitFacts.empty())
    if (std::string e = writeFactsFiles(tus, EmitFacts); !e.empty())
      return usageError(e);
  return report(linkFacts(std::move(tus), {MinConfidence}), checks, cacheNotes);
}

} // namespace retrylint

int main(int argc, const char **argv) {
  // A crash prints a stack dump naming what retrylint was doing (and, in a worker, the
  // TU); the run itself survives a worker's crash (frontend/WorkerProcesses.h).
  llvm::InitLLVM init(argc, argv);
  llvm::setBugReportMsg("retrylint crashed. Please report it with the stack dump below and "
                        "the command line; a crash inside one translation unit's analysis "
                        "costs that unit only.\n");
  return retrylint::run(argc, argv);
}
