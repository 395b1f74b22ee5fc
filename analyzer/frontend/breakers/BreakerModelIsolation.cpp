// Isolation breakers: no half-open state, only a tripped flag (`std::atomic<bool> broken_`)
// and an isolation time, often doubled on each trip. The flag is cleared by a Reset() that a
// health checker calls, or by the first caller after the timeout; either way every caller is
// back at once, unless the class admits a trial call first. The growth of the isolation time
// is a delay policy of its own (docs/checks/breaker-half-open-flood.md, retry-backoff-no-jitter).
#include "frontend/ast/Vocabulary.h"
#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/ast/NameRegex.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/breakers/BreakerModelWalker.h"

#include "clang/AST/ExprCXX.h"

#include <cmath>

using namespace clang;

namespace retrylint::breaker {
namespace {

/// broken_, m_isolated, tripped -> broken, isolated, tripped.
std::string bareName(std::string n) {
  if (llvm::StringRef(n).starts_with("m_"))
    n = n.substr(2);
  while (!n.empty() && n.front() == '_')
    n.erase(0, 1);
  while (!n.empty() && n.back() == '_')
    n.pop_back();
  return llvm::StringRef(n).lower();
}

/// A flag whose name says the target is cut off. `strong` names say it without a breaker
/// class name around them (a connection's `broken_` alone does not). Their words must begin
/// a word of the name (tripped_, m_isolated, hostEjected): reject_jobs_, strip_ and refused_
/// only contain the letters.
bool namesIsolationFlag(const std::string &field, bool &strong) {
  static const NameRegex StrongWord("(^|_)(?i:isolat|trip|eject|fuse)|[a-z0-9](Isolat|Trip|Eject|Fuse)",
                                    NameRegex::MatchCase);
  std::string n = bareName(field);
  if (n.find("half") != std::string::npos)
    return false;
  strong = false;
  if (StrongWord.match(field))
    return strong = true;
  return n.find("broken") != std::string::npos || n == "open" || n == "is_open" || n == "isopen" ||
         n == "opened";
}

/// A member that can hold an isolation time: its name says so.
bool namesIsolationTime(const std::string &field) {
  std::string n = bareName(field);
  for (const char *w : {"isolat", "eject", "cooldown", "duration", "backoff", "timeout", "sleep",
                        "wait", "interval", "delay", "penalty"})
    if (n.find(w) != std::string::npos)
      return true;
  return false;
}

bool isBoolType(QualType t) {
  QualType inner;
  if (isAtomicType(t, &inner))
    t = inner;
  return t->isBooleanType();
}

/// The bool literal `e` is, if it is one.
std::optional<bool> boolLiteral(const Expr *e) {
  if (const auto *lit = dyn_cast_or_null<CXXBoolLiteralExpr>(strip(e)))
    return lit->getValue();
  return std::nullopt;
}

/// The member `s` writes and the expression written: `m = v`, `m.store(v)`,
/// `m.exchange(v)`, `m.compare_exchange_*(e, v)`, `m *= k` (value null, `compound` set).
const ValueDecl *writeOf(const Stmt *s, const Expr *&value, const Stmt *&compound) {
  value = nullptr;
  compound = nullptr;
  if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp()) {
    if (bo->getOpcode() == BO_Assign)
      value = bo->getRHS();
    else
      compound = bo;
    return Walker::memberOf(bo->getLHS());
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->isAssignmentOp() && op->getNumArgs() == 2) {
    if (op->getOperator() == OO_Equal)
      value = op->getArg(1);
    else
      compound = op;
    return Walker::memberOf(op->getArg(0));
  }
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(s)) {
    std::string m = memberName(mc);
    if ((m == "store" || m == "exchange") && mc->getNumArgs() > 0)
      value = mc->getArg(0);
    else if (llvm::StringRef(m).starts_with("compare_exchange") && mc->getNumArgs() > 1)
      value = mc->getArg(1);
    else
      return nullptr;
    return Walker::memberOf(mc->getImplicitObjectArgument());
  }
  return nullptr;
}

/// True when `root` mentions member `m`.
bool mentions(const Stmt *root, const ValueDecl *m) {
  bool found = false;
  forEachDescendant(root, [&](const Stmt *s) {
    if (const auto *me = dyn_cast<MemberExpr>(s); me && me->getMemberDecl() == m)
      found = true;
    return !found;
  });
  return found;
}

