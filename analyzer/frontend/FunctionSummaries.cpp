#include "frontend/FunctionSummaries.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/libraries/LibraryPolicies.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

using namespace clang;

namespace retrylint {
namespace {

/// The function a graph node stands for: a template's pattern, not each instantiation,
/// as the retry model sees patterns only.
const FunctionDecl *node(const FunctionDecl *fd) {
  if (!fd)
    return nullptr;
  if (const FunctionDecl *pattern = fd->getTemplateInstantiationPattern())
    fd = pattern;
  return fd;
}

/// A lambda or a function named in an argument: what a helper would call.
const FunctionDecl *callableIn(const Expr *arg) {
  const FunctionDecl *found = nullptr;
  forEachDescendant(arg, [&](const Stmt *s) {
    if (found)
      return false;
    if (const auto *lambda = dyn_cast<LambdaExpr>(s))
      found = lambda->getCallOperator();
    else if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      found = dyn_cast<FunctionDecl>(ref->getDecl());
    return !found;
  });
  return node(found);
}

class SummaryWalker {
public:
  SummaryWalker(ASTContext &ctx, const llvm::DenseMap<const Stmt *, int> &loops,
                const std::vector<RetryLoop> &retryLoops, FunctionSummary &out)
      : ctx(ctx), loops(loops), retryLoops(retryLoops), out(out) {}

  void walk(const Stmt *s) {
    if (!s || isa<LambdaExpr>(s))
      return; // a lambda is a function of its own
    if (depth >= MaxWalkDepth)
      return; // deeper calls are unknown: a missing edge only shortens a fan-out chain
    ++depth;
    auto it = loops.find(s);
    if (it != loops.end())
      enclosing.push_back(it->second);
    if (const auto *call = dyn_cast<CallExpr>(s))
      record(call);
    for (const Stmt *child : s->children())
      walk(child);
    if (it != loops.end())
      enclosing.pop_back();
    --depth;
  }

private:
  void record(const CallExpr *call) {
    const FunctionDecl *callee = node(call->getDirectCallee());
    if (!callee)
      return;
    // A library whose policy retries (an SDK client, a gRPC stub) is a layer, also from a
    // system header; the rest of the standard library is not where retries multiply.
    bool library = isLibraryOperation(call);
    if (!library && ctx.getSourceManager().isInSystemHeader(callee->getLocation()))
      return;
    if (!isAttemptCall(call))
      return; // accessors, budget checks and sleeps reach no dependency
    LibraryCall libraryCall = library ? libraryCallAt(call, ctx) : LibraryCall{};
    std::shared_ptr<const LibraryLayer> layer;
    if (libraryCall.layer)
      layer = std::make_shared<const LibraryLayer>(*libraryCall.layer);
    CallEdge edge;
    if (libraryCall.callableArg < 0)
      edge.library = layer;
    edge.calleeUsr = usrOf(callee);
    edge.calleeName = callee->getQualifiedNameAsString();
    edge.span = makeSpan(call->getSourceRange(), ctx);
    // Only what a retry loop retries is multiplied: its operations, not its bookkeeping.
    // The loop names a library template's call by its specialisation (folly's retrying).
    std::string specialisation = library ? usrOf(call->getDirectCallee()) : std::string();
    for (auto it = enclosing.rbegin(); it != enclosing.rend() && edge.retryLoop < 0; ++it) {
      const std::vector<std::string> &retried = retryLoops[*it].retriedCallUsrs;
      if (std::find(retried.begin(), retried.end(), edge.calleeUsr) != retried.end() ||
          (!specialisation.empty() && std::find(retried.begin(), retried.end(), specialisation) != retried.end()))
        edge.retryLoop = *it;
    }
    if (const auto *method = dyn_cast<CXXMethodDecl>(callee)) {
      const auto *member = dyn_cast<MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
      edge.isVirtual = method->isVirtual() && !(member && member->hasQualifier());
    }
    if (edge.calleeUsr.empty())
      return;
    out.calls.push_back(edge);

    // Callables passed along: an edge to each, through this callee.
    unsigned first = isa<CXXOperatorCallExpr>(call) && isa<CXXMethodDecl>(callee) ? 1 : 0;
    for (unsigned i = first; i < call->getNumArgs(); ++i) {
      const FunctionDecl *callable = callableIn(call->getArg(i));
      if (!callable || callable == callee)
        continue;
      CallEdge via = edge;
      via.calleeUsr = usrOf(callable);
      via.calleeName = callable->getQualifiedNameAsString();
      via.isVirtual = false;
      via.helperUsr = edge.calleeUsr;
      via.callableArg = static_cast<int>(i - first);
      via.library.reset();
      if (via.callableArg == libraryCall.callableArg)
        via.library = layer;
      for (unsigned j = first; j < call->getNumArgs(); ++j) {
        const Expr *arg = call->getArg(j);
        std::optional<int64_t> value;
        if (arg->getType()->isIntegerType())
          value = integerConstantValue(arg, ctx);
        via.args.push_back({sourceText(arg->getSourceRange(), ctx), value.value_or(0), value.has_value()});
      }
      if (!via.calleeUsr.empty())
        out.calls.push_back(via);
    }
  }

