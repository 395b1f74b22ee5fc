// Walks the acyclic paths of a breaker method over Clang's CFG (each loop body at most
// twice), inlining the class's own helpers, and applies each statement's effect on what the
// caller knows: locks taken and released, state reads and writes, members updated, the
// protected call reached.
#include "BreakerModelWalker.h"

#include "AstQueries.h"
#include "BreakerModelNames.h"
#include "CallNames.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

constexpr unsigned MaxInlineDepth = 4;
constexpr size_t MaxSteps = 40000; // blocks visited per entry method
constexpr size_t MaxPaths = 4000;
constexpr unsigned MaxVisitsPerBlock = 2; // a loop body runs at most twice on a path

bool startsWith(const std::string &s, const char *prefix) {
  return llvm::StringRef(s).starts_with(prefix);
}

/// The parameter a callable is invoked through: fn(), std::forward<F>(fn)(), std::invoke(fn).
const Expr *invokedObject(const Expr *e) {
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e))
    return op->getOperator() == OO_Call && op->getNumArgs() > 0 ? op->getArg(0) : nullptr;
  const auto *call = dyn_cast<CallExpr>(e);
  if (!call || isa<CXXMemberCallExpr>(call))
    return nullptr;
  std::string name = calleeName(call);
  if ((name == "std::invoke" || name == "invoke") && call->getNumArgs() > 0)
    return call->getArg(0);
  const Expr *callee = strip(call->getCallee());
  if (const auto *inner = dyn_cast<CallExpr>(callee)) { // std::forward<F>(fn)()
    std::string n = unqualified(calleeName(inner));
    if ((n == "forward" || n == "move") && inner->getNumArgs() == 1)
      return inner->getArg(0);
  }
  if (isa<DeclRefExpr>(callee) || isa<MemberExpr>(callee))
    return callee;
  return nullptr;
}

} // namespace

CfgCache::CfgCache(ASTContext &ctx) : ctx(ctx) {}
CfgCache::~CfgCache() = default;

const CFG *CfgCache::get(const FunctionDecl *fn) {
  auto it = cfgs.find(fn);
  if (it != cfgs.end())
    return it->second.get();
  std::unique_ptr<CFG> cfg;
  if (fn->getBody()) {
    CFG::BuildOptions options;
    options.setAllAlwaysAdd();
    options.AddImplicitDtors = true;
    options.PruneTriviallyFalseEdges = true;
    cfg = CFG::buildCFG(fn, fn->getBody(), &ctx, options);
  }
  return cfgs.emplace(fn, std::move(cfg)).first->second.get();
}

bool walkPaths(ASTContext &ctx, CfgCache &cfgs, const BreakerClass &breaker,
               const FunctionDecl *entry, std::vector<PathTrace> &out) {
  return Walker(ctx, cfgs, breaker).run(entry, out);
}

bool Walker::run(const FunctionDecl *fn, std::vector<PathTrace> &paths) {
  const CFG *cfg = cfgs.get(fn);
  if (!cfg)
    return false;
  activations.push_back(Activation{fn, nullptr, nullptr, cfg, 0});
  entry = &activations.back();
  out = &paths;
  PathState st;
  st.possible = domain.all();
  // A method that documents that its caller holds the lock (REQUIRES(mu_), FooLocked()).
  llvm::StringRef name = fn->getName();
  if (fn->hasAttr<RequiresCapabilityAttr>() || name.ends_with("Locked") || name.ends_with("_locked"))
    acquire(domain.field, st);
  runFunction(entry, std::move(st), [this](PathState &done) {
    if (out->size() >= MaxPaths) {
      exhausted = true;
      return;
    }
    out->push_back(std::move(done.trace));
  });
  return !exhausted;
}

void Walker::runFunction(const Activation *act, PathState st, const Exit &exit) {
  if (scanned.insert(act->fn).second)
    forEachDescendant(act->fn->getBody(), [&](const Stmt *s) {
      const Expr *target = nullptr;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
        target = bo->getLHS();
      else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->isAssignmentOp())
        target = op->getArg(0);
      else if (const auto *mc = dyn_cast<CXXMemberCallExpr>(s)) {
        std::string m = memberName(mc);
        if (m == "store" || m == "exchange")
          target = mc->getImplicitObjectArgument();
      }
      if (target && memberOf(target) == domain.field)
        writeTargets.insert(strip(target));
      return true;
    });
  walkBlock(act, &act->cfg->getEntry(), 0, std::move(st), exit);
}

