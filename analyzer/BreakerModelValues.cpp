// What an expression holds on a path (following locals, parameters and inlined helpers'
// results), and what taking a branch tells the caller: which states remain possible, and
// which guard admitted it.
#include "BreakerModelWalker.h"

#include "AstQueries.h"
#include "BreakerModelNames.h"
#include "CallNames.h"
#include "DelayEvaluator.h"
#include "SourceSpans.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

constexpr unsigned MaxResolveSteps = 16;

std::optional<BinaryOperatorKind> comparisonKind(OverloadedOperatorKind k) {
  switch (k) {
  case OO_EqualEqual: return BO_EQ;
  case OO_ExclaimEqual: return BO_NE;
  case OO_Less: return BO_LT;
  case OO_LessEqual: return BO_LE;
  case OO_Greater: return BO_GT;
  case OO_GreaterEqual: return BO_GE;
  default: return std::nullopt;
  }
}

bool isBoolMember(const ValueDecl *m) {
  if (!m)
    return false;
  QualType t = m->getType(), inner;
  if (isAtomicType(t, &inner))
    t = inner;
  return t->isBooleanType();
}

std::string recordName(QualType t) {
  if (const CXXRecordDecl *r = t.getNonReferenceType()->getAsCXXRecordDecl())
    return r->getNameAsString();
  return {};
}

} // namespace

const Expr *strip(const Expr *e) {
  while (e) {
    const Expr *next = e->IgnoreImplicit()->IgnoreParens();
    if (const auto *ce = dyn_cast<CXXConstructExpr>(next);
        ce && ce->getNumArgs() == 1 && ce->getConstructor()->isCopyOrMoveConstructor())
      next = ce->getArg(0);
    if (next == e)
      return e;
    e = next;
  }
  return e;
}

std::string memberName(const Expr *call) {
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call))
    if (const CXXMethodDecl *md = mc->getMethodDecl())
      return md->getNameAsString();
  return {};
}

const ValueDecl *Walker::memberOf(const Expr *target) {
  if (const auto *me = dyn_cast_or_null<MemberExpr>(strip(target)))
    if (isa<FieldDecl>(me->getMemberDecl()))
      return me->getMemberDecl();
  return nullptr;
}

const ValueDecl *mutexOf(const Expr *e) {
  e = strip(e);
  if (const auto *u = dyn_cast_or_null<UnaryOperator>(e); u && u->getOpcode() == UO_AddrOf)
    e = strip(u->getSubExpr());
  if (const auto *me = dyn_cast_or_null<MemberExpr>(e))
    return me->getMemberDecl();
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e))
    return ref->getDecl();
  return nullptr;
}

bool isAtomicType(QualType t, QualType *inner) {
  t = t.getNonReferenceType().getCanonicalType();
  const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (spec && spec->getName() == "atomic" && spec->getTemplateArgs().size() == 1) {
    if (inner)
      *inner = spec->getTemplateArgs()[0].getAsType();
    return true;
  }
  const CXXRecordDecl *r = t->getAsCXXRecordDecl();
  return r && (r->getName() == "atomic_flag" || r->getName().starts_with("__atomic"));
}

int StateDomain::indexOf(const Expr *e, const ASTContext &ctx) const {
  e = strip(e);
  if (!e)
    return -1;
  if (e->isValueDependent() || e->isTypeDependent()) {
    if (const auto *ref = dyn_cast<DeclRefExpr>(e))
      for (size_t i = 0; i < values.size(); ++i)
        if (values[i].name == ref->getDecl()->getNameAsString())
          return static_cast<int>(i);
    return -1;
  }
  Expr::EvalResult result;
  if (!e->EvaluateAsInt(result, ctx))
    return -1;
  int64_t v = result.Val.getInt().getExtValue();
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i].value == v)
      return static_cast<int>(i);
  return -1;
}

std::vector<std::string> StateDomain::names(uint64_t states) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < values.size(); ++i)
    if (states & bit(static_cast<int>(i)))
      out.push_back(values[i].name);
  return out;
}

Binding Walker::resolve(Binding b, const PathState &st) const {
  for (unsigned step = 0; b.expr && step < MaxResolveSteps; ++step) {
    const Expr *e = strip(b.expr);
    b.expr = e;
    if (const auto *ref = dyn_cast<DeclRefExpr>(e)) {
      if (const auto *parm = dyn_cast<ParmVarDecl>(ref->getDecl())) {
        const auto *site = dyn_cast_or_null<CallExpr>(b.act ? b.act->site : nullptr);
        unsigned index = parm->getFunctionScopeIndex();
        if (!site || index >= site->getNumArgs() || parm->getDeclContext() != b.act->fn)
          return b;
        b = {site->getArg(index), b.act->caller};
        continue;
      }
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
        auto it = st.locals.find({b.act, var});
        if (it == st.locals.end())
          return b;
        b = it->second;
        continue;
      }
      return b;
    }
    if (const auto *call = dyn_cast<CallExpr>(e)) {
      auto it = st.results.find({b.act, e});
      if (it != st.results.end() && it->second.expr) {
        b = it->second;
        continue;
      }
      std::string name = unqualified(calleeName(call));
      if ((name == "move" || name == "forward") && call->getNumArgs() == 1) {
        b = {call->getArg(0), b.act};
        continue;
      }
    }
    return b;
  }
  return b;
}

