#include "frontend/policies/ReinvocationGraph.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace retrylint {
namespace {

bool isDelayArgType(QualType t) {
  t = t.getNonReferenceType();
  if (t.isNull() || t->isDependentType())
    return false;
  if (Vocabulary::isDurationType(t) || DelayEvaluator::durationPeriodMs(t))
    return true;
  return t->isArithmeticType() && !t->isBooleanType();
}

/// The object a member call is made on, as written (timer_, self->retry_backoff_).
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

/// The member or variable that names a timer object (timer_, self->timer_, *timer).
const Decl *objectDecl(const Expr *e) {
  if (!e)
    return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e); op && op->getNumArgs() >= 1 &&
                                                        (op->getOperator() == OO_Arrow || op->getOperator() == OO_Star))
    return objectDecl(op->getArg(0));
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_Deref)
    return objectDecl(u->getSubExpr());
  if (const auto *m = dyn_cast<MemberExpr>(e))
    return m->getMemberDecl();
  if (const auto *m = dyn_cast<CXXDependentScopeMemberExpr>(e))
    return nullptr;
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    return ref->getDecl();
  return nullptr;
}

/// The class a function belongs to (a lambda's: the class of the function that holds it).
const CXXRecordDecl *classOf(const FunctionDecl *fd) {
  const DeclContext *dc = fd->getDeclContext();
  while (dc) {
    if (const auto *rd = dyn_cast<CXXRecordDecl>(dc); rd && !rd->isLambda())
      return rd;
    dc = dc->getParent();
  }
  return nullptr;
}

} // namespace

const FunctionDecl *handedCallable(const Expr *arg) {
  const FunctionDecl *found = nullptr;
  std::function<void(const Stmt *)> visit = [&](const Stmt *s) {
    if (!s || found)
      return;
    if (const auto *lambda = dyn_cast<LambdaExpr>(s)) {
      found = lambda->getCallOperator();
      return;
    }
    if (const auto *ref = dyn_cast<DeclRefExpr>(s)) {
      if (const auto *fd = dyn_cast<FunctionDecl>(ref->getDecl())) {
        found = fd;
        return;
      }
      return; // a variable: what it holds is not known here
    }
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      // bind(&C::m, this), bind_executor(ex, lambda), bind_callback(&C::m, this): look inside;
      // any other call computes a value, not a callable.
      std::string name = unqualified(calleeName(call));
      if (name.find("bind") == std::string::npos && name != "make_shared" && name != "function" &&
          name != "move" && name != "forward" && name != "wrap")
        return;
    }
    for (const Stmt *child : s->children())
      visit(child);
  };
  visit(arg);
  return found ? ReinvocationGraph::node(found) : nullptr;
}

const FunctionDecl *ReinvocationGraph::node(const FunctionDecl *fd) {
  if (!fd)
    return nullptr;
  if (const FunctionDecl *pattern = fd->getTemplateInstantiationPattern())
    fd = pattern;
  const FunctionDecl *def = nullptr;
  if (fd->hasBody(def) && def)
    return def;
  return fd;
}

ReinvocationGraph::ReinvocationGraph(ASTContext &ctx) : ctx(ctx) {
  collect();
  findHelpers();
  for (const FunctionDecl *fd : nodes)
    addEdges(fd);
}

bool ReinvocationGraph::inUserCode(const Decl *d) const {
  return d && !ctx.getSourceManager().isInSystemHeader(d->getLocation());
}

const std::vector<ReinvocationEdge> &ReinvocationGraph::edgesFrom(const FunctionDecl *fd) const {
  static const std::vector<ReinvocationEdge> none;
  auto it = edges.find(fd);
  return it == edges.end() ? none : it->second;
}

const FunctionDecl *ReinvocationGraph::enclosing(const FunctionDecl *fd) const {
  auto it = lambdaParent.find(fd);
  return it == lambdaParent.end() ? nullptr : it->second;
}

