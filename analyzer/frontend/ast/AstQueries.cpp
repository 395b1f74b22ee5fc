#include "frontend/ast/AstQueries.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace clang;

namespace retrylint {

std::string usrOf(const Decl *d) {
  llvm::SmallString<128> usr;
  return index::generateUSRForDecl(d, usr) ? std::string() : std::string(usr);
}

std::string calleeName(const CallExpr *call) {
  if (const FunctionDecl *fd = call->getDirectCallee())
    return fd->getQualifiedNameAsString();
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  // Calls that a template leaves dependent: name them as written.
  if (const auto *ule = dyn_cast<UnresolvedLookupExpr>(callee)) {
    std::string name;
    llvm::raw_string_ostream os(name);
    if (NestedNameSpecifier *q = ule->getQualifier())
      q->print(os, PrintingPolicy(LangOptions()));
    os << ule->getName().getAsString();
    return name;
  }
  if (const auto *dm = dyn_cast<CXXDependentScopeMemberExpr>(callee))
    return dm->getMember().getAsString();
  if (const auto *um = dyn_cast<UnresolvedMemberExpr>(callee))
    return um->getName().getAsString();
  if (const auto *me = dyn_cast<MemberExpr>(callee))
    return me->getMemberDecl()->getQualifiedNameAsString();
  return {};
}

const FunctionDecl *calleeWithBody(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  if (!fd)
    return nullptr;
  if (const FunctionDecl *pattern = fd->getTemplateInstantiationPattern())
    fd = pattern;
  const FunctionDecl *def = nullptr;
  if (!fd->hasBody(def) || !def)
    return nullptr;
  return def;
}

bool isCoroutineStatement(const Stmt *s) {
  return isa<CoroutineSuspendExpr, DependentCoawaitExpr, CoreturnStmt, CoroutineBodyStmt>(s);
}

const Stmt *coroutineSource(const Stmt *s) {
  if (const auto *suspend = dyn_cast<CoroutineSuspendExpr>(s))
    return suspend->getOperand();
  if (const auto *dependent = dyn_cast<DependentCoawaitExpr>(s))
    return dependent->getOperand();
  if (const auto *coreturn = dyn_cast<CoreturnStmt>(s))
    return coreturn->getOperand();
  if (const auto *body = dyn_cast<CoroutineBodyStmt>(s))
    return body->getBody();
  return nullptr;
}

void forEachDescendant(const Stmt *root, const std::function<bool(const Stmt *)> &visit) {
  // An explicit stack: expressions nest as deep as code allows (a sum of 50,000 terms).
  llvm::SmallVector<const Stmt *, 32> pending{root};
  while (!pending.empty()) {
    const Stmt *s = pending.pop_back_val();
    if (!s || !visit(s) || isa<LambdaExpr>(s))
      continue;
    size_t first = pending.size();
    if (isCoroutineStatement(s)) {
      pending.push_back(coroutineSource(s)); // null for `co_return;`: nothing to visit
      continue;
    }
    for (const Stmt *child : s->children())
      pending.push_back(child);
    std::reverse(pending.begin() + first, pending.end()); // visit children in source order
  }
}

void collectReadVars(const Stmt *e, llvm::SmallPtrSetImpl<const VarDecl *> &out) {
  forEachDescendant(e, [&](const Stmt *s) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        out.insert(var->getCanonicalDecl());
    return true;
  });
}

bool readsAnyOf(const Stmt *e, const llvm::SmallPtrSetImpl<const VarDecl *> &vars) {
  llvm::SmallPtrSet<const VarDecl *, 8> reads;
  collectReadVars(e, reads);
  return llvm::any_of(reads, [&](const VarDecl *v) { return vars.count(v) > 0; });
}

static const VarDecl *refVar(const Expr *e) {
  if (!e)
    return nullptr;
  if (const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreParenImpCasts()))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      return var->getCanonicalDecl();
  return nullptr;
}

const VarDecl *assignedVar(const Stmt *s, const Expr **rhs) {
  if (rhs)
    *rhs = nullptr;
  if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
    if (!bo->isAssignmentOp())
      return nullptr;
    if (rhs)
      *rhs = bo->getRHS();
    return refVar(bo->getLHS());
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(s))
    return uo->isIncrementDecrementOp() ? refVar(uo->getSubExpr()) : nullptr;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s)) {
    if (!op->isAssignmentOp() && op->getOperator() != OO_PlusPlus &&
        op->getOperator() != OO_MinusMinus)
      return nullptr;
    if (rhs && op->getNumArgs() == 2)
      *rhs = op->getArg(1);
    return refVar(op->getArg(0));
  }
  return nullptr;
}

bool callsMatching(const Stmt *e, bool (*pred)(const std::string &), unsigned depth) {
  bool found = false;
  forEachDescendant(e, [&](const Stmt *s) {
    if (found)
      return false;
    if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
      // An immediately used lambda (the full-jitter fix-it is one) computes the value.
      found = callsMatching(lambda->getBody(), pred, depth);
      return false;
    }
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      if (pred(calleeName(call))) {
        found = true;
        return false;
      }
      if (depth > 0)
        if (const FunctionDecl *fd = calleeWithBody(call))
          if (callsMatching(fd->getBody(), pred, depth - 1)) {
            found = true;
            return false;
          }
    }
    if (const auto *ctor = dyn_cast<CXXConstructExpr>(s))
      if (pred(ctor->getConstructor()->getParent()->getQualifiedNameAsString()) &&
          ctor->getNumArgs() > 0) {
        // A distribution constructed here is random once it is called; the call is
        // what matters, but a constructed distribution marks the intent just as well.
        found = true;
        return false;
      }
    return true;
  });
  return found;
}

std::string macroNameAt(SourceLocation loc, const ASTContext &ctx) {
  if (!loc.isMacroID())
    return {};
  return Lexer::getImmediateMacroName(loc, ctx.getSourceManager(), ctx.getLangOpts()).str();
}

const Expr *withoutTemporaries(const Expr *e) {
  while (e) {
    const Expr *next = e->IgnoreParenImpCasts();
    if (const auto *c = dyn_cast<ExprWithCleanups>(next))
      next = c->getSubExpr();
    else if (const auto *m = dyn_cast<MaterializeTemporaryExpr>(next))
      next = m->getSubExpr();
    else if (const auto *b = dyn_cast<CXXBindTemporaryExpr>(next))
      next = b->getSubExpr();
    if (next == e)
      return e;
    e = next;
  }
  return e;
}

const Expr *objectOf(const CallExpr *call) {
  if (const auto *m = dyn_cast<CXXMemberCallExpr>(call))
    return m->getImplicitObjectArgument();
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto *m = dyn_cast<MemberExpr>(callee))
    return m->getBase();
  if (const auto *m = dyn_cast<CXXDependentScopeMemberExpr>(callee))
    return m->isImplicitAccess() ? nullptr : m->getBase();
  return nullptr;
}

} // namespace retrylint