void Walker::walkBlock(const Activation *act, const CFGBlock *block, unsigned from, PathState st,
                       const Exit &exit) {
  if (exhausted)
    return;
  if (from == 0) {
    if (++steps > MaxSteps) {
      exhausted = true;
      return;
    }
    unsigned &visits = st.visits[{act, block->getBlockID()}];
    if (visits >= MaxVisitsPerBlock)
      return;
    ++visits;
  }
  if (block == &act->cfg->getExit()) {
    exit(st);
    return;
  }
  for (unsigned i = from; i < block->size(); ++i) {
    const CFGElement &element = (*block)[i];
    if (std::optional<CFGStmt> cs = element.getAs<CFGStmt>()) {
      const Stmt *s = cs->getStmt();
      if (const FunctionDecl *callee = inlineTarget(s, act)) {
        activations.push_back(
            Activation{callee, act, cast<Expr>(s), cfgs.get(callee), act->depth + 1});
        const Expr *call = cast<Expr>(s);
        runFunction(&activations.back(), std::move(st),
                    [this, act, block, i, call, &exit](PathState &after) {
                      PathState next = after;
                      next.results[{act, call}] = next.ret;
                      next.ret = {};
                      walkBlock(act, block, i + 1, std::move(next), exit);
                    });
        return;
      }
      if (!apply(act, s, st))
        return;
    } else if (std::optional<CFGAutomaticObjDtor> dtor = element.getAs<CFGAutomaticObjDtor>()) {
      auto it = st.lockVars.find({act, dtor->getVarDecl()});
      if (it != st.lockVars.end()) {
        st.held.erase(it->second);
        st.lockVars.erase(it);
      }
    }
  }
  follow(act, block, std::move(st), exit);
}

void Walker::follow(const Activation *act, const CFGBlock *block, PathState st, const Exit &exit) {
  const Stmt *term = block->getTerminatorStmt();
  if (const auto *sw = dyn_cast_or_null<SwitchStmt>(term)) {
    bool onState = isStateRead({sw->getCond(), act}, st);
    uint64_t labelled = 0;
    for (const SwitchCase *c = sw->getSwitchCaseList(); c && onState; c = c->getNextSwitchCase())
      if (const auto *cs = dyn_cast<CaseStmt>(c))
        labelled |= domain.bit(domain.indexOf(cs->getLHS(), ctx));
    for (const CFGBlock::AdjacentBlock &succ : block->succs()) {
      const CFGBlock *next = succ.getReachableBlock();
      if (!next)
        continue;
      PathState branch = st;
      if (onState) {
        branch.stateDependent = true;
        if (const auto *cs = dyn_cast_or_null<CaseStmt>(next->getLabel())) {
          if (int index = domain.indexOf(cs->getLHS(), ctx); index >= 0)
            branch.possible &= domain.bit(index);
        } else {
          branch.possible &= ~labelled; // default, or past a switch without one
        }
        if (!branch.possible)
          continue;
      }
      walkBlock(act, next, 0, std::move(branch), exit);
    }
    return;
  }
  bool twoWay = term && block->succ_size() == 2 &&
                (isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator,
                     BinaryConditionalOperator>(term) ||
                 (isa<BinaryOperator>(term) && cast<BinaryOperator>(term)->isLogicalOp()));
  const Expr *cond = twoWay ? block->getLastCondition() : nullptr;
  unsigned index = 0;
  for (const CFGBlock::AdjacentBlock &succ : block->succs()) {
    bool truth = index++ == 0;
    const CFGBlock *next = succ.getReachableBlock();
    if (!next)
      continue;
    PathState branch = st;
    if (cond && !assume({cond, act}, truth, branch))
      continue;
    walkBlock(act, next, 0, std::move(branch), exit);
  }
}