/// A call that admits some callers and refuses the others: an exchange, a compare-exchange,
/// a try_lock or try_acquire, a fetch_sub, on a member other than `flag`.
bool admitsOne(const Stmt *root, const ValueDecl *flag) {
  bool found = false;
  forEachDescendant(root, [&](const Stmt *s) {
    const auto *mc = dyn_cast<CXXMemberCallExpr>(s);
    if (!mc)
      return true;
    std::string m = memberName(mc);
    bool gate = isAtomicExchange(m) || llvm::StringRef(m).starts_with("compare_exchange") ||
                isTryLockCall(m) || isTryAcquireCall(m) || llvm::StringRef(m).starts_with("fetch_sub");
    const ValueDecl *on = Walker::memberOf(mc->getImplicitObjectArgument());
    found |= gate && on && on != flag;
    return !found;
  });
  return found;
}

/// The constant value of `e`, when it has one (also through `atomic<int> x{k}`).
std::optional<double> constantOf(const Expr *e, const ASTContext &ctx) {
  e = strip(e);
  if (const auto *construct = dyn_cast_or_null<CXXConstructExpr>(e); construct && construct->getNumArgs() == 1)
    e = strip(construct->getArg(0));
  if (const auto *list = dyn_cast_or_null<InitListExpr>(e); list && list->getNumInits() == 1)
    e = strip(list->getInit(0));
  if (const auto *paren = dyn_cast_or_null<ParenListExpr>(e); paren && paren->getNumExprs() == 1)
    e = strip(paren->getExpr(0));
  if (!e || e->isValueDependent())
    return std::nullopt;
  if (std::optional<int64_t> n = integerConstantValue(e, ctx))
    return static_cast<double>(*n);
  llvm::APFloat f(0.0);
  if (e->EvaluateAsFloat(f, ctx))
    return f.convertToDouble();
  return std::nullopt;
}

/// The unit an isolation time's name or type says it holds.
std::string unitOf(const FieldDecl *f) {
  std::string n = bareName(f->getNameAsString());
  llvm::StringRef s(n);
  if (s.ends_with("ms") || s.contains("millis") || s.contains("msec"))
    return "ms";
  if (s.ends_with("us") || s.contains("micros") || s.contains("usec"))
    return "us";
  if (s.ends_with("_s") || s.ends_with("sec") || s.ends_with("secs") || s.ends_with("seconds"))
    return "s";
  std::string type = f->getType().getAsString();
  if (type.find("milliseconds") != std::string::npos)
    return "ms";
  if (type.find("seconds") != std::string::npos && type.find("micro") == std::string::npos &&
      type.find("nano") == std::string::npos)
    return "s";
  return {};
}

/// How `e` grows what `reads` names: `x * 2` -> 2, `x << 1` -> 2, `x + x` -> 2; 0 if it does
/// not grow it by a constant factor.
double growthFactor(const Expr *e, const std::function<bool(const Expr *)> &reads, const ASTContext &ctx) {
  double factor = 0;
  forEachDescendant(e, [&](const Stmt *s) {
    const auto *x = dyn_cast<Expr>(s);
    if (!x || factor > 0)
      return factor == 0;
    const Expr *l = nullptr, *r = nullptr;
    unsigned opcode = 0;
    if (const auto *bo = dyn_cast<BinaryOperator>(x))
      l = bo->getLHS(), r = bo->getRHS(), opcode = bo->getOpcode();
    else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(x); op && op->getNumArgs() == 2) {
      l = op->getArg(0), r = op->getArg(1);
      switch (op->getOperator()) {
      case OO_Star: opcode = BO_Mul; break;
      case OO_StarEqual: opcode = BO_MulAssign; break;
      case OO_Plus: opcode = BO_Add; break;
      default: break;
      }
    }
    if (!l || !r)
      return true;
    if (opcode == BO_Mul || opcode == BO_MulAssign) {
      if (reads(l))
        if (std::optional<double> k = constantOf(r, ctx); k && *k > 1)
          factor = *k;
      if (reads(r))
        if (std::optional<double> k = constantOf(l, ctx); k && *k > 1)
          factor = *k;
    } else if ((opcode == BO_Shl || opcode == BO_ShlAssign) && reads(l)) {
      if (std::optional<double> k = constantOf(r, ctx); k && *k >= 1)
        factor = std::pow(2.0, *k);
    } else if (opcode == BO_Add && reads(l) && reads(r)) {
      factor = 2;
    }
    return factor == 0;
  });
  return factor;
}