void ReinvocationGraph::collect() {
  struct Finder : RecursiveASTVisitor<Finder> {
    using Base = RecursiveASTVisitor<Finder>;
    explicit Finder(ReinvocationGraph &g) : g(g) {}
    bool TraverseDecl(Decl *d) {
      if (!d)
        return true;
      if (!isa<TranslationUnitDecl>(d) && !g.inUserCode(d))
        return true;
      const auto *fd = dyn_cast<FunctionDecl>(d);
      if (!fd || !fd->doesThisDeclarationHaveABody())
        return Base::TraverseDecl(d);
      add(fd, stack.empty() ? nullptr : stack.back());
      stack.push_back(fd);
      bool ok = Base::TraverseDecl(d);
      stack.pop_back();
      return ok;
    }
    bool TraverseLambdaExpr(LambdaExpr *lambda) {
      const FunctionDecl *op = lambda->getCallOperator();
      add(op, stack.empty() ? nullptr : stack.back());
      stack.push_back(op);
      bool ok = Base::TraverseLambdaExpr(lambda);
      stack.pop_back();
      return ok;
    }
    void add(const FunctionDecl *fd, const FunctionDecl *parent) {
      if (!g.known.insert(fd).second)
        return;
      g.nodes.push_back(fd);
      if (parent && isa<CXXMethodDecl>(fd) && cast<CXXMethodDecl>(fd)->getParent()->isLambda())
        g.lambdaParent[fd] = parent;
    }
    ReinvocationGraph &g;
    std::vector<const FunctionDecl *> stack;
  };
  Finder(*this).TraverseDecl(ctx.getTranslationUnitDecl());
}

const FunctionDecl *ReinvocationGraph::resolve(const CallExpr *call, const FunctionDecl *in) const {
  if (const FunctionDecl *callee = call->getDirectCallee()) {
    const FunctionDecl *n = node(callee);
    return n && n->getBody() && known.count(n) ? n : nullptr;
  }
  // self->retry() in a class template: a dependent call, resolved by name in the class.
  std::string name;
  const Expr *callee = call->getCallee()->IgnoreParenImpCasts();
  if (const auto *dm = dyn_cast<CXXDependentScopeMemberExpr>(callee))
    name = dm->getMember().getAsString();
  else if (const auto *um = dyn_cast<UnresolvedMemberExpr>(callee))
    name = um->getName().getAsString();
  if (name.empty())
    return nullptr;
  const CXXRecordDecl *record = classOf(in);
  if (!record || !record->hasDefinition())
    return nullptr;
  for (const CXXMethodDecl *m : record->getDefinition()->methods())
    if (m->getDeclName().isIdentifier() && m->getName() == name)
      if (const FunctionDecl *n = node(m); n && n->getBody() && known.count(n))
        return n;
  for (const Decl *d : record->getDefinition()->decls())
    if (const auto *tmpl = dyn_cast<FunctionTemplateDecl>(d))
      if (tmpl->getDeclName().isIdentifier() && tmpl->getName() == name)
        if (const FunctionDecl *n = node(tmpl->getTemplatedDecl()); n && n->getBody() && known.count(n))
          return n;
  return nullptr;
}

const CallExpr *ReinvocationGraph::armBefore(const CallExpr *wait, const FunctionDecl *fd) const {
  const Decl *timer = objectDecl(objectOf(wait));
  std::string text = sourceText(objectOf(wait) ? objectOf(wait)->getSourceRange() : SourceRange(), ctx);
  const CallExpr *arm = nullptr;
  const SourceManager &sm = ctx.getSourceManager();
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    const auto *call = dyn_cast<CallExpr>(s);
    if (!call || !Vocabulary::current().is(call, CallRole::TimerArm))
      return true;
    if (!sm.isBeforeInTranslationUnit(call->getBeginLoc(), wait->getBeginLoc()))
      return true;
    const Expr *object = objectOf(call);
    bool same = (timer && objectDecl(object) == timer) ||
                (!text.empty() && object && sourceText(object->getSourceRange(), ctx) == text);
    if (same)
      arm = call; // the last arm before the wait
    return true;
  });
  return arm;
}