const FunctionDecl *Walker::inlineTarget(const Stmt *s, const Activation *act) const {
  const auto *call = dyn_cast<CallExpr>(s);
  if (!call || isa<CXXOperatorCallExpr>(call) || act->depth >= MaxInlineDepth)
    return nullptr;
  const CXXRecordDecl *record = breaker.record;
  const FunctionDecl *callee = nullptr;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || md->isVirtual())
      return nullptr;
    const Expr *object = strip(mc->getImplicitObjectArgument());
    bool onThis = object && isa<CXXThisExpr>(object);
    const auto *member = dyn_cast_or_null<MemberExpr>(object);
    bool onMember = member && isa<FieldDecl>(member->getMemberDecl()) &&
                    isa<CXXThisExpr>(strip(member->getBase()));
    if (onThis && md->getParent()->getCanonicalDecl() != record->getCanonicalDecl() &&
        !record->isDerivedFrom(md->getParent()))
      return nullptr;
    if (!onThis && !onMember)
      return nullptr;
    callee = md;
  } else if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(strip(call->getCallee()))) {
    if (!ume->isImplicitAccess())
      return nullptr;
    for (const NamedDecl *d : ume->decls()) {
      const NamedDecl *u = d->getUnderlyingDecl();
      if (const auto *ft = dyn_cast<FunctionTemplateDecl>(u))
        u = ft->getTemplatedDecl();
      if (const auto *md = dyn_cast<CXXMethodDecl>(u); md && !md->isVirtual()) {
        callee = md;
        break;
      }
    }
  } else if (const auto *md = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee())) {
    if (md->isStatic() && md->getParent()->getCanonicalDecl() == record->getCanonicalDecl())
      callee = md;
  }
  if (!callee || isa<CXXConstructorDecl>(callee) || isa<CXXDestructorDecl>(callee))
    return nullptr;
  if (const FunctionDecl *pattern = callee->getTemplateInstantiationPattern())
    callee = pattern;
  const FunctionDecl *def = nullptr;
  if (!callee->hasBody(def) || !def ||
      ctx.getSourceManager().isInSystemHeader(def->getLocation()))
    return nullptr;
  for (const Activation *a = act; a; a = a->caller)
    if (a->fn == def)
      return nullptr;
  return cfgs.get(def) ? def : nullptr;
}

bool Walker::isProtectedCall(const Stmt *s, const Activation *act, const PathState &st) const {
  const auto *e = dyn_cast<Expr>(s);
  if (!e)
    return false;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || !md->isVirtual() || isa<CXXDestructorDecl>(md) || md->isInStdNamespace() ||
        namesHook(md->getNameAsString()))
      return false;
    const Expr *object = strip(mc->getImplicitObjectArgument());
    if (const auto *member = dyn_cast_or_null<MemberExpr>(object))
      if (namesHook(member->getMemberDecl()->getNameAsString()))
        return false; // clock_->Now(), listener_->Changed()
    return true;
  }
  const Expr *object = invokedObject(e);
  if (!object)
    return false;
  Binding source = resolve({object, act}, st);
  const Expr *o = strip(source.expr);
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(o))
    return isa<ParmVarDecl>(ref->getDecl());
  if (const auto *member = dyn_cast_or_null<MemberExpr>(o))
    return isa<FieldDecl>(member->getMemberDecl()) &&
           !namesHook(member->getMemberDecl()->getNameAsString());
  return false;
}

void Walker::hit(const Activation *act, const Stmt *call, PathState &st) {
  ProtectedHit h;
  h.operation = call;
  h.reported = call;
  for (const Activation *a = act; a->caller; a = a->caller)
    h.reported = a->site;
  h.possible = st.possible;
  h.stateDependent = st.stateDependent;
  for (const auto &[mutex, n] : st.held) {
    auto it = st.readLocks.find(mutex);
    h.serialized |= it != st.readLocks.end() && it->second == n;
  }
  h.entryWrite = st.entryWrite;
  h.entryExclusive = st.entryExclusive;
  h.guards = st.guards;
  h.updates = st.updates;
  st.trace.hits.push_back(std::move(h));
}

void Walker::readState(PathState &st) { st.readLocks = st.held; }