  ASTContext &ctx;
  const llvm::DenseMap<const Stmt *, int> &loops;
  const std::vector<RetryLoop> &retryLoops;
  FunctionSummary &out;
  unsigned depth = 0;
  std::vector<int> enclosing;
};

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
  using Base = RecursiveASTVisitor<FunctionFinder>;

public:
  FunctionFinder(ASTContext &ctx, const llvm::DenseMap<const Stmt *, int> &loops,
                 const std::vector<RetryLoop> &retryLoops, std::vector<FunctionSummary> &out)
      : ctx(ctx), loops(loops), retryLoops(retryLoops), out(out) {}

  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }

  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (fd->doesThisDeclarationHaveABody())
      summarise(fd);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *lambda) {
    summarise(lambda->getCallOperator());
    return true;
  }

private:
  void summarise(const FunctionDecl *fd) {
    FunctionSummary summary;
    SummaryWalker(ctx, loops, retryLoops, summary).walk(fd->getBody());
    std::vector<std::string> overrides;
    if (const auto *method = dyn_cast<CXXMethodDecl>(fd))
      for (const CXXMethodDecl *base : method->overridden_methods())
        if (std::string usr = usrOf(base); !usr.empty())
          summary.overrides.push_back(usr);
    // A function that sleeps or waits, itself or through a helper here: a loop in another
    // TU that calls it waits through it.
    summary.waits = callsWithRole(fd->getBody(), CallRole::Sleep, 2) ||
                    callsWithRole(fd->getBody(), CallRole::TimedWait, 2) ||
                    callsWithRole(fd->getBody(), CallRole::MayWait, 0);
    if (summary.calls.empty() && summary.overrides.empty() && !summary.waits)
      return;
    summary.usr = usrOf(fd);
    summary.name = fd->getQualifiedNameAsString();
    summary.span = makeSpan(SourceRange(fd->getLocation(), fd->getLocation()), ctx);
    if (!summary.usr.empty())
      out.push_back(std::move(summary));
  }

  ASTContext &ctx;
  const llvm::DenseMap<const Stmt *, int> &loops;
  const std::vector<RetryLoop> &retryLoops;
  std::vector<FunctionSummary> &out;
};

} // namespace

void extractFunctionSummaries(ASTContext &ctx, const llvm::DenseMap<const Stmt *, int> &retryLoopIndex,
                              const std::vector<RetryLoop> &retryLoops,
                              std::vector<FunctionSummary> &out) {
  FunctionFinder(ctx, retryLoopIndex, retryLoops, out).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