bool Walker::isStateRead(Binding b, const PathState &st) const {
  const Expr *e = strip(resolve(b, st).expr);
  if (!e)
    return false;
  if (memberOf(e) == domain.field)
    return true;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    bool read = md && (md->getName() == "load" || isa<CXXConversionDecl>(md));
    return read && memberOf(mc->getImplicitObjectArgument()) == domain.field;
  }
  return false;
}

int Walker::stateValue(Binding b, const PathState &st) const {
  return domain.indexOf(resolve(b, st).expr, ctx);
}

std::optional<bool> Walker::outcome(Binding b, const PathState &st) const {
  Binding r = resolve(b, st);
  const Expr *e = strip(r.expr);
  if (!e)
    return std::nullopt;
  if (const auto *lit = dyn_cast<CXXBoolLiteralExpr>(e))
    return lit->getValue();
  if (isa<CXXNullPtrLiteralExpr>(e))
    return false;
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    if (ref->getDecl()->getName() == "nullopt")
      return false;
  if (const auto *call = dyn_cast<CallExpr>(e)) {
    if (isa<CXXMemberCallExpr>(call) || isa<CXXOperatorCallExpr>(call))
      return std::nullopt;
    std::string name = calleeName(call);
    if (namesSuccessResult(name))
      return true;
    if (namesFailureResult(name))
      return false;
    return std::nullopt;
  }
  if (const auto *ctor = dyn_cast<CXXConstructExpr>(e)) {
    if (!isOutcomeTypeName(recordName(ctor->getType())))
      return std::nullopt;
    if (ctor->getNumArgs() == 0)
      return recordName(ctor->getType()) == "Status"; // a default Status is OK; optional() is empty
    if (ctor->getNumArgs() == 1) {
      const Expr *arg = ctor->getArg(0);
      if (isOutcomeTypeName(recordName(arg->getType())) || isa<CXXNullPtrLiteralExpr>(strip(arg)))
        return outcome({arg, r.act}, st);
      return true; // StatusOr<T>(value), optional<T>(value)
    }
    return recordName(ctor->getType()) == "Status" ? std::optional<bool>(false) : std::nullopt;
  }
  return std::nullopt;
}

ExprReads Walker::reads(Binding b, const PathState &st) const {
  ExprReads out;
  std::function<void(Binding, unsigned)> collect = [&](Binding at, unsigned depth) {
    Binding r = resolve(at, st);
    if (!r.expr || depth > 6)
      return;
    const Expr *root = strip(r.expr);
    forEachDescendant(root, [&](const Stmt *s) {
      if (s != root) {
        if (const auto *ref = dyn_cast<DeclRefExpr>(s)) {
          Binding inner = resolve({ref, r.act}, st);
          if (inner.expr != ref)
            collect(inner, depth + 1);
          return false;
        }
        if (const auto *call = dyn_cast<CallExpr>(s); call && st.results.count({r.act, call})) {
          collect({call, r.act}, depth + 1);
          return false;
        }
      }
      if (const auto *call = dyn_cast<CallExpr>(s)) {
        if (namesClockRead(calleeName(call)))
          out.clock = true;
        if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
          const Expr *object = mc->getImplicitObjectArgument();
          if (object && isAtomicType(object->getType()) && isAtomicReadModifyWrite(memberName(mc)))
            out.atomicReadModifyWrite = true;
        }
        if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call))
          if (op->getNumArgs() > 0 && isAtomicType(op->getArg(0)->getType()) &&
              (op->getOperator() == OO_PlusPlus || op->getOperator() == OO_MinusMinus))
            out.atomicReadModifyWrite = true;
      }
      if (const auto *me = dyn_cast<MemberExpr>(s))
        if (const auto *field = dyn_cast<FieldDecl>(me->getMemberDecl())) {
          if (field == domain.field)
            out.state = true;
          else if (!isMutexTypeName(recordName(field->getType())))
            out.members.push_back(field);
        }
      return true;
    });
  };
  collect(b, 0);
  return out;
}

