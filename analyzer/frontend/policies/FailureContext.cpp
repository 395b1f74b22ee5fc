#include "frontend/policies/FailureContext.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/LoopAnatomy.h"
#include "frontend/loops/OutcomeTests.h"
#include "frontend/loops/RetryEvidence.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>
#include <cctype>

using namespace clang;

namespace retrylint {
namespace {

/// The chain of statements from `root` down to `target` (both included), or empty.
bool pathTo(const Stmt *root, const Stmt *target, std::vector<const Stmt *> &path) {
  if (!root)
    return false;
  path.push_back(root);
  if (root == target)
    return true;
  if (!isa<LambdaExpr>(root))
    for (const Stmt *child : root->children())
      if (pathTo(child, target, path))
        return true;
  path.pop_back();
  return false;
}

/// The statement always leaves the block: return, throw, break, continue, or a block or an
/// if/else whose every way ends so.
bool alwaysExits(const Stmt *s) {
  if (!s)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, CXXThrowExpr>(s))
    return true;
  if (const auto *e = dyn_cast<Expr>(s))
    if (isa<CXXThrowExpr>(e->IgnoreParenImpCasts()))
      return true;
  if (const auto *call = dyn_cast<CallExpr>(s))
    if (const FunctionDecl *fd = call->getDirectCallee(); fd && fd->isNoReturn())
      return true;
  if (const auto *cs = dyn_cast<CompoundStmt>(s))
    return !cs->body_empty() && alwaysExits(cs->body_back());
  if (const auto *ifs = dyn_cast<IfStmt>(s))
    return ifs->getElse() && alwaysExits(ifs->getThen()) && alwaysExits(ifs->getElse());
  return false;
}

/// The last statement a block runs (itself when it is not a block).
const Stmt *lastOf(const Stmt *s) {
  while (const auto *cs = dyn_cast_or_null<CompoundStmt>(s)) {
    if (cs->body_empty())
      return nullptr;
    s = cs->body_back();
  }
  return s;
}

/// The case labels of a switch whose statements fall out of it (break, or the end) rather
/// than leave the function: what reaches the statements after the switch. `someLeave` is set
/// when other cases return or throw.
std::vector<const Expr *> labelsFallingOut(const SwitchStmt *sw, bool &someLeave) {
  std::vector<const Expr *> out, pending;
  const auto *body = dyn_cast_or_null<CompoundStmt>(sw->getBody());
  if (!body)
    return out;
  for (const Stmt *child : body->body()) {
    const Stmt *inner = child;
    while (const auto *label = dyn_cast<SwitchCase>(inner)) {
      if (const auto *c = dyn_cast<CaseStmt>(label))
        pending.push_back(c->getLHS());
      inner = label->getSubStmt();
    }
    const Stmt *last = lastOf(inner);
    if (isa_and_nonnull<BreakStmt>(last)) {
      out.insert(out.end(), pending.begin(), pending.end());
      pending.clear();
    } else if (alwaysExits(inner)) {
      someLeave = true;
      pending.clear();
    }
  }
  out.insert(out.end(), pending.begin(), pending.end());
  return out;
}

std::string normalised(std::string name) {
  name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

bool readsOutcome(const Expr *e, const OutcomeVars &outcomes) {
  llvm::SmallPtrSet<const VarDecl *, 4> reads;
  collectReadVars(e, reads);
  return std::any_of(reads.begin(), reads.end(), [&](const VarDecl *v) { return outcomes.count(v) > 0; });
}

/// Outcome of `cond`, with what the loop classifier does not read: connector->is_ok(),
/// result.failed() on an outcome object, names with underscores.
Outcome classify(const Expr *cond, const OutcomeVars &outcomes) {
  if (!cond)
    return Outcome::Unrelated;
  const Expr *e = cond->IgnoreParenImpCasts();
  if (const auto *c = dyn_cast<ExprWithCleanups>(e))
    e = c->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot)
    return flip(classify(u->getSubExpr(), outcomes));
  if (const auto *b = dyn_cast<BinaryOperator>(e); b && (b->getOpcode() == BO_LAnd || b->getOpcode() == BO_LOr)) {
    Outcome l = classify(b->getLHS(), outcomes), r = classify(b->getRHS(), outcomes);
    bool success = l == Outcome::Success || r == Outcome::Success;
    bool failure = l == Outcome::Failure || r == Outcome::Failure;
    if (success && failure)
      return b->getOpcode() == BO_LOr ? Outcome::Success : Outcome::Unrelated;
    return success ? Outcome::Success : failure ? Outcome::Failure : Outcome::Unrelated;
  }
  if (const auto *m = dyn_cast<CXXMemberCallExpr>(e))
    if (const Expr *object = m->getImplicitObjectArgument(); object && readsOutcome(object, outcomes)) {
      std::string n = normalised(unqualified(calleeName(m)));
      if (n == "isok" || n == "ok" || n == "succeeded" || n == "issuccess" || n == "success" || n == "good")
        return Outcome::Success;
      if (n == "failed" || n == "isfailed" || n == "iserror" || n == "haserror" || n == "isfailure")
        return Outcome::Failure;
    }
  LoopAnatomy a;
  a.outcomeVars = outcomes;
  return classifyOutcomeTest(cond, a);
}

bool classifiesKind(const Expr *cond, const ASTContext &ctx) {
  bool found = false;
  Vocabulary &vocab = Vocabulary::current();
  forEachDescendant(cond, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s))
      found |= vocab.is(call, CallRole::FailureClassifier);
    else if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      found |= !isa<VarDecl>(ref->getDecl()) && namesFailureKind(ref->getDecl()->getName());
    if (!found && isa<Expr>(s))
      found |= namesFailureKind(macroNameAt(s->getBeginLoc(), ctx));
    return !found;
  });
  return found;
}

} // namespace

