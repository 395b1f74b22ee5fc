// What taking a branch tells a caller on a path of a breaker method: which states remain
// possible, which guard admitted it (compare-exchange, exchange, try_lock, a permit counter,
// a probe flag or time), and which cooldown it waited out.
#include "frontend/breakers/BreakerModelWalker.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

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

} // namespace

void Walker::guard(ProbeGuardKind kind, const Expr *test, const Activation *act, bool side,
                   std::vector<const ValueDecl *> members, const Expr *limit, bool atomicRmw,
                   PathState &st) {
  // A sub-field of a member object that no method writes is configuration (config_.verbose).
  auto own = [&](const ValueDecl *m) {
    const auto *f = dyn_cast<FieldDecl>(m);
    const CXXRecordDecl *parent = f ? dyn_cast<CXXRecordDecl>(f->getParent()) : nullptr;
    return !parent || parent == breaker.record || breaker.record->isDerivedFrom(parent) ||
           breaker.written.count(m);
  };
  size_t tested = members.size();
  members.erase(std::remove_if(members.begin(), members.end(), [&](const ValueDecl *m) { return !own(m); }),
                members.end());
  if (tested > 0 && members.empty() && !atomicRmw)
    return;
  GuardPass g;
  g.kind = kind;
  g.test = test;
  g.side = side;
  g.members = std::move(members);
  g.limit = limit;
  g.atomicReadModifyWrite = atomicRmw;
  g.halfOpenPossible = halfOpenKnown(st);
  g.locks = st.held;
  g.id.push_back(test);
  for (const Activation *a = act; a && a->site; a = a->caller)
    g.id.push_back(a->site);
  st.guards.push_back(std::move(g));
}

std::optional<double> Walker::durationMs(Binding duration, const PathState &st, std::string *text,
                                        const Expr **selected) const {
  Binding r = resolve(duration, st);
  const Expr *e = strip(r.expr);
  auto isTimePoint = [](const Expr *x) {
    return x && recordName(x->getType()).find("time_point") != std::string::npos;
  };
  if (const auto *mc = dyn_cast_or_null<CXXMemberCallExpr>(e); mc && memberName(mc) == "count")
    e = strip(mc->getImplicitObjectArgument()); // kCooldown.count()
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
    return std::nullopt;
  if (selected)
    *selected = e;
  if (text)
    *text = sourceText(e->getSourceRange(), ctx);
  DelayEvaluator eval(ctx);
  std::optional<Quantity> q;
  if (const auto *field = dyn_cast_or_null<FieldDecl>(memberOf(e))) {
    // A default in another class (config_.cooldown) is not the value the breaker was given.
    const auto *parent = dyn_cast<CXXRecordDecl>(field->getParent());
    if (parent && parent != breaker.record && !breaker.record->isDerivedFrom(parent))
      return -1.0;
    if (const Expr *init = field->getInClassInitializer())
      q = eval.eval(init);
    // Initialised in the constructors: a value only if every one agrees.
    for (const CXXConstructorDecl *ctor : breaker.record->ctors())
      for (const CXXCtorInitializer *init : ctor->inits())
        if (init->getMember() == field && init->isWritten()) {
          std::optional<Quantity> v = eval.eval(init->getInit());
          if (!v || (q && q->value != v->value))
            return -1.0;
          q = v;
        }
  } else {
    q = eval.eval(e);
  }
  return q && q->kind == Quantity::Kind::Duration ? q->value : -1.0;
}

void Walker::noteCooldown(Binding duration, Binding clockSide, PathState &st) {
  auto isDuration = [](const Expr *x) {
    return x && (DelayEvaluator::durationPeriodMs(x->getType()) ||
                 recordName(x->getType()) == "Duration");
  };
  // now - opened_at_ < cooldown_: the clock side is an elapsed time
  const Expr *c = strip(resolve(clockSide, st).expr);
  bool elapsed = false;
  if (const auto *bo = dyn_cast_or_null<BinaryOperator>(c))
    elapsed = bo->getOpcode() == BO_Sub;
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(c))
    elapsed = op->getOperator() == OO_Minus;
  const Expr *e = strip(resolve(duration, st).expr);
  bool sum = false;
  if (const auto *bo = dyn_cast_or_null<BinaryOperator>(e))
    sum = bo->getOpcode() == BO_Add;
  if (const auto *op = dyn_cast_or_null<CXXOperatorCallExpr>(e))
    sum = op->getOperator() == OO_Plus;
  std::string text;
  const Expr *selected = nullptr;
  std::optional<double> ms = durationMs(duration, st, &text, &selected);
  if (!ms || !(elapsed || sum || isDuration(selected)))
    return;
  st.cooldown = text;
  st.cooldownMs = *ms;
}