void Walker::guard(ProbeGuardKind kind, const Expr *test, const Activation *act, bool side,
                   std::vector<const ValueDecl *> members, const Expr *limit, bool atomicRmw,
                   PathState &st) {
  GuardPass g;
  g.kind = kind;
  g.test = test;
  g.side = side;
  g.members = std::move(members);
  g.limit = limit;
  g.atomicReadModifyWrite = atomicRmw;
  g.halfOpenPossible = (st.possible & domain.bit(domain.halfOpen)) != 0;
  g.locks = st.held;
  g.updatesBefore = st.updates.size();
  g.id.push_back(test);
  for (const Activation *a = act; a && a->site; a = a->caller)
    g.id.push_back(a->site);
  st.guards.push_back(std::move(g));
}

void Walker::noteCooldown(Binding duration, PathState &st) {
  Binding r = resolve(duration, st);
  const Expr *e = strip(r.expr);
  auto isTimePoint = [](const Expr *x) {
    return x && recordName(x->getType()).find("time_point") != std::string::npos;
  };
  // opened_at_ + cooldown_: the duration is the operand that is not a time point
  const Expr *l = nullptr, *rhs = nullptr;
  if (const auto *bo = dyn_cast_or_null<BinaryOperator>(e); bo && bo->getOpcode() == BO_Add)
    l = bo->getLHS(), rhs = bo->getRHS();
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(e);
      op && op->getOperator() == OO_Plus && op->getNumArgs() == 2)
    l = op->getArg(0), rhs = op->getArg(1);
  if (l && rhs)
    e = isTimePoint(rhs) ? l : rhs;
  if (!e || isTimePoint(e) || recordName(e->getType()) == "Time")
    return;
  st.cooldown = sourceText(e->getSourceRange(), ctx);
  st.cooldownMs = -1;
  DelayEvaluator eval(ctx);
  std::optional<Quantity> q;
  if (const auto *field = dyn_cast_or_null<FieldDecl>(memberOf(e))) {
    if (const Expr *init = field->getInClassInitializer())
      q = eval.eval(init);
    // Initialised in the constructors: a value only if every one agrees.
    for (const CXXConstructorDecl *ctor : breaker.record->ctors())
      for (const CXXCtorInitializer *init : ctor->inits())
        if (init->getMember() == field && init->isWritten()) {
          std::optional<Quantity> v = eval.eval(init->getInit());
          if (!v || (q && q->value != v->value))
            return;
          q = v;
        }
  } else {
    q = eval.eval(e);
  }
  if (q && q->kind == Quantity::Kind::Duration)
    st.cooldownMs = q->value;
}

bool Walker::assume(Binding cond, bool truth, PathState &st) {
  Binding r = resolve(cond, st);
  const Expr *e = strip(r.expr);
  if (!e)
    return true;
  if (std::optional<bool> known = outcome(r, st))
    return *known == truth;
  if (const auto *u = dyn_cast<UnaryOperator>(e); u && u->getOpcode() == UO_LNot)
    return assume({u->getSubExpr(), r.act}, !truth, st);
  if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
    Binding l{bo->getLHS(), r.act}, rhs{bo->getRHS(), r.act};
    switch (bo->getOpcode()) {
    case BO_LAnd: return !truth || (assume(l, true, st) && assume(rhs, true, st));
    case BO_LOr: return truth || (assume(l, false, st) && assume(rhs, false, st));
    case BO_Comma: return assume(rhs, truth, st);
    default:
      if (bo->isComparisonOp())
        return assumeComparison(bo, bo->getOpcode(), l, rhs, truth, r.act, st);
      return true;
    }
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    if (op->getOperator() == OO_Exclaim && op->getNumArgs() == 1)
      return assume({op->getArg(0), r.act}, !truth, st);
    if (std::optional<BinaryOperatorKind> k = comparisonKind(op->getOperator()); k && op->getNumArgs() == 2)
      return assumeComparison(op, *k, {op->getArg(0), r.act}, {op->getArg(1), r.act}, truth, r.act, st);
    return true;
  }
  if (isa<CallExpr>(e))
    return assumeCall(e, r, truth, st);
  if (const ValueDecl *m = memberOf(e); m && m != domain.field && isBoolMember(m))
    guard(ProbeGuardKind::Flag, e, r.act, truth, {m}, nullptr, false, st);
  return true;
}

