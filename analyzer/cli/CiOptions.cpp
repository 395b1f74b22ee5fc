#include "cli/CiOptions.h"

#include "cli/ProjectConfig.h"
#include "facts/FileIO.h"
#include "facts/Hashing.h" // xxhash
#include "link/ChangedLines.h"
#include "link/ProjectScope.h"
#include "link/Suppressions.h"
#include "report/Baseline.h"
#include "report/Fixes.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <unistd.h>

using namespace llvm;

namespace retrylint {

cl::OptionCategory &ciCategory() {
  static cl::OptionCategory category("retrylint CI options");
  return category;
}

namespace {

#define ANY_COMMAND cl::cat(ciCategory()), cl::sub(cl::SubCommand::getAll())
cl::opt<bool> Quiet("quiet", cl::desc("Print nothing on stderr but errors: no notes, no progress"),
                    ANY_COMMAND);
cl::opt<bool> Progress("progress",
                       cl::desc("Print [i/N] and the file as each translation unit starts (the "
                                "default when stderr is a terminal)"),
                       ANY_COMMAND);
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Report only findings not in this SARIF log (see "
                                           "--write-baseline); SARIF lists the others as suppressed"),
                                  cl::value_desc("sarif"), ANY_COMMAND);
cl::opt<std::string> WriteBaseline("write-baseline",
                                   cl::desc("Write the findings of this run that no NOLINT "
                                            "comment covers as a baseline (SARIF)"),
                                   cl::value_desc("file"), ANY_COMMAND);
cl::opt<std::string> Diff("diff",
                          cl::desc("Report only findings on lines changed since this git ref, and "
                                   "fan-out through functions it changed; '-' reads a unified "
                                   "diff from stdin"),
                          cl::value_desc("ref"), ANY_COMMAND);
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the fix-its of the reported findings as YAML for "
                                          "clang-apply-replacements"),
                                 cl::value_desc("file"), ANY_COMMAND);
cl::opt<bool> Fix("fix", cl::desc("Apply the fix-its of the reported findings to the sources"),
                  ANY_COMMAND);
cl::opt<std::string> Shard("shard",
                           cl::desc("Analyse only share i of N of the translation units (1 <= i <= N), "
                                    "the same share on every machine; merge with `retrylint link`"),
                           cl::value_desc("i/N"), cl::cat(ciCategory()));
#undef ANY_COMMAND

/// --export-fixes and --fix, for the findings that are reported.
std::string handleFixes(const std::vector<Finding> &reported) {
  if (!ExportFixes.empty()) {
    std::ostringstream yaml;
    if (std::string error = exportFixes(reported, yaml); !error.empty())
      return "--export-fixes: " + error;
    if (std::string error = writeFileAtomically(ExportFixes, [&](raw_ostream &out) { out << yaml.str(); });
        !error.empty())
      return error;
  }
  if (Fix) {
    size_t applied = 0;
    if (std::string error = applyFixes(reported, applied); !error.empty())
      return "--fix: " + error;
    if (!Quiet)
      errs() << "retrylint: note: applied " << applied << " fix-it" << (applied == 1 ? "" : "s")
             << "; the findings above are those of the code before the fixes\n";
  }
  return "";
}

std::optional<Baseline> LoadedBaseline;

/// `git diff -U0 <ref>` in `root`: the change from the ref to the work tree.
std::string gitDiff(const std::string &root, const std::string &ref, std::string &text) {
  ErrorOr<std::string> git = sys::findProgramByName("git");
  if (!git)
    return "--diff: git is not on PATH";
  SmallString<128> outPath, errPath;
  if (sys::fs::createTemporaryFile("retrylint-diff", "txt", outPath) ||
      sys::fs::createTemporaryFile("retrylint-diff", "err", errPath))
    return "--diff: cannot create a temporary file";
  std::vector<StringRef> args{*git, "-C", root, "diff", "-U0", "--no-color", "--no-ext-diff",
                              "--no-renames", ref, "--"};
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(outPath), StringRef(errPath)};
  int status = sys::ExecuteAndWait(*git, args, std::nullopt, redirects);
  std::string errText;
  readInputFile(std::string(errPath), 1 << 20, errText);
  std::string problem = readInputFile(std::string(outPath), MaxFactsFileBytes, text);
  sys::fs::remove(outPath);
  sys::fs::remove(errPath);
  if (status != 0)
    return "--diff=" + ref + ": git diff failed in " + root + ": " +
           StringRef(errText).trim().str();
  return problem.empty() ? "" : "--diff: " + problem;
}

