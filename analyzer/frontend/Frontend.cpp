#include "frontend/Frontend.h"

#include "frontend/breakers/BreakerModel.h"
#include "frontend/budgets/BudgetModel.h"
#include "frontend/FunctionSummaries.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/RetryModel.h"
#include "frontend/reschedule/HelperSchedules.h"
#include "frontend/reschedule/Reinvocations.h"
#include "frontend/policies/DelayPolicies.h"
#include "frontend/SuppressionScan.h"
#include "frontend/TolerantParsing.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/Stack.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <utility> // before llvm/Support/thread.h, which needs std::exchange

#include "llvm/Support/thread.h"

using namespace clang;

namespace retrylint {
namespace {

/// The stack Clang's driver gives the compiler (clang::DesiredStackSize).
constexpr unsigned ClangStackSize = 8u << 20;

/// Keeps the TU's errors (at most a few) instead of printing them: the report says the
/// TU was incomplete, the compiler is the place to read the errors in full.
class ProblemCollector : public DiagnosticConsumer {
public:
  explicit ProblemCollector(TUFacts &facts) : facts(facts) {}

  void HandleDiagnostic(DiagnosticsEngine::Level level, const Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error)
      return;
    facts.complete = false;
    if (facts.problems.size() >= MaxKept)
      return;
    llvm::SmallString<128> message;
    info.FormatDiagnostic(message);
    CompileProblem problem;
    problem.message = std::string(message);
    if (info.hasSourceManager() && info.getLocation().isValid())
      problem.span = makeSpan(SourceRange(info.getLocation()), info.getSourceManager(), LangOptions());
    facts.problems.push_back(std::move(problem));
  }

private:
  static constexpr size_t MaxKept = 5;
  TUFacts &facts;
};

class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(TUFacts &facts, const FrontendOptions &options) : facts(facts), options(options) {}
  void HandleTranslationUnit(ASTContext &ctx) override {
    VocabularyScope vocabulary(ctx);
    llvm::DenseMap<const Stmt *, int> retryLoopIndex;
    extractRetryLoops(ctx, facts.retryLoops, retryLoopIndex);
    extractReinvocations(ctx, facts.retryLoops, retryLoopIndex);
    extractDelayPolicies(ctx, facts.delayPolicies);
    extractHelperSchedules(ctx, facts.helperSchedules);
    extractBudgets(ctx, facts.budgets);
    extractBreakers(ctx, facts.breakers);
    extractFunctionSummaries(ctx, retryLoopIndex, facts.retryLoops, facts.functions);
    const SourceManager &sm = ctx.getSourceManager();
    for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
      llvm::StringRef real = it->first.getFileEntry().tryGetRealPathName();
      facts.inputs.push_back(std::string(real.empty() ? it->first.getName() : real));
    }
    std::sort(facts.inputs.begin(), facts.inputs.end());
  }

private:
  TUFacts &facts;
  const FrontendOptions &options;
};

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(TUFacts &facts, const FrontendOptions &options) : facts(facts), options(options) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(facts, options);
  }
  bool BeginSourceFileAction(CompilerInstance &ci) override {
    makeParsingTolerant(ci, facts);
    return true;
  }

private:
  TUFacts &facts;
  const FrontendOptions &options;
};

class FactsActionFactory : public tooling::FrontendActionFactory {
public:
  FactsActionFactory(TUFacts &facts, const FrontendOptions &options)
      : facts(facts), options(options) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(facts, options);
  }

private:
  TUFacts &facts;
  const FrontendOptions &options;
};

/// A database of exactly one command, so that each TU is one independent tool run.
class SingleCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(tooling::CompileCommand cmd) : cmd(std::move(cmd)) {}
  std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {cmd};
  }
  std::vector<std::string> getAllFiles() const override { return {cmd.Filename}; }

private:
  tooling::CompileCommand cmd;
};

} // namespace

TUFacts extractTUFacts(const CompileJob &job, const FrontendOptions &options) {
  TUFacts facts;
  facts.mainFile = job.file;
  SingleCommandDatabase db(
      tooling::CompileCommand(job.directory, job.file, job.commandLine, /*Output=*/""));
  // A file system of its own: the tool changes its working directory to the command's,
  // and the process-wide one would race between threads.
  tooling::ClangTool tool(db, {job.file}, std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  ProblemCollector problems(facts);
  tool.setDiagnosticConsumer(&problems);
  tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" + options.resourceDir, "-ferror-limit=0", "-Wno-everything",
       "-fno-caret-diagnostics"},
      tooling::ArgumentInsertPosition::END));
  tool.setPrintErrorMessage(false);
  FactsActionFactory factory(facts, options);
  // Clang's parser and Sema recurse as deep as the code nests. Like Clang's driver, give
  // them a thread with the stack size Clang is tuned for and tell Clang where its bottom
  // is, so that deep recursion moves to a fresh stack instead of overflowing.
  int status = 1;
  llvm::thread parse(std::optional<unsigned>(ClangStackSize), [&] {
    clang::noteBottomOfStack();
    status = tool.run(&factory);
  });
  parse.join();
  if (status != 0 && facts.complete) {
    // The driver rejected the command, or the file could not be read.
    facts.complete = false;
    facts.problems.push_back({SourceSpan{job.file}, "the compile command could not be run"});
  }
  scanSuppressions(facts);
  return facts;
}

} // namespace retrylint