bool Walker::stateWriteTarget(const Expr *member) const { return writeTargets.count(member) > 0; }

void Walker::acquire(const ValueDecl *mutex, PathState &st) {
  if (!mutex)
    return;
  st.held[mutex] = ++st.acquisitions;
  st.trace.lockedMutexes.push_back(mutex);
}

void Walker::writeState(const Activation *act, const Stmt *site, Binding value,
                        StateWriteKind kind, PathState &st) {
  StateWriteEvent ev;
  ev.site = site;
  ev.function = act->fn;
  ev.to = value.expr ? stateValue(value, st) : -1;
  ev.before = st.possible;
  ev.kind = kind;
  ev.locked = !st.held.empty();
  for (const auto &[mutex, n] : st.held) {
    auto it = st.readLocks.find(mutex);
    ev.exclusive |= it != st.readLocks.end() && it->second == n;
  }
  ev.exclusive |= breaker.threadConfined || kind == StateWriteKind::CompareExchange;
  if (ev.to == domain.halfOpen) { // the cooldown that ends in half-open
    ev.cooldown = st.cooldown;
    ev.cooldownMs = st.cooldownMs;
  }
  st.trace.writes.push_back(ev);
  st.stateDependent = true;
  if (kind == StateWriteKind::CompareExchange) {
    // Whether it happened is known only where the result is tested (assumeCall).
    st.possible |= ev.to >= 0 ? domain.bit(ev.to) : domain.all();
    if (ev.to == domain.halfOpen) {
      st.entryWrite = static_cast<int>(st.trace.writes.size()) - 1;
      st.entryExclusive = false;
    }
    return;
  }
  st.possible = ev.to >= 0 ? domain.bit(ev.to) : domain.all();
  if (ev.to == domain.halfOpen) {
    st.entryWrite = static_cast<int>(st.trace.writes.size()) - 1;
    st.entryExclusive = ev.exclusive;
  }
}

void Walker::update(const Stmt *site, const ValueDecl *member, bool atomic, bool counts,
                    PathState &st) {
  MemberUpdate u;
  u.member = member;
  u.site = site;
  u.atomic = atomic;
  u.increments = counts;
  u.halfOpenPossible = (st.possible & domain.bit(domain.halfOpen)) != 0;
  u.locks = st.held;
  st.updates.push_back(std::move(u));
}