OutcomeVars outcomeVarsOf(const FunctionDecl *fn, bool completionHandler) {
  OutcomeVars out;
  if (!fn || !fn->getBody())
    return out;
  if (completionHandler)
    for (const ParmVarDecl *p : fn->parameters())
      out.insert(p->getCanonicalDecl());
  // Locals assigned from an attempt, or from an outcome already known (status = msg.status()).
  for (bool grew = true; grew;) {
    grew = false;
    forEachDescendant(fn->getBody(), [&](const Stmt *s) {
      const VarDecl *var = nullptr;
      const Expr *value = nullptr;
      if (const auto *ds = dyn_cast<DeclStmt>(s)) {
        for (const Decl *d : ds->decls())
          if (const auto *v = dyn_cast<VarDecl>(d); v && v->getInit()) {
            var = v->getCanonicalDecl();
            value = v->getInit();
          }
      } else {
        var = assignedVar(s, &value);
      }
      if (!var || !value || out.count(var))
        return true;
      bool fromAttempt = readsOutcome(value, out);
      forEachDescendant(value, [&](const Stmt *x) {
        if (const auto *call = dyn_cast<CallExpr>(x))
          fromAttempt |= isAttemptCall(call);
        return !fromAttempt;
      });
      if (fromAttempt && out.insert(var).second)
        grew = true;
      return true;
    });
  }
  return out;
}

