// The effect of one statement on what a caller knows along a path of a breaker method:
// locks taken and released, the state read and written, members updated, locals bound.
#include "frontend/breakers/BreakerModelWalker.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

bool startsWith(const std::string &s, const char *prefix) {
  return llvm::StringRef(s).starts_with(prefix);
}

} // namespace

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
  u.halfOpenPossible = halfOpenKnown(st);
  u.locks = st.held;
  st.updates.push_back(std::move(u));
}

bool Walker::apply(const Activation *act, const Stmt *s, PathState &st) {
  if (isa<CXXThrowExpr>(s))
    return false;
  if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    st.ret = {ret->getRetValue(), act};
    if (act == entry)
      st.retStmt = ret;
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
          writeState(act, mc, {mc->getArg(0), act},
                     name == "store" ? StateWriteKind::AtomicStore : StateWriteKind::Exchange, st);
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
