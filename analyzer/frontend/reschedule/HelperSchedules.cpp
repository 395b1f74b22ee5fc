#include "frontend/reschedule/HelperSchedules.h"

#include "frontend/reschedule/ReinvocationHelpers.h"
#include "frontend/reschedule/ReinvocationWaits.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/loops/AttemptBounds.h"
#include "frontend/loops/LoopAnatomy.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <cstdint>

using namespace clang;

namespace retrylint {
namespace {

using namespace reschedule;

/// `s` assigns the local `var` (status = TimedOut(...)).
bool assigns(const Stmt *s, const VarDecl *var) {
  bool found = false;
  forEachDescendant(s, [&](const Stmt *x) {
    const Expr *lhs = nullptr;
    if (const auto *b = dyn_cast<BinaryOperator>(x); b && b->getOpcode() == BO_Assign)
      lhs = b->getLHS();
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(x); op && op->getOperator() == OO_Equal)
      lhs = op->getArg(0);
    if (const auto *ref = lhs ? dyn_cast<DeclRefExpr>(lhs->IgnoreParenImpCasts()) : nullptr)
      found |= ref->getDecl() == var;
    return !found;
  });
  return found;
}

/// The scheduled call runs only before a deadline: a guard on its path tests one, or tests a
/// local that a deadline test sets (`if (now > deadline_) s = TimedOut(); if (s.ok()) rpc->Send();`).
bool guardedByDeadline(const std::vector<Step> &path) {
  LoopAnatomy none;
  for (const Step &step : path) {
    if (step.kind != Step::Kind::Guard)
      continue;
    if (testsDeadline(step.cond, none))
      return true;
    llvm::SmallPtrSet<const VarDecl *, 4> vars;
    collectReadVars(step.cond, vars);
    for (const VarDecl *v : vars) {
      const auto *fn = dyn_cast_or_null<FunctionDecl>(v->getParentFunctionOrMethod());
      if (isa<ParmVarDecl>(v) || !fn || !fn->getBody())
        continue;
      bool set = false;
      forEachDescendant(fn->getBody(), [&](const Stmt *s) {
        if (const auto *ifs = dyn_cast<IfStmt>(s))
          set |= testsDeadline(ifs->getCond(), none) && assigns(ifs->getThen(), v);
        return !set;
      });
      if (set)
        return true;
    }
  }
  return false;
}

class HelperFinder : public RecursiveASTVisitor<HelperFinder> {
  using Base = RecursiveASTVisitor<HelperFinder>;

public:
  HelperFinder(ASTContext &ctx, std::vector<HelperSchedule> &out) : ctx(ctx), out(out) {}

  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }

  bool VisitFunctionDecl(FunctionDecl *fn) {
    if (!fn->doesThisDeclarationHaveABody() || !fn->getBody() || fn->isDependentContext())
      return true;
    if (const auto *m = dyn_cast<CXXMethodDecl>(fn); m && m->getParent()->isLambda())
      return true;
    for (unsigned i = 0; i < fn->getNumParams(); ++i) {
      if (!handedClass(fn->getParamDecl(i)->getType()))
        continue;
      for (const ScheduledCall &scheduled : scheduledOn(fn, i)) {
        std::optional<Wait> wait = waitOn(scheduled.path, SIZE_MAX, ctx);
        if (!wait)
          continue;
        RetryLoop described; // describeDelay writes a site's sleep and delay
        describeDelay(*wait, described, ctx);
        HelperSchedule h;
        h.helperUsr = usrOf(fn);
        h.param = static_cast<int>(i);
        h.methodUsr = usrOf(scheduled.method);
        h.methodName = scheduled.method->getQualifiedNameAsString();
        h.sleep = described.sleeps.front();
        h.delay = described.delay;
        h.attempts.kind = guardedByDeadline(scheduled.path) ? AttemptBound::Kind::Deadline
                                                             : AttemptBound::Kind::Unbounded;
        out.push_back(std::move(h));
      }
    }
    return true;
  }

private:
  ASTContext &ctx;
  std::vector<HelperSchedule> &out;
};

} // namespace

void extractHelperSchedules(ASTContext &ctx, std::vector<HelperSchedule> &out) {
  HelperFinder(ctx, out).TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace retrylint