const Expr *ReinvocationGraph::scheduleDelayArg(const CallExpr *call, unsigned skipArg) const {
  const CallKind &kind = Vocabulary::current().of(call);
  unsigned first = isa<CXXOperatorCallExpr>(call) ? 1 : 0;
  if (kind.scheduleDelay.delayArg != ~0u)
    return kind.scheduleDelay.delayArg < call->getNumArgs() ? call->getArg(kind.scheduleDelay.delayArg) : nullptr;
  for (unsigned i = first; i < call->getNumArgs(); ++i)
    if (i != skipArg && !handedCallable(call->getArg(i)) && isDelayArgType(call->getArg(i)->getType()))
      return call->getArg(i);
  return nullptr;
}

void ReinvocationGraph::findHelpers() {
  Vocabulary &vocab = Vocabulary::current();
  for (const FunctionDecl *fd : nodes) {
    if (lambdaParent.count(fd) || fd->getNumParams() == 0)
      continue;
    // A parameter, or a capture initialised from one, that the handler of a deferring call
    // runs: the helper defers its caller's callable.
    auto paramNamed = [&](const Expr *e) -> int {
      int index = -1;
      forEachDescendant(e, [&](const Stmt *s) {
        if (const auto *ref = dyn_cast<DeclRefExpr>(s)) {
          const ValueDecl *d = ref->getDecl();
          if (const auto *var = dyn_cast<VarDecl>(d); var && var->isInitCapture() && var->getInit())
            forEachDescendant(var->getInit(), [&](const Stmt *x) {
              if (const auto *r = dyn_cast<DeclRefExpr>(x))
                if (const auto *p = dyn_cast<ParmVarDecl>(r->getDecl()); p && p->getDeclContext() == fd)
                  index = static_cast<int>(p->getFunctionScopeIndex());
              return index < 0;
            });
          if (const auto *p = dyn_cast<ParmVarDecl>(d); p && p->getDeclContext() == fd)
            index = static_cast<int>(p->getFunctionScopeIndex());
        }
        return index < 0;
      });
      return index;
    };
    forEachDescendant(fd->getBody(), [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      if (!call || helpers.count(fd))
        return !helpers.count(fd);
      const CallKind &kind = vocab.of(call);
      EdgeKind k;
      if (kind.is(CallRole::TimerWait))
        k = EdgeKind::Timer;
      else if (kind.is(CallRole::ScheduleAfter))
        k = EdgeKind::Schedule;
      else if (kind.is(CallRole::Post))
        k = EdgeKind::Post;
      else if (kind.is(CallRole::Continuation))
        k = EdgeKind::Continuation;
      else
        return true;
      for (unsigned i = 0; i < call->getNumArgs(); ++i) {
        const Expr *arg = call->getArg(i);
        int param = -1;
        if (const auto *lambda = dyn_cast<LambdaExpr>(arg->IgnoreImplicit()->IgnoreParenImpCasts())) {
          // the handler calls the parameter (or its capture)
          forEachDescendant(lambda->getBody(), [&](const Stmt *x) {
            if (const auto *inner = dyn_cast<CallExpr>(x)) {
              const Expr *callee = isa<CXXOperatorCallExpr>(inner) ? inner->getArg(0) : inner->getCallee();
              if (int p = paramNamed(callee); p >= 0)
                param = p;
            }
            return param < 0;
          });
        } else {
          param = paramNamed(arg); // post(ex, std::move(fn))
        }
        if (param < 0)
          continue;
        Helper h{k, static_cast<unsigned>(param)};
        h.scheduler = fd->getQualifiedNameAsString();
        if (k == EdgeKind::Timer) {
          if (const CallExpr *arm = armBefore(call, fd)) {
            h.delay = arm->getArg(0);
            h.unit = vocab.of(arm).scheduleDelay;
          }
        } else if (k == EdgeKind::Schedule) {
          h.delay = scheduleDelayArg(call, i);
          h.unit = kind.scheduleDelay;
          if (h.unit.delayArg == ~0u)
            h.unit = {0, DelayUnit::Milliseconds};
        }
        if (h.delay)
          if (const auto *ref = dyn_cast<DeclRefExpr>(h.delay->IgnoreParenImpCasts()))
            if (const auto *p = dyn_cast<ParmVarDecl>(ref->getDecl()); p && p->getDeclContext() == fd)
              h.delayParam = static_cast<int>(p->getFunctionScopeIndex());
        helpers[fd] = h;
        return false;
      }
      return true;
    });
  }
}