/// --diff: moves the findings that are not about the change into `outside`.
std::string keepDiff(const Program &program, const std::string &sourceRoot,
                     std::vector<Finding> &findings, std::vector<Finding> &outside) {
  // git writes paths relative to the top of the work tree.
  std::string root = gitRootOf(sourceRoot);
  if (root.empty())
    root = sourceRoot;
  std::string text;
  if (Diff == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (std::string error = gitDiff(root, Diff, text); !error.empty()) {
    return error;
  }
  ChangedLines changes;
  if (std::string error = parseUnifiedDiff(text, root, changes); !error.empty())
    return "--diff: " + error;
  outside = keepChanged(program, changes, findings);
  return "";
}

/// What a NOLINT suppression is called in SARIF's justification.
std::string describe(const Suppression &s) {
  const char *kind = s.kind == Suppression::Kind::NextLine ? "NOLINTNEXTLINE"
                     : s.kind == Suppression::Kind::Begin  ? "NOLINTBEGIN"
                                                           : "NOLINT";
  std::string text = kind;
  if (!s.checks.empty())
    text += "(" + s.checks + ")";
  return text + " at line " + std::to_string(s.line);
}

std::string writeBaselineFile(const Program &program, const std::vector<const Check *> &checks,
                              const std::string &sourceRoot, const std::vector<Finding> &reported,
                              const std::vector<SuppressedFinding> &suppressed) {
  // Accepted now: what is reported, what the old baseline held and what --diff left out;
  // NOLINT stays suppressed.
  std::vector<Finding> accepted = reported;
  std::vector<SuppressedFinding> inSource;
  for (const SuppressedFinding &s : suppressed)
    s.kind == SuppressedFinding::Kind::InSource ? inSource.push_back(s) : accepted.push_back(s.finding);
  sortFindings(accepted);
  std::ostringstream text;
  writeSarif(Report{program, accepted, checks, sourceRoot, &inSource}, text);
  return writeFileAtomically(WriteBaseline, [&](raw_ostream &out) { out << text.str(); });
}

} // namespace

bool quietRun() { return Quiet; }

std::string selectShard(std::vector<CompileJob> &jobs) {
  if (Shard.empty())
    return "";
  unsigned index = 0, count = 0;
  StringRef text(Shard), i, n;
  std::tie(i, n) = text.split('/');
  if (i.getAsInteger(10, index) || n.getAsInteger(10, count) || count == 0 || index == 0 ||
      index > count)
    return "--shard=" + Shard + ": expected i/N with 1 <= i <= N, such as --shard=2/4";
  std::vector<CompileJob> mine;
  for (CompileJob &job : jobs) {
    // The path inside the work tree, so every checkout of the project splits alike.
    std::string root = gitRootOf(job.file);
    std::string key = root.empty() ? job.file : displayPath(job.file, root);
    if (xxh3_64bits(key) % count == index - 1)
      mine.push_back(std::move(job));
  }
  jobs = std::move(mine);
  return "";
}

const Baseline *loadedBaseline() { return LoadedBaseline ? &*LoadedBaseline : nullptr; }

std::function<void(size_t)> progressPrinter(std::vector<std::string> files) {
  if (Quiet || files.empty() || (!Progress && !isatty(STDERR_FILENO)))
    return {};
  SmallString<256> cwd;
  sys::fs::current_path(cwd);
  std::string total = std::to_string(files.size());
  return [files = std::move(files), total, cwd = std::string(cwd)](size_t i) {
    // One write per line: workers print concurrently.
    std::string line = "[" + std::to_string(i + 1) + "/" + total + "] " +
                       displayPath(files[i], cwd) + "\n";
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
  };
}

std::string selectReported(const Program &program, const std::vector<const Check *> &checks,
                           const std::string &sourceRoot, std::vector<Finding> &findings,
                           std::vector<SuppressedFinding> &suppressed) {
  if (std::string error = applyFileConfigs(findings); !error.empty())
    return error;
  std::vector<Finding> outsideDiff;
  if (!Diff.empty())
    if (std::string error = keepDiff(program, sourceRoot, findings, outsideDiff); !error.empty())
      return error;
  for (Finding &f : outsideDiff)
    suppressed.push_back({std::move(f), SuppressedFinding::Kind::OutsideDiff, ""});
  for (auto &[finding, comment] : takeSuppressed(program, findings))
    suppressed.push_back({std::move(finding), SuppressedFinding::Kind::InSource, describe(*comment)});
  std::stable_sort(suppressed.begin(), suppressed.end(),
                   [](const SuppressedFinding &a, const SuppressedFinding &b) {
                     return reportedBefore(a.finding, b.finding);
                   });
  if (!BaselineFile.empty()) {
    std::string error;
    const Baseline &baseline = LoadedBaseline.emplace(Baseline::read(BaselineFile, error));
    if (!error.empty())
      return error;
    baseline.apply(sourceRoot, findings, suppressed);
    if (!Quiet && baseline.matched())
      errs() << "retrylint: note: " << baseline.matched() << " of " << baseline.size()
             << " findings of the baseline are still present and not reported\n";
  }
  if (!WriteBaseline.empty())
    if (std::string error = writeBaselineFile(program, checks, sourceRoot, findings, suppressed);
        !error.empty())
      return error;
  return handleFixes(findings);
}

} // namespace retrylint