/// The other argument of the std::min / clamp that caps `e`, or null.
const Expr *capOf(const Expr *e, const std::function<bool(const Expr *)> &reads) {
  const Expr *cap = nullptr;
  forEachDescendant(e, [&](const Stmt *s) {
    if (cap)
      return false;
    std::string name;
    std::vector<const Expr *> args;
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      name = unqualified(calleeName(call));
      args.assign(call->arg_begin(), call->arg_end());
    } else if (const auto *recovery = dyn_cast<RecoveryExpr>(s)) {
      // std::min(...) that a TU with errors could not resolve: callee, then the arguments
      auto parts = recovery->subExpressions();
      if (!parts.empty())
        if (const auto *callee = dyn_cast_or_null<OverloadExpr>(parts[0])) {
          name = callee->getName().getAsString();
          args.assign(parts.begin() + 1, parts.end());
        }
    }
    if ((name == "min" || name == "fmin") && args.size() >= 2)
      cap = reads(args[0]) ? args[1] : args[0];
    else if (name == "clamp" && args.size() >= 3)
      cap = args[2];
    return !cap;
  });
  return cap;
}

/// Where and how the isolation time `d` grows, if some method grows it by a constant factor:
/// `d *= 2`, `d = min(d * 2, max)`, or a local that starts from `d` and is grown before it
/// is stored back (`next = d.load(); next = min(next * 2, max); d.store(next)`).
std::optional<IsolationGrowth> growthOf(const FieldDecl *d, const std::vector<const FunctionDecl *> &methods,
                                        const CXXRecordDecl *record, ASTContext &ctx) {
  for (const FunctionDecl *m : methods) {
    std::vector<const Expr *> candidates;
    std::set<const VarDecl *> locals;
    forEachDescendant(m->getBody(), [&](const Stmt *s) {
      const Expr *value;
      const Stmt *compound;
      if (writeOf(s, value, compound) != d)
        return true;
      if (compound) {
        candidates.push_back(cast<Expr>(compound));
      } else if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(strip(value))) {
        if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->isLocalVarDecl())
          locals.insert(var);
      } else if (value) {
        candidates.push_back(value);
      }
      return true;
    });
    // The values a local that is stored back into `d` takes.
    for (const VarDecl *v : locals)
      if (v->getInit())
        candidates.push_back(v->getInit());
    forEachDescendant(m->getBody(), [&](const Stmt *s) {
      const Expr *rhs = nullptr;
      if (const VarDecl *v = assignedVar(s, &rhs); v && locals.count(v) && rhs)
        candidates.push_back(rhs);
      else if (v && locals.count(v) && !rhs)
        candidates.push_back(cast<Expr>(s));
      return true;
    });
    auto reads = [&](const Expr *e) {
      bool found = mentions(e, d);
      forEachDescendant(e, [&](const Stmt *s) {
        if (const auto *ref = dyn_cast<DeclRefExpr>(s))
          if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && locals.count(var))
            found = true;
        return !found;
      });
      return found;
    };
    for (const Expr *c : candidates) {
      double factor = growthFactor(c, reads, ctx);
      if (factor <= 1)
        continue;
      IsolationGrowth g;
      g.span = makeSpan(c->getSourceRange(), ctx);
      g.variable = d->getNameAsString();
      g.multiplier = factor;
      if (const Expr *cap = capOf(c, reads)) {
        g.cap = sourceText(cap->getSourceRange(), ctx);
        g.capValue = constantOf(cap, ctx).value_or(-1);
      }
      std::optional<double> initial;
      if (const Expr *init = d->getInClassInitializer())
        initial = constantOf(init, ctx);
      for (const CXXConstructorDecl *ctor : record->ctors())
        for (const CXXCtorInitializer *init : ctor->inits())
          if (init->getMember() == d && init->isWritten())
            initial = constantOf(init->getInit(), ctx);
      g.initialValue = initial.value_or(-1);
      g.unit = unitOf(d);
      g.jittered = callsWithRole(m->getBody(), CallRole::RandomSource);
      return g;
    }
  }
  return std::nullopt;
}

/// The duration a clock read is compared with in `fn` (`now - opened_at_ > kResetTimeout`):
/// its text and, when constant, its value in ms (-1 otherwise).
std::pair<std::string, double> timeoutIn(const FunctionDecl *fn, ASTContext &ctx) {
  std::pair<std::string, double> out{"", -1};
  forEachDescendant(fn->getBody(), [&](const Stmt *s) {
    const Expr *l = nullptr, *r = nullptr;
    if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isRelationalOp())
      l = bo->getLHS(), r = bo->getRHS();
    else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() == 2 &&
             (op->getOperator() == OO_Less || op->getOperator() == OO_Greater ||
              op->getOperator() == OO_LessEqual || op->getOperator() == OO_GreaterEqual))
      l = op->getArg(0), r = op->getArg(1);
    if (!l || !r || !out.first.empty())
      return out.first.empty();
    bool lc = callsWithRole(l, CallRole::ClockRead, 1), rc = callsWithRole(r, CallRole::ClockRead, 1);
    if (lc == rc)
      return true;
    const Expr *d = lc ? r : l;
    out.first = sourceText(d->getSourceRange(), ctx);
    DelayEvaluator eval(ctx);
    if (std::optional<Quantity> q = eval.eval(d); q && q->kind == Quantity::Kind::Duration)
      out.second = q->value;
    return false;
  });
  return out;
}

} // namespace

