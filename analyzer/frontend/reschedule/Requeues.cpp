#include "frontend/reschedule/Requeues.h"

#include "frontend/reschedule/ReinvocationPaths.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/policies/DelayGrowth.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <algorithm>
#include <functional>

using namespace clang;

namespace retrylint::reschedule {
namespace {

/// The body of a method as defined (an out-of-line member of a class template too).
const Stmt *bodyOf(const FunctionDecl *fn) {
  const FunctionDecl *def = nullptr;
  return fn && fn->hasBody(def) && def ? def->getBody() : nullptr;
}

/// forEachDescendant, into the lambdas too: a drain often runs in one (flush's queue_flusher).
void forEachWithLambdas(const Stmt *root, const std::function<bool(const Stmt *)> &visit) {
  forEachDescendant(root, [&](const Stmt *s) {
    if (const auto *lambda = dyn_cast<LambdaExpr>(s))
      forEachWithLambdas(lambda->getBody(), visit);
    return visit(s);
  });
}

/// `arg` hands on an element of a container: q.front(), q[i], the loop variable of a range-for,
/// or a local taken from one (auto item = q.front(); send(item)).
bool takesElement(const Stmt *arg, const VarDecl *rangeVar, unsigned depth = 0) {
  bool taken = false;
  forEachDescendant(arg, [&](const Stmt *s) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      if (const auto *local = dyn_cast<VarDecl>(ref->getDecl());
          local && local->isLocalVarDecl() && local->getInit() && depth == 0)
        taken |= takesElement(local->getInit(), rangeVar, depth + 1);
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      std::string n = lowerName(calleeName(call));
      taken |= n == "front" || n == "back" || n == "top" || n == "pop" || n == "take" || n == "dequeue";
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s))
      taken |= op->getOperator() == OO_Subscript;
    if (const auto *ref = dyn_cast<DeclRefExpr>(s))
      taken |= rangeVar && ref->getDecl() == rangeVar;
    taken |= isa<ArraySubscriptExpr>(s);
    return !taken;
  });
  return taken;
}

/// The name of the method of `record` that `call` runs on this object, or empty.
std::string ownMethodCalled(const CallExpr *call, const CXXRecordDecl *record) {
  // A const method only reads the item (logs it, counts it): no attempt.
  std::string name;
  if (const auto *m = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee())) {
    if (!m->isStatic() && !m->isConst() && m->getParent()->getCanonicalDecl() == record->getCanonicalDecl())
      name = m->getNameAsString();
  } else if (const auto *u = dyn_cast<UnresolvedMemberExpr>(call->getCallee()->IgnoreParenImpCasts())) {
    // A class template's call with dependent arguments: the methods of that name.
    for (const NamedDecl *d : u->decls()) {
      const auto *m = dyn_cast_or_null<CXXMethodDecl>(d->getUnderlyingDecl()->getAsFunction());
      if (m && !m->isStatic() && !m->isConst())
        name = m->getNameAsString();
    }
  }
  const Expr *object = objectOf(call);
  if (name.empty() || (object && !sameObject(object)))
    return {};
  return record->getQualifiedNameAsString() + "::" + name;
}

/// The container a push is made on: objectOf, and the object of an overloaded push a template
/// leaves unresolved (queue_.emplace_back(std::forward<B>(b))).
const Expr *containerOf(const CallExpr *call) {
  if (const auto *u = dyn_cast<UnresolvedMemberExpr>(call->getCallee()->IgnoreParenImpCasts()))
    return u->isImplicitAccess() ? nullptr : u->getBase();
  return objectOf(call);
}

} // namespace

bool pushesOntoMember(const CallExpr *call) {
  static const char *const Pushes[] = {"push_back", "emplace_back", "push", "emplace",
                                       "push_front", "emplace_front", "enqueue"};
  std::string n = lowerName(calleeName(call));
  return std::find(std::begin(Pushes), std::end(Pushes), n) != std::end(Pushes) && call->getNumArgs() > 0 &&
         policies::thisField(containerOf(call)) != nullptr;
}

std::vector<const FieldDecl *> queuesFilledBy(const CallExpr *call, const FunctionDecl *target) {
  std::vector<const FieldDecl *> out;
  if (!target) {
    if (pushesOntoMember(call))
      out.push_back(policies::thisField(containerOf(call)));
    return out;
  }
  const FunctionDecl *def = nullptr;
  if (!target->hasBody(def) || !def)
    return out;
  forEachDescendant(def->getBody(), [&](const Stmt *s) {
    const auto *push = dyn_cast<CallExpr>(s);
    if (!push || !pushesOntoMember(push))
      return true;
    bool passesParam = std::any_of(def->param_begin(), def->param_end(), [&](const ParmVarDecl *p) {
      return std::any_of(push->arg_begin(), push->arg_end(), [&](const Expr *a) { return policies::reads(a, p); });
    });
    const FieldDecl *queue = policies::thisField(containerOf(push));
    if (passesParam && std::find(out.begin(), out.end(), queue) == out.end())
      out.push_back(queue);
    return true;
  });
  return out;
}

std::string attemptDrainedFrom(const FieldDecl *queue, const FunctionDecl *fn, const FunctionDecl *enqueuer) {
  const auto *method = dyn_cast<CXXMethodDecl>(fn);
  if (!method)
    return {};
  const CXXRecordDecl *record = method->getParent();
  std::string own = fn->getQualifiedNameAsString();
  std::vector<std::string> attempts;
  for (const Decl *d : record->decls()) {
    if (const auto *t = dyn_cast<FunctionTemplateDecl>(d))
      d = t->getTemplatedDecl();
    const auto *m = dyn_cast<CXXMethodDecl>(d);
    if (!m || m->isStatic() || isa<CXXConstructorDecl, CXXDestructorDecl>(m) ||
        m->getCanonicalDecl() == fn->getCanonicalDecl() ||
        (enqueuer && m->getCanonicalDecl() == enqueuer->getCanonicalDecl()))
      continue;
    const Stmt *body = bodyOf(m);
    bool names = false;
    forEachWithLambdas(body, [&](const Stmt *s) {
      if (const auto *member = dyn_cast<MemberExpr>(s))
        names |= member->getMemberDecl()->getCanonicalDecl() == queue->getCanonicalDecl();
      return !names;
    });
    if (!names)
      continue;
    forEachWithLambdas(body, [&](const Stmt *s) {
      const Stmt *loopBody = nullptr;
      const VarDecl *rangeVar = nullptr;
      if (const auto *f = dyn_cast<ForStmt>(s))
        loopBody = f->getBody();
      else if (const auto *w = dyn_cast<WhileStmt>(s))
        loopBody = w->getBody();
      else if (const auto *x = dyn_cast<DoStmt>(s))
        loopBody = x->getBody();
      else if (const auto *r = dyn_cast<CXXForRangeStmt>(s))
        loopBody = r->getBody(), rangeVar = r->getLoopVariable();
      forEachWithLambdas(loopBody, [&](const Stmt *inner) {
        const auto *call = dyn_cast<CallExpr>(inner);
        if (!call)
          return true;
        std::string name = ownMethodCalled(call, record);
        if (!name.empty() && std::any_of(call->arg_begin(), call->arg_end(),
                                         [&](const Expr *a) { return takesElement(a, rangeVar); }))
          attempts.push_back(name);
        return true;
      });
      return true;
    });
  }
  if (std::find(attempts.begin(), attempts.end(), own) != attempts.end())
    return own;
  return attempts.empty() ? std::string() : attempts.front();
}

} // namespace retrylint::reschedule