std::vector<PathGuard> guardsOf(const Stmt *s, const FunctionDecl *fn) {
  std::vector<PathGuard> guards;
  std::vector<const Stmt *> path;
  if (!fn || !pathTo(fn->getBody(), s, path))
    return guards;
  for (size_t i = path.size() - 1; i > 0; --i) {
    const Stmt *parent = path[i - 1], *child = path[i];
    if (const auto *ifs = dyn_cast<IfStmt>(parent)) {
      if (child == ifs->getThen())
        guards.push_back({PathGuard::Kind::Branch, ifs->getCond(), false, ifs, {}});
      else if (child == ifs->getElse())
        guards.push_back({PathGuard::Kind::Branch, ifs->getCond(), true, ifs, {}});
    } else if (const auto *co = dyn_cast<ConditionalOperator>(parent)) {
      if (child == co->getTrueExpr())
        guards.push_back({PathGuard::Kind::Branch, co->getCond(), false, co, {}});
      else if (child == co->getFalseExpr())
        guards.push_back({PathGuard::Kind::Branch, co->getCond(), true, co, {}});
    } else if (const auto *bo = dyn_cast<BinaryOperator>(parent);
               bo && (bo->getOpcode() == BO_LAnd || bo->getOpcode() == BO_LOr) && child == bo->getRHS()) {
      guards.push_back({PathGuard::Kind::Branch, bo->getLHS(), bo->getOpcode() == BO_LOr, bo, {}});
    } else if (const auto *cs = dyn_cast<CompoundStmt>(parent)) {
      for (const Stmt *before : cs->body()) {
        if (before == child)
          break;
        if (const auto *ifs = dyn_cast<IfStmt>(before); ifs && !ifs->getElse() && alwaysExits(ifs->getThen()))
          guards.push_back({PathGuard::Kind::EarlyExit, ifs->getCond(), true, ifs, {}});
        if (const auto *sw = dyn_cast<SwitchStmt>(before)) {
          bool someLeave = false;
          std::vector<const Expr *> labels = labelsFallingOut(sw, someLeave);
          if (someLeave && !labels.empty())
            guards.push_back({PathGuard::Kind::Case, sw->getCond(), false, sw, labels});
        }
      }
    } else if (const auto *label = dyn_cast<CaseStmt>(parent)) {
      guards.push_back({PathGuard::Kind::Case, nullptr, false, label, {label->getLHS()}});
    } else if (isa<CXXCatchStmt>(parent)) {
      guards.push_back({PathGuard::Kind::Catch, nullptr, false, parent, {}});
    }
  }
  // Statements after a case label in the same switch body: the label they follow.
  for (size_t i = 0; i + 1 < path.size(); ++i)
    if (const auto *sw = dyn_cast<SwitchStmt>(path[i]))
      if (const auto *body = dyn_cast_or_null<CompoundStmt>(sw->getBody()); body && i + 2 < path.size() &&
                                                                              path[i + 1] == body) {
        std::vector<const Expr *> labels;
        for (const Stmt *c : body->body()) {
          if (c == path[i + 2])
            break;
          if (const auto *cs = dyn_cast<CaseStmt>(c))
            labels = {cs->getLHS()};
          if (alwaysExits(c))
            labels.clear();
        }
        if (!labels.empty() && !isa<CaseStmt>(path[i + 2]))
          guards.push_back({PathGuard::Kind::Case, sw->getCond(), false, sw, labels});
      }
  return guards;
}

int guardSays(const PathGuard &g, const OutcomeVars &outcomes, bool &classifies, ASTContext &ctx) {
  switch (g.kind) {
  case PathGuard::Kind::Catch: {
    const auto *handler = cast<CXXCatchStmt>(g.origin);
    classifies |= !handler->getCaughtType().isNull();
    return 1;
  }
  case PathGuard::Kind::ErrorContinuation:
    return 1;
  case PathGuard::Kind::Case: {
    int says = 0;
    bool allGood = !g.labels.empty();
    for (const Expr *label : g.labels) {
      std::string name;
      if (const auto *ref = dyn_cast<DeclRefExpr>(label->IgnoreParenImpCasts()))
        name = ref->getDecl()->getName().str();
      if (name.empty())
        name = macroNameAt(label->getBeginLoc(), ctx);
      std::string n = normalised(name);
      bool good = n.size() >= 2 && (n.substr(n.size() - 2) == "ok" || n.find("success") != std::string::npos);
      allGood &= good;
      if (!name.empty() && namesFailureKind(name)) {
        classifies = true;
        says = 1;
      }
    }
    return says != 0 ? says : allGood ? -1 : 0;
  }
  case PathGuard::Kind::Branch:
  case PathGuard::Kind::EarlyExit: {
    Outcome o = classify(g.cond, outcomes);
    if (g.negated)
      o = flip(o);
    if (o == Outcome::Failure && classifiesKind(g.cond, ctx))
      classifies = true;
    return o == Outcome::Failure ? 1 : o == Outcome::Success ? -1 : 0;
  }
  }
  return 0;
}

} // namespace retrylint