bool Walker::assumeComparison(const Expr *test, unsigned opcode, Binding lhs, Binding rhs,
                              bool truth, const Activation *act, PathState &st) {
  bool lState = isStateRead(lhs, st), rState = isStateRead(rhs, st);
  if ((lState || rState) && (opcode == BO_EQ || opcode == BO_NE)) {
    st.stateDependent = true;
    int v = stateValue(lState ? rhs : lhs, st);
    if (v < 0)
      return true;
    bool equal = (opcode == BO_EQ) == truth;
    st.possible = equal ? st.possible & domain.bit(v) : st.possible & ~domain.bit(v);
    return st.possible != 0;
  }
  ExprReads l = reads(lhs, st), r = reads(rhs, st);
  if (l.state || r.state)
    return true;
  std::vector<const ValueDecl *> members = l.members;
  members.insert(members.end(), r.members.begin(), r.members.end());
  bool rmw = l.atomicReadModifyWrite || r.atomicReadModifyWrite;
  if (members.empty() && !rmw)
    return true;
  ProbeGuardKind kind = ProbeGuardKind::PermitCounter;
  const Expr *limit = r.atomicReadModifyWrite ? lhs.expr : rhs.expr;
  if (l.clock || r.clock) {
    Binding duration = l.clock ? rhs : lhs;
    noteCooldown(duration, st);
    if (!(st.possible & domain.bit(domain.halfOpen)))
      return true; // a cooldown before half-open, not a guard of the probe
    kind = ProbeGuardKind::TimeGate;
    limit = duration.expr;
  } else if (isBoolMember(members.front())) {
    kind = ProbeGuardKind::Flag;
  } else if (namesGeneration(members.front()->getNameAsString())) {
    kind = ProbeGuardKind::Generation;
  }
  guard(kind, test, act, truth, members, limit, rmw, st);
  return true;
}

bool Walker::assumeCall(const Expr *call, Binding b, bool truth, PathState &st) {
  const Activation *act = b.act;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    const Expr *object = mc->getImplicitObjectArgument();
    std::string name = memberName(mc);
    if (!md || !object)
      return true;
    const ValueDecl *m = memberOf(object);
    if (const auto *conv = dyn_cast<CXXConversionDecl>(md)) {
      if (!conv->getConversionType()->isBooleanType())
        return true;
      if (m && isBoolMember(m))
        guard(ProbeGuardKind::Flag, mc, act, truth, {m}, nullptr, false, st);
      return m ? true : assume({object, act}, truth, st);
    }
    if (name == "ok" || name == "has_value")
      return assume({object, act}, truth, st);
    if (llvm::StringRef(name).starts_with("compare_exchange") && mc->getNumArgs() > 1) {
      st.trace.atomicOperation = true;
      if (m == domain.field) {
        int expected = stateValue({mc->getArg(0), act}, st);
        int desired = stateValue({mc->getArg(1), act}, st);
        int index = -1;
        for (size_t i = 0; i < st.trace.writes.size(); ++i)
          if (st.trace.writes[i].site == mc)
            index = static_cast<int>(i);
        st.stateDependent = true;
        if (truth) {
          st.possible = desired >= 0 ? domain.bit(desired) : domain.all();
          if (desired == domain.halfOpen && index >= 0) {
            st.entryWrite = index;
            st.entryExclusive = true;
          }
        } else {
          // Another caller moved the state since this one read it: it may be anything else.
          st.possible = domain.all() & ~domain.bit(expected);
          if (index >= 0 && st.entryWrite == index)
            st.entryWrite = -1;
        }
      }
      guard(ProbeGuardKind::CompareExchange, mc, act, truth,
            m ? std::vector<const ValueDecl *>{m} : std::vector<const ValueDecl *>{}, nullptr,
            true, st);
      return true;
    }
    std::vector<const ValueDecl *> members;
    if (m)
      members.push_back(m);
    if (isAtomicExchange(name)) {
      st.trace.atomicOperation = true;
      guard(ProbeGuardKind::Exchange, mc, act, truth, members, nullptr, true, st);
    } else if (isTryLockCall(name)) {
      guard(ProbeGuardKind::TryLock, mc, act, truth, members, nullptr, true, st);
      if (truth)
        acquire(mutexOf(object), st);
    } else if (isTryAcquireCall(name)) {
      guard(ProbeGuardKind::SemaphoreTryAcquire, mc, act, truth, members, nullptr, true, st);
    } else if (name == "load" && m && m != domain.field && isBoolMember(m)) {
      guard(ProbeGuardKind::Flag, mc, act, truth, members, nullptr, false, st);
    }
    return true;
  }
  const auto *c = cast<CallExpr>(call);
  std::string name = unqualified(calleeName(c));
  if (c->getNumArgs() == 0)
    return true;
  std::vector<const ValueDecl *> members;
  if (const ValueDecl *m = mutexOf(c->getArg(0)))
    members.push_back(m);
  if (isCompareExchange(name))
    guard(ProbeGuardKind::CompareExchange, c, act, truth, members, nullptr, true, st);
  else if (isTryLockCall(name))
    guard(ProbeGuardKind::TryLock, c, act, truth, members, nullptr, true, st);
  else if (isTryAcquireCall(name))
    guard(ProbeGuardKind::SemaphoreTryAcquire, c, act, truth, members, nullptr, true, st);
  return true;
}

} // namespace retrylint::breaker