bool Walker::apply(const Activation *act, const Stmt *s, PathState &st) {
  if (isa<CXXThrowExpr>(s))
    return false;
  if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    st.ret = {ret->getRetValue(), act};
    return true;
  }
  if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls()) {
      const auto *var = dyn_cast<VarDecl>(d);
      if (!var || !var->getInit())
        continue;
      st.locals[{act, var}] = {var->getInit(), act};
      const CXXRecordDecl *type = var->getType()->getAsCXXRecordDecl();
      const auto *ctor = dyn_cast<CXXConstructExpr>(strip(var->getInit()));
      if (!type || !ctor || !isLockGuardTypeName(type->getNameAsString()))
        continue;
      bool deferred = false;
      std::vector<const ValueDecl *> mutexes;
      for (const Expr *arg : ctor->arguments()) {
        std::string t = arg->getType().getAsString();
        if (t.find("defer_lock") != std::string::npos || t.find("try_to_lock") != std::string::npos)
          deferred = true;
        else if (const ValueDecl *m = mutexOf(arg))
          mutexes.push_back(m);
      }
      for (const ValueDecl *m : mutexes) {
        st.lockVars[{act, var}] = m;
        if (!deferred)
          acquire(m, st);
      }
    }
    return true;
  }
  const auto *e = dyn_cast<Expr>(s);
  if (!e)
    return true;
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    if (me->getMemberDecl() == domain.field && !stateWriteTarget(me))
      readState(st);
    return true;
  }
  if (isProtectedCall(e, act, st)) {
    hit(act, e, st);
    return true;
  }
  auto assignLocal = [&](const Expr *target, const Expr *value) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(strip(target)))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
        if (value)
          st.locals[{act, var}] = {value, act};
        else
          st.locals.erase({act, var});
      }
  };
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    if (!bo->isAssignmentOp())
      return true;
    bool plain = bo->getOpcode() == BO_Assign;
    if (const ValueDecl *m = memberOf(bo->getLHS())) {
      if (m == domain.field)
        writeState(act, bo, plain ? Binding{bo->getRHS(), act} : Binding{}, StateWriteKind::Plain, st);
      else
        update(bo, m, false, bo->getOpcode() == BO_AddAssign || bo->getOpcode() == BO_SubAssign, st);
    } else {
      assignLocal(bo->getLHS(), plain ? bo->getRHS() : nullptr);
    }
    return true;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e)) {
    if (!uo->isIncrementDecrementOp())
      return true;
    if (const ValueDecl *m = memberOf(uo->getSubExpr())) {
      if (m == domain.field)
        writeState(act, uo, {}, StateWriteKind::Plain, st);
      else
        update(uo, m, false, true, st);
    } else {
      assignLocal(uo->getSubExpr(), nullptr);
    }
    return true;
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    OverloadedOperatorKind k = op->getOperator();
    bool assign = k == OO_Equal;
    bool counts = k == OO_PlusPlus || k == OO_MinusMinus || k == OO_PlusEqual || k == OO_MinusEqual;
    if ((!assign && !counts && !op->isAssignmentOp()) || op->getNumArgs() == 0)
      return true;
    const Expr *target = op->getArg(0);
    bool atomic = isAtomicType(strip(target)->getType());
    st.trace.atomicOperation |= atomic;
    if (const ValueDecl *m = memberOf(target)) {
      if (m == domain.field)
        writeState(act, op, assign && op->getNumArgs() == 2 ? Binding{op->getArg(1), act} : Binding{},
                   atomic ? StateWriteKind::AtomicStore : StateWriteKind::Plain, st);
      else
        update(op, m, atomic, counts, st);
    } else {
      assignLocal(target, assign && op->getNumArgs() == 2 ? op->getArg(1) : nullptr);
    }
    return true;
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    std::string name = memberName(mc);
    const Expr *object = strip(mc->getImplicitObjectArgument());
    if (!object)
      return true;
    if (const auto *ref = dyn_cast<DeclRefExpr>(object))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
        auto it = st.lockVars.find({act, var});
        if (it != st.lockVars.end()) {
          if (isUnlockCall(name))
            st.held.erase(it->second);
          else if (isLockCall(name))
            acquire(it->second, st);
          return true;
        }
      }
    QualType objectType = object->getType();
    if (objectType->isPointerType())
      objectType = objectType->getPointeeType();
    if (isAtomicType(objectType)) {
      st.trace.atomicOperation = true;
      const ValueDecl *m = memberOf(object);
      if (m == domain.field) {
        if ((name == "store" || name == "exchange") && mc->getNumArgs() > 0)
          writeState(act, mc, {mc->getArg(0), act}, StateWriteKind::AtomicStore, st);
        else if (startsWith(name, "compare_exchange") && mc->getNumArgs() > 1)
          writeState(act, mc, {mc->getArg(1), act}, StateWriteKind::CompareExchange, st);
      } else if (m && (name == "store" || isAtomicReadModifyWrite(name))) {
        update(mc, m, true, startsWith(name, "fetch_add") || startsWith(name, "fetch_sub"), st);
      }
      return true;
    }
    const CXXRecordDecl *type = objectType->getAsCXXRecordDecl();
    if (type && isMutexTypeName(type->getNameAsString())) {
      if (isLockCall(name))
        acquire(mutexOf(object), st);
      else if (isUnlockCall(name))
        st.held.erase(mutexOf(object));
    }
    return true;
  }
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    std::string name = unqualified(calleeName(call));
    if (call->getNumArgs() == 0)
      return true;
    if (isLockCall(name) && startsWith(name, "pthread"))
      acquire(mutexOf(call->getArg(0)), st);
    else if (isUnlockCall(name) && startsWith(name, "pthread"))
      st.held.erase(mutexOf(call->getArg(0)));
    else if (startsWith(name, "atomic_") || startsWith(name, "__atomic") || startsWith(name, "__sync"))
      st.trace.atomicOperation = true;
  }
  return true;
}

} // namespace retrylint::breaker