std::optional<Breaker> describeIsolationBreaker(ASTContext &ctx, const CXXRecordDecl *record) {
  bool breakerName = namesBreaker(record->getNameAsString());
  std::vector<const FieldDecl *> fields = fieldsWithBases(record);
  std::vector<const FunctionDecl *> methods;
  for (const FieldDecl *flag : fields) {
    bool strong = false;
    if (!isBoolType(flag->getType()) || !namesIsolationFlag(flag->getNameAsString(), strong) ||
        !(strong || breakerName))
      continue;
    if (methods.empty())
      methods = methodsOf(record); // only for classes with a flag worth a look
    // The flag is set on a trip and cleared to readmit.
    struct FlagWrite {
      const Stmt *site;
      const FunctionDecl *fn;
      bool value;
    };
    std::vector<FlagWrite> writes;
    bool sets = false, clears = false, probe = false, clock = false;
    for (const FunctionDecl *m : methods) {
      forEachDescendant(m->getBody(), [&](const Stmt *s) {
        const Expr *value;
        const Stmt *compound;
        if (writeOf(s, value, compound) != flag)
          return true;
        if (std::optional<bool> v = boolLiteral(value)) {
          writes.push_back({s, m, *v});
          (*v ? sets : clears) = true;
        }
        return true;
      });
      if (mentions(m->getBody(), flag)) {
        probe |= admitsOne(m->getBody(), flag);
        clock |= callsWithRole(m->getBody(), CallRole::ClockRead, 1);
      }
    }
    if (!sets || !clears)
      continue;
    // ... and it isolates for a time: one that grows on each trip, or one the clock is read
    // against where the flag is tested.
    std::optional<IsolationGrowth> growth;
    for (const FieldDecl *d : fields)
      if (d != flag && namesIsolationTime(d->getNameAsString()) && !isBoolType(d->getType()))
        if ((growth = growthOf(d, methods, record, ctx)))
          break;
    if (!growth && !clock)
      continue;

    Breaker b;
    b.usr = usrOf(record);
    b.name = record->getQualifiedNameAsString();
    b.decl = makeSpan(SourceRange(record->getLocation()), ctx);
    b.kind = BreakerKind::Isolation;
    b.stateField = flag->getNameAsString();
    b.stateType = flag->getType().getAsString(ctx.getPrintingPolicy());
    b.openState = "true";
    b.closedState = "false";
    b.stateAtomic = isAtomicType(flag->getType());
    b.isolationGrowth = growth;
    for (const FlagWrite &w : writes) {
      BreakerStateWrite sw;
      sw.span = makeSpan(w.site->getSourceRange(), ctx);
      sw.functionName = w.fn->getQualifiedNameAsString();
      sw.toState = w.value ? "true" : "false";
      const auto *mc = dyn_cast<CXXMemberCallExpr>(w.site);
      sw.kind = !mc ? (b.stateAtomic ? StateWriteKind::AtomicStore : StateWriteKind::Plain)
                    : llvm::StringRef(memberName(mc)).starts_with("compare_exchange")
                          ? StateWriteKind::CompareExchange
                          : memberName(mc) == "exchange" ? StateWriteKind::Exchange
                                                         : StateWriteKind::AtomicStore;
      if (!w.value)
        std::tie(sw.cooldown, sw.cooldownMs) = timeoutIn(w.fn, ctx);
      b.stateWrites.push_back(sw);
      if (w.value)
        continue;
      HalfOpenCall c;
      c.admission = AdmissionKind::IsolationEnd;
      c.call = sw.span;
      c.functionName = sw.functionName;
      c.entryWrite = static_cast<int>(b.stateWrites.size()) - 1;
      // A trial call admitted while the flag is still set bounds the callers: the flag is
      // then cleared by its outcome, not by the clock.
      c.bounded = probe;
      b.halfOpenCalls.push_back(std::move(c));
    }
    return b;
  }
  return std::nullopt;
}

} // namespace retrylint::breaker