void ReinvocationGraph::addCallableEdges(const FunctionDecl *fd, const Expr *call,
                                         llvm::ArrayRef<const Expr *> args, unsigned argOffset) {
  Vocabulary &vocab = Vocabulary::current();
  const auto *ce = dyn_cast<CallExpr>(call);
  const FunctionDecl *callee = ce ? resolve(ce, fd) : nullptr;
  auto helper = callee ? helpers.find(callee) : helpers.end();
  for (unsigned i = 0; i < args.size(); ++i) {
    const FunctionDecl *target = handedCallable(args[i]);
    if (!target || target == fd || !known.count(target))
      continue;
    ReinvocationEdge e;
    e.from = fd;
    e.to = target;
    e.call = call;
    e.kind = EdgeKind::Callback;
    if (ce) {
      const CallKind &kind = vocab.of(ce);
      e.scheduler = calleeName(ce);
      if (kind.is(CallRole::TimerWait)) {
        e.kind = EdgeKind::Timer;
        if (const CallExpr *arm = armBefore(ce, fd)) {
          e.delay = arm->getArg(0);
          e.delayIn = fd;
          e.unit = vocab.of(arm).scheduleDelay;
        }
      } else if (kind.is(CallRole::ScheduleAfter)) {
        e.kind = EdgeKind::Schedule;
        e.delay = scheduleDelayArg(ce, i + argOffset);
        e.delayIn = fd;
        e.unit = kind.scheduleDelay.delayArg == ~0u ? SleepCallInfo{0, DelayUnit::Milliseconds} : kind.scheduleDelay;
      } else if (kind.is(CallRole::Post)) {
        e.kind = EdgeKind::Post;
      } else if (kind.is(CallRole::ErrorContinuation)) {
        e.kind = EdgeKind::ErrorContinuation;
      } else if (kind.is(CallRole::Continuation)) {
        e.kind = EdgeKind::Continuation;
      } else if (helper != helpers.end() && helper->second.callableParam == i) {
        const Helper &h = helper->second;
        e.kind = h.kind;
        e.scheduler = h.scheduler;
        e.unit = h.unit;
        if (h.delayParam >= 0 && static_cast<unsigned>(h.delayParam) < args.size()) {
          e.delay = args[h.delayParam];
          e.delayIn = fd;
        } else if (h.delay) {
          e.delay = h.delay;
          e.delayIn = callee;
        }
      }
    }
    if (e.kind == EdgeKind::Callback)
      completion.insert(target);
    else if (e.kind == EdgeKind::ErrorContinuation)
      errorHandlers.insert(target);
    else
      deferred.insert(target);
    edges[fd].push_back(e);
  }
}

void ReinvocationGraph::addEdges(const FunctionDecl *fd) {
  forEachDescendant(fd->getBody(), [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      if (const FunctionDecl *callee = resolve(call, fd); callee && callee != fd)
        edges[fd].push_back({fd, callee, call, EdgeKind::Direct});
      else if (callee == fd)
        edges[fd].push_back({fd, fd, call, EdgeKind::Direct});
      unsigned offset = isa<CXXOperatorCallExpr>(call) ? 1 : 0;
      std::vector<const Expr *> args;
      for (unsigned i = offset; i < call->getNumArgs(); ++i)
        args.push_back(call->getArg(i));
      addCallableEdges(fd, call, args, offset);
    } else if (const auto *ctor = dyn_cast<CXXConstructExpr>(s)) {
      std::vector<const Expr *> args(ctor->arg_begin(), ctor->arg_end());
      addCallableEdges(fd, ctor, args, 0);
    }
    return true;
  });
}

} // namespace retrylint