bool Walker::halfOpenKnown(const PathState &st) const {
  return st.stateDependent && (st.possible & domain.bit(domain.halfOpen));
}

bool Walker::assume(Binding cond, bool truth, PathState &st) {
  auto seen = st.decided.find({cond.act, strip(cond.expr)});
  if (seen != st.decided.end())
    return seen->second == truth;
  Binding r = resolve(cond, st);
  const Expr *e = strip(r.expr);
  if (!e)
    return true;
  seen = st.decided.find({r.act, e});
  if (seen != st.decided.end())
    return seen->second == truth;
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
  if (const auto *rewritten = dyn_cast<CXXRewrittenBinaryOperator>(e)) {
    // C++20: a >= b through operator<=> (std::chrono comparisons)
    CXXRewrittenBinaryOperator::DecomposedForm form = rewritten->getDecomposedForm();
    if (BinaryOperator::isComparisonOp(form.Opcode))
      return assumeComparison(rewritten, form.Opcode, {form.LHS, r.act}, {form.RHS, r.act}, truth, r.act, st);
    return true;
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
  if (opcode == BO_EQ || opcode == BO_NE) {
    // old = state_.exchange(kHalfOpen); old != kHalfOpen: this caller made the move alone
    for (auto [side, other] : {std::pair{lhs, rhs}, std::pair{rhs, lhs}}) {
      const auto *mc = dyn_cast_or_null<CXXMemberCallExpr>(strip(resolve(side, st).expr));
      if (!mc || memberName(mc) != "exchange" || memberOf(mc->getImplicitObjectArgument()) != domain.field)
        continue;
      int v = stateValue(other, st);
      int index = -1;
      for (size_t i = 0; i < st.trace.writes.size(); ++i)
        if (st.trace.writes[i].site == mc)
          index = static_cast<int>(i);
      if (v < 0 || index < 0)
        return true;
      bool sawValue = (opcode == BO_EQ) == truth; // old == v on this side
      bool alone = sawValue ? v != st.trace.writes[index].to : v == st.trace.writes[index].to;
      if (st.entryWrite == index)
        st.entryExclusive = alone;
      return true;
    }
  }
  if (opcode == BO_EQ || opcode == BO_NE) { // a snapshot that holds a known state: kHalfOpen == kHalfOpen
    int a = stateValue(lhs, st), b = stateValue(rhs, st);
    if (a >= 0 && b >= 0)
      return ((a == b) == (opcode == BO_EQ)) == truth;
    // A code returned by a helper: verdict != Verdict::kAccepted
    std::string x = valueKey(lhs, st), y = valueKey(rhs, st);
    if (!x.empty() && !y.empty() && x[0] == 'i' && y[0] == 'i')
      return ((x == y) == (opcode == BO_EQ)) == truth;
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
  bool window = false;
  double limitMs = -1;
  if (l.clock || r.clock) {
    Binding duration = l.clock ? rhs : lhs;
    noteCooldown(duration, l.clock ? lhs : rhs, st);
    if (!halfOpenKnown(st))
      return true; // a cooldown before half-open, not a guard of the probe
    kind = ProbeGuardKind::TimeGate;
    limit = duration.expr;
    limitMs = durationMs(duration, st, nullptr).value_or(-1);
    // elapsed < window (or window > elapsed) taken true: still inside the window
    bool below = opcode == BO_LT || opcode == BO_LE;
    bool above = opcode == BO_GT || opcode == BO_GE;
    window = (l.clock ? below : above) == truth && (below || above);
  } else if (isBoolMember(members.front())) {
    kind = ProbeGuardKind::Flag;
  } else if (namesGeneration(members.front()->getNameAsString())) {
    kind = ProbeGuardKind::Generation;
  }
  size_t before = st.guards.size();
  guard(kind, test, act, truth, members, limit, rmw, st);
  if (st.guards.size() > before) {
    st.guards.back().window = window;
    st.guards.back().limitMs = limitMs;
  }
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
  if (Vocabulary::current().is(c, CallRole::CompareExchange))
    guard(ProbeGuardKind::CompareExchange, c, act, truth, members, nullptr, true, st);
  else if (isTryLockCall(name))
    guard(ProbeGuardKind::TryLock, c, act, truth, members, nullptr, true, st);
  else if (isTryAcquireCall(name))
    guard(ProbeGuardKind::SemaphoreTryAcquire, c, act, truth, members, nullptr, true, st);
  return true;
}

} // namespace retrylint::breaker
