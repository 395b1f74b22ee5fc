#include "frontend/policies/DelayPolicies.h"
#include "frontend/ast/NameRegex.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"
#include "frontend/ast/Vocabulary.h"
#include "frontend/loops/DelayShape.h"
#include "frontend/loops/JitterKinds.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayGrowth.h"
#include "frontend/policies/PolicyInterpreter.h"
#include "frontend/policies/PolicyNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <cmath>

using namespace clang;

namespace retrylint {

static const FieldDecl *backoffMemberHandedOut(const CallExpr *call);

namespace {

using namespace policies;

/// Delays evaluated per policy: enough to show growth and a cap.
constexpr int ScheduleLength = 8;

/// The value a member starts with: its in-class initialiser, else a constructor's.
std::optional<Quantity> initialValue(const FieldDecl *field, DelayEvaluator &eval) {
  if (const Expr *init = field->getInClassInitializer())
    if (auto v = eval.eval(init))
      return v;
  if (const auto *record = dyn_cast<CXXRecordDecl>(field->getParent()))
    for (const CXXConstructorDecl *ctor : record->ctors())
      for (const CXXCtorInitializer *init : ctor->inits())
        if (init->getMember() == field && init->isWritten())
          if (auto v = eval.eval(init->getInit()))
            return v;
  return std::nullopt;
}

double toMs(const Quantity &q, QualType type) {
  if (q.kind != Quantity::Kind::Number)
    return q.value;
  return q.value; // a plain number: taken in its own unit, which the names usually say is ms
}

/// The delays a run gives, cut at a plateau (the cap, repeated) and at the first unknown one.
std::vector<double> trimmed(std::vector<double> v) {
  if (std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); }))
    return {};
  return v;
}

/// A schedule that grows and then holds is growth under a cap, even when its steps follow
/// no single rule (1, 10, 50, 100, 500, 1000 ms): exponential when every step at least
/// multiplies by 1.5, linear otherwise.
void classifyPolicySchedule(const std::vector<double> &v, DelayShape &shape) {
  if (v.size() < 2)
    return;
  classifySchedule(v, shape);
  if (shape.growth != GrowthKind::Unknown)
    return;
  size_t increases = 0;
  bool monotone = true, multiplies = true;
  for (size_t i = 1; i < v.size(); ++i) {
    monotone &= v[i] >= v[i - 1];
    if (v[i] > v[i - 1]) {
      ++increases;
      multiplies &= v[i - 1] > 0 && v[i] / v[i - 1] >= 1.5;
    }
  }
  if (!monotone || increases < 2)
    return;
  shape.growth = multiplies ? GrowthKind::Exponential : GrowthKind::Linear;
  shape.multiplier = 0;
  shape.capped |= v.back() == v[v.size() - 2];
}

class PolicyReader {
public:
  explicit PolicyReader(ASTContext &ctx) : ctx(ctx) {}

  /// A function or lambda call operator `fd` as a policy; `name` for the messages.
  std::optional<DelayPolicy> function(const FunctionDecl *fd, const std::string &name,
                                      const FunctionDecl *enclosing = nullptr) {
    const Stmt *body = fd->getBody();
    if (!body || loopsOrSleeps(body))
      return std::nullopt;
    DelayPolicy p;
    p.kind = DelayPolicy::Kind::Function;
    p.usr = usrOf(fd);
    p.name = name;
    p.decl = makeSpan(SourceRange(fd->getLocation(), fd->getLocation()), ctx);
    if (const auto *m = dyn_cast<CXXMethodDecl>(fd))
      for (const CXXMethodDecl *base : m->overridden_methods())
        if (std::string usr = usrOf(base); !usr.empty())
          p.overrides.push_back(usr);
    const ParmVarDecl *attempt = attemptParam(fd);
    if (!attempt && returnsTimeUntilKeptPoint(body))
      return std::nullopt;
    const ParmVarDecl *state = attempt ? nullptr : stateParam(fd);
    std::vector<const FieldDecl *> stateFields = fieldsStoredBy(body);
    p.perAttempt = attempt != nullptr;
    p.stateful = !stateFields.empty() || state;

    // The delays, by running it: with attempt = 0, 1, ... (1, 2, ... when it subtracts one),
    // or called again and again on its own state.
    int base = attempt && subtractsOne(body, attempt) ? 1 : 0;
    p.firstAttempt = base;
    for (auto at : {DelayEvaluator::DrawAt::Unknown, DelayEvaluator::DrawAt::Lowest, DelayEvaluator::DrawAt::Highest}) {
      PolicyInterpreter run(ctx);
      run.eval.drawAt = at;
      markReassignedCaptures(fd, enclosing, run.eval);
      for (const FieldDecl *f : stateFields)
        run.eval.fields[f] = initialValue(f, run.eval).value_or(Quantity{Quantity::Kind::Number, std::nan("")});
      std::vector<double> values;
      std::optional<Quantity> carried; // a state parameter: the last delay, fed back
      int n = p.perAttempt || p.stateful ? ScheduleLength : 1;
      for (int k = 0; k < n; ++k) {
        std::map<const ParmVarDecl *, Quantity> args;
        if (attempt)
          args[attempt] = Quantity{Quantity::Kind::Number, double(base + k)};
        if (state) {
          if (!carried)
            break; // no starting value: the shape comes from the code alone
          args[state] = *carried;
        }
        auto v = run.call(fd, args);
        values.push_back(v ? toMs(*v, fd->getReturnType()) : std::nan(""));
        carried = v;
      }
      values = trimmed(values);
      if (at == DelayEvaluator::DrawAt::Unknown)
        p.scheduleMs = values;
      else
        (at == DelayEvaluator::DrawAt::Lowest ? p.lowestMs : p.highestMs) = values;
    }

    // The shape, from the code and from the delays.
    DelayShape &shape = p.shape;
    bool random = callsWithRole(body, CallRole::RandomSource, 1);
    if (random) {
      std::vector<const Expr *> slice = returnedExpressions(body);
      LoopAnatomy none;
      shape.jitter = classifyJitter(slice, none, ctx);
      p.scheduleMs.clear();
    } else {
      p.lowestMs.clear();
      p.highestMs.clear();
    }
    shape.capped = capsWithMin(body);
    const Stmt *grows = nullptr;
    GrowthKind structural = GrowthKind::None;
    bool linear = false, exponential = false; // the kinds of all stores, on whichever branch
    for (const FieldDecl *f : stateFields)
      for (const Store &st : storesTo(body, f))
        if (GrowthKind g = growthOf(st, f); g != GrowthKind::None) {
          linear |= g == GrowthKind::Linear;
          exponential |= g == GrowthKind::Exponential;
          if (grows)
            continue;
          grows = st.stmt;
          structural = g;
          shape.capped |= guardedByOwnBound(body, f);
        }
    if (state)
      for (const Store &st : storesTo(body, state->getCanonicalDecl()))
        if (GrowthKind g = growthOf(st, state->getCanonicalDecl()); g != GrowthKind::None) {
          linear |= g == GrowthKind::Linear;
          exponential |= g == GrowthKind::Exponential;
          if (!grows || g == GrowthKind::Exponential)
            structural = g == GrowthKind::Exponential || structural == GrowthKind::None ? g : structural;
          if (!grows)
            grows = st.stmt;
        }
    // if (policy_ == LINEAR) d += step; else d *= 2: which growth runs is decided at run time.
    shape.growthByBranch = linear && exponential;
    if (shape.growthByBranch)
      p.scheduleMs.clear();
    if (!grows && attempt)
      grows = growthWithAttempt(body, attempt->getCanonicalDecl(), structural);
    if (grows) {
      shape.growthSpan = makeSpan(grows->getSourceRange(), ctx);
      if (const auto *shl = dyn_cast<BinaryOperator>(grows); shl && shl->getOpcode() == BO_Shl)
        shape.multiplier = 2;
    }
    if (p.scheduleMs.size() >= 2)
      classifyPolicySchedule(p.scheduleMs, shape);
    if (shape.growth == GrowthKind::None || shape.growth == GrowthKind::Unknown) {
      if (grows)
        shape.growth = structural;
      else if (returnsConstant(fd, body, attempt, state, stateFields))
        shape.growth = GrowthKind::Constant;
      else
        shape.growth = GrowthKind::Unknown;
    }
    if (shape.growth == GrowthKind::Constant && !p.scheduleMs.empty())
      p.scheduleMs.resize(1);
    const Stmt *ret = lastReturn(body);
    p.site = ret ? makeSpan(ret->getSourceRange(), ctx) : p.decl;
    p.retryEvidence = saysItIsARetryDelay(fd, enclosing, attempt != nullptr, p.stateful, shape.growth);
    return p;
  }

  /// A member that a method grows and a sleep or timer waits on.
  std::optional<DelayPolicy> member(const FieldDecl *field) {
    if (!isDelayType(field->getType()))
      return std::nullopt;
    const auto *record = dyn_cast<CXXRecordDecl>(field->getParent());
    if (!record)
      return std::nullopt;
    const Stmt *grows = nullptr;
    GrowthKind kind = GrowthKind::None;
    const Stmt *growsIn = nullptr;
    bool consumed = false, coveredByFunction = false, capped = false, random = false;
    bool linear = false, exponential = false; // the kinds of all stores, in whichever method
    for (const CXXMethodDecl *m : record->methods()) {
      const FunctionDecl *def = nullptr;
      if (!m->hasBody(def) || !def || isa<CXXConstructorDecl>(m))
        continue;
      const Stmt *body = def->getBody();
      for (const Store &st : storesTo(body, field))
        if (GrowthKind g = growthOf(st, field); g != GrowthKind::None) {
          linear |= g == GrowthKind::Linear;
          exponential |= g == GrowthKind::Exponential;
          if (grows)
            continue;
          grows = st.stmt;
          growsIn = body;
          kind = g;
          capped = capsWithMin(st.value ? static_cast<const Stmt *>(st.value) : st.stmt) ||
                   guardedByOwnBound(body, field);
          random = st.value && callsWithRole(st.value, CallRole::RandomSource, 1);
        }
      consumed |= waitsOn(body, field, random);
      if (policyByName(def) && isDelayType(def->getReturnType()))
        for (const Expr *r : returnedExpressions(body))
          coveredByFunction |= reads(r, field);
    }
    static const NameRegex Named("(backoff|back_off|delay|sleep|wait|interval)", NameRegex::IgnoreCase);
    if (!grows || coveredByFunction || (!consumed && !Named.match(field->getName())))
      return std::nullopt;
    DelayPolicy p;
    p.kind = DelayPolicy::Kind::Member;
    p.usr = usrOf(field);
    p.name = field->getQualifiedNameAsString();
    p.decl = makeSpan(SourceRange(field->getLocation(), field->getLocation()), ctx);
    p.site = makeSpan(grows->getSourceRange(), ctx);
    p.stateful = true;
    // Whether a member is a retry's delay is for what waits on it to say: a retry loop or a
    // re-invocation reports it with the member's delays; a poll that widens its interval under
    // errors, or a statistic that nothing waits on, is no retry. Never reported on its own.
    p.retryEvidence = false;
    DelayShape &shape = p.shape;
    shape.growth = kind;
    shape.growthSpan = p.site;
    shape.capped = capped;
    shape.jitter = random ? JitterKind::Unknown : JitterKind::None;
    shape.growthByBranch = linear && exponential;
    (void)growsIn;
    // Its delays: the starting value, then the growth statement applied again and again.
    PolicyInterpreter run(ctx);
    if (auto start = initialValue(field, run.eval); start && !random && !shape.growthByBranch) {
      std::vector<double> values;
      run.eval.fields[field] = *start;
      for (int k = 0; k < ScheduleLength; ++k) {
        auto v = run.eval.fields.lookup(field);
        values.push_back(v.value);
        if (!run.runStatement(grows))
          break;
      }
      p.scheduleMs = trimmed(values);
      if (p.scheduleMs.size() >= 2) {
        DelayShape fromValues = shape;
        classifyPolicySchedule(p.scheduleMs, fromValues);
        if (fromValues.growth == GrowthKind::Exponential || fromValues.growth == GrowthKind::Linear) {
          shape.growth = fromValues.growth;
          shape.multiplier = fromValues.multiplier;
          shape.capped |= fromValues.capped;
        }
      }
    }
    return p;
  }

private:
  /// Variables a lambda captures that its enclosing function reassigns: their initial value
  /// is not what the lambda sees.
  void markReassignedCaptures(const FunctionDecl *fd, const FunctionDecl *enclosing, DelayEvaluator &eval) {
    if (!enclosing || !enclosing->getBody())
      return;
    forEachDescendant(enclosing->getBody(), [&](const Stmt *s) {
      const Expr *rhs = nullptr;
      if (const VarDecl *v = assignedVar(s, &rhs); v && !isa<DeclStmt>(s))
        eval.env[v] = Quantity{Quantity::Kind::Number, std::nan("")};
      return true;
    });
    (void)fd;
  }

  static std::vector<const FieldDecl *> fieldsStoredBy(const Stmt *body) {
    std::vector<const FieldDecl *> out;
    forEachDescendant(body, [&](const Stmt *s) {
      const Expr *lhs = nullptr;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
        lhs = bo->getLHS();
      if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementDecrementOp())
        lhs = uo->getSubExpr();
      if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() >= 1 &&
                                                             (op->isAssignmentOp() || op->getOperator() == OO_PlusPlus))
        lhs = op->getArg(0);
      if (const auto *call = dyn_cast<CallExpr>(s); call && call->getNumArgs() == 2 &&
                                                    unqualified(calleeName(call)) == "exchange")
        lhs = call->getArg(0);
      if (const FieldDecl *f = thisField(lhs); f && std::find(out.begin(), out.end(), f) == out.end())
        out.push_back(f);
      return true;
    });
    return out;
  }

  static bool subtractsOne(const Stmt *body, const ParmVarDecl *p) {
    bool found = false;
    forEachDescendant(body, [&](const Stmt *s) {
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Sub &&
                                                        target(bo->getLHS()) == p->getCanonicalDecl())
        if (const auto *lit = dyn_cast<IntegerLiteral>(bo->getRHS()->IgnoreParenImpCasts()))
          found |= lit->getValue() == 1;
      return !found;
    });
    return found;
  }

  /// `e` reads the clock, or a local that holds a clock reading.
  static bool readsClock(const Expr *e) {
    if (callsWithRole(e, CallRole::ClockRead, 1))
      return true;
    llvm::SmallPtrSet<const VarDecl *, 4> vars;
    collectReadVars(e, vars);
    return std::any_of(vars.begin(), vars.end(), [](const VarDecl *v) {
      return v->getInit() && callsWithRole(v->getInit(), CallRole::ClockRead, 1);
    });
  }

  /// return max(next_refill_us_ - now, 1 ms): the time until a point the object keeps (a
  /// rate limiter's next refill, a timer's deadline). It grows as the point is pushed out:
  /// pacing, not a delay that backs off.
  static bool returnsTimeUntilKeptPoint(const Stmt *body) {
    bool found = false;
    forEachDescendant(body, [&](const Stmt *s) {
      if (const auto *ret = dyn_cast<ReturnStmt>(s); ret && ret->getRetValue())
        forEachDescendant(ret->getRetValue(), [&](const Stmt *x) {
          const Expr *l = nullptr, *r = nullptr;
          if (const auto *bo = dyn_cast<BinaryOperator>(x); bo && bo->getOpcode() == BO_Sub)
            l = bo->getLHS(), r = bo->getRHS();
          else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(x);
                   op && op->getOperator() == OO_Minus && op->getNumArgs() == 2)
            l = op->getArg(0), r = op->getArg(1);
          found |= l && thisField(l) && readsClock(r);
          return !found;
        });
      return !found;
    });
    return found;
  }

  static std::vector<const Expr *> returnedExpressions(const Stmt *body) {
    std::vector<const Expr *> out;
    forEachDescendant(body, [&](const Stmt *s) {
      if (const auto *ret = dyn_cast<ReturnStmt>(s); ret && ret->getRetValue())
        out.push_back(ret->getRetValue());
      if (const auto *ds = dyn_cast<DeclStmt>(s))
        for (const Decl *d : ds->decls())
          if (const auto *v = dyn_cast<VarDecl>(d); v && v->getInit())
            out.push_back(v->getInit());
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
        out.push_back(bo->getRHS());
      return true;
    });
    return out;
  }

  static const Stmt *lastReturn(const Stmt *body) {
    const Stmt *last = nullptr;
    forEachDescendant(body, [&](const Stmt *s) {
      if (isa<ReturnStmt>(s))
        last = s;
      return true;
    });
    return last;
  }

  /// Every return gives a value that depends on no attempt, no state it updates, and no
  /// member stored outside the constructors: the same delay on every call.
  static bool returnsConstant(const FunctionDecl *fd, const Stmt *body, const ParmVarDecl *attempt,
                              const ParmVarDecl *state, const std::vector<const FieldDecl *> &stateFields) {
    if (state || !stateFields.empty())
      return false;
    bool constant = true, any = false;
    forEachDescendant(body, [&](const Stmt *s) {
      const auto *ret = dyn_cast<ReturnStmt>(s);
      if (!ret || !ret->getRetValue())
        return true;
      any = true;
      const Expr *v = ret->getRetValue();
      if (attempt && reads(v, attempt->getCanonicalDecl()))
        constant = false;
      forEachDescendant(v, [&](const Stmt *x) {
        if (const auto *call = dyn_cast<CallExpr>(x)) {
          const CallKind &kind = Vocabulary::current().of(call);
          if (!kind.is(CallRole::Query) && !kind.is(CallRole::InProcess) && !isa<CXXOperatorCallExpr>(call) &&
              !call->getDirectCallee()) // an unresolved call: unknown
            constant = false;
          if (const FunctionDecl *callee = call->getDirectCallee(); callee && !callee->isConstexpr() &&
                                                                     !kind.is(CallRole::Query) &&
                                                                     !callee->isInStdNamespace())
            constant = false;
        }
        if (const FieldDecl *f = thisField(dyn_cast<Expr>(x)); f && storedOutsideConstructors(f))
          constant = false;
        if (const auto *ref = dyn_cast<DeclRefExpr>(x))
          if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()); var && var->isLocalVarDecl() && !var->getType().isConstQualified()) {
            // A local computed here: constant when its initialiser is.
            bool stored = !storesTo(body, var->getCanonicalDecl()).empty();
            if (stored)
              constant = false;
          }
        return constant;
      });
      return constant;
    });
    (void)fd;
    return any && constant;
  }

  /// `e` reads `field`, or calls a method that hands it out (TakePause()).
  static bool readsOrHandsOut(const Expr *e, const FieldDecl *field) {
    if (reads(e, field))
      return true;
    bool found = false;
    forEachDescendant(e, [&](const Stmt *s) {
      if (const auto *call = dyn_cast<CallExpr>(s))
        found |= backoffMemberHandedOut(call) == field;
      return !found;
    });
    return found;
  }

  /// A sleep or timer in `body` waits a delay that reads `field` (directly or through a local).
  bool waitsOn(const Stmt *body, const FieldDecl *field, bool &random) {
    bool found = false;
    Vocabulary &vocab = Vocabulary::current();
    forEachDescendant(body, [&](const Stmt *s) {
      const auto *call = dyn_cast<CallExpr>(s);
      if (!call || found)
        return !found;
      const CallKind &kind = vocab.of(call);
      std::optional<unsigned> arg;
      if ((kind.is(CallRole::Sleep) || kind.is(CallRole::TimedWait)) && kind.delay.delayArg < call->getNumArgs())
        arg = kind.delay.delayArg;
      if ((kind.is(CallRole::TimerArm) || kind.is(CallRole::ScheduleAfter)))
        for (unsigned i = 0; i < call->getNumArgs(); ++i)
          if (kind.scheduleDelay.delayArg == i || (kind.scheduleDelay.delayArg == ~0u && isDelayType(call->getArg(i)->getType())))
            arg = i;
      if (!arg)
        return true;
      const Expr *delay = call->getArg(*arg);
      if (readsOrHandsOut(delay, field))
        found = true;
      llvm::SmallPtrSet<const VarDecl *, 4> locals;
      collectReadVars(delay, locals);
      for (const VarDecl *v : locals)
        if (v->getInit() && readsOrHandsOut(v->getInit(), field))
          found = true;
      if (found)
        random |= callsWithRole(delay, CallRole::RandomSource, 1);
      return !found;
    });
    return found;
  }

  ASTContext &ctx;
};

class PolicyFinder : public RecursiveASTVisitor<PolicyFinder> {
  using Base = RecursiveASTVisitor<PolicyFinder>;

public:
  PolicyFinder(ASTContext &ctx, std::vector<DelayPolicy> &out) : ctx(ctx), out(out), reader(ctx) {}

  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) && ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }

  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (!fd->doesThisDeclarationHaveABody())
      return true;
    if (isa<CXXMethodDecl>(fd) && cast<CXXMethodDecl>(fd)->getParent()->isLambda())
      return true; // lambdas are read where they are returned as policies
    if (!policyByName(fd))
      return true;
    if (isDelayType(fd->getReturnType())) {
      if (!isConfigAccessor(fd))
        if (auto p = reader.function(fd, fd->getQualifiedNameAsString()))
          out.push_back(std::move(*p));
      return true;
    }
    // A function that returns a policy: return [=](int attempt) { ... };
    forEachDescendant(fd->getBody(), [&](const Stmt *s) {
      if (const auto *ret = dyn_cast<ReturnStmt>(s); ret && ret->getRetValue()) {
        const LambdaExpr *lambda = nullptr;
        std::function<void(const Stmt *)> find = [&](const Stmt *x) {
          if (!x || lambda)
            return;
          if (const auto *l = dyn_cast<LambdaExpr>(x)) {
            lambda = l;
            return;
          }
          for (const Stmt *c : x->children())
            find(c);
        };
        find(ret->getRetValue());
        if (lambda && isDelayType(lambda->getCallOperator()->getReturnType()))
          if (auto p = reader.function(lambda->getCallOperator(), fd->getQualifiedNameAsString() + " (lambda)", fd))
            out.push_back(std::move(*p));
      }
      return true;
    });
    return true;
  }

  bool VisitFieldDecl(FieldDecl *field) {
    if (auto p = reader.member(field))
      out.push_back(std::move(*p));
    return true;
  }

private:
  ASTContext &ctx;
  std::vector<DelayPolicy> &out;
  PolicyReader reader;
};

} // namespace

void extractDelayPolicies(ASTContext &ctx, std::vector<DelayPolicy> &out) {
  PolicyFinder(ctx, out).TraverseDecl(ctx.getTranslationUnitDecl());
}

bool isBackoffMember(const FieldDecl *field) {
  const auto *record = dyn_cast_or_null<CXXRecordDecl>(field ? field->getParent() : nullptr);
  if (!record)
    return false;
  for (const CXXMethodDecl *m : record->methods()) {
    const FunctionDecl *def = nullptr;
    if (!m->hasBody(def) || !def || isa<CXXConstructorDecl>(m))
      continue;
    for (const Store &st : storesTo(def->getBody(), field))
      if (growthOf(st, field) != GrowthKind::None)
        return true;
  }
  return false;
}

std::string delayPolicyUsrInBody(const Stmt *body) {
  std::string found;
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *e = dyn_cast<Expr>(s); e && found.empty())
      found = delayPolicyUsrIn({e});
    return found.empty() && !isa<Expr>(s);
  });
  return found;
}

bool isDelayPolicyCall(const CallExpr *call) {
  const FunctionDecl *callee = call->getDirectCallee();
  return callee && !callee->isInStdNamespace() && isDelayType(callee->getReturnType()) &&
         policyByName(callee) && !isGetter(calleeWithBody(call) ? calleeWithBody(call) : callee);
}

/// A call of an accessor (a C API's get_retry_interval(opt)): no policy fact is made of it
/// (isConfigAccessor), so the loop reads the configured delay itself.
static bool callsConfigAccessor(const CallExpr *call) {
  const FunctionDecl *fd = calleeWithBody(call);
  return fd && isConfigAccessor(fd);
}

/// A method of the object that hands out a backoff member (TakePause() { return
/// std::exchange(pause_, pause_ * 2); }, or { auto d = delay_; delay_ *= 2; return d; }):
/// the member, which the method's name does not say is a policy.
static const FieldDecl *backoffMemberHandedOut(const CallExpr *call) {
  const auto *method = dyn_cast_or_null<CXXMethodDecl>(calleeWithBody(call));
  if (!method || method->isStatic() || !isDelayType(method->getReturnType()) || loopsOrSleeps(method->getBody()))
    return nullptr;
  const FieldDecl *found = nullptr;
  forEachDescendant(method->getBody(), [&](const Stmt *s) {
    const auto *ret = dyn_cast<ReturnStmt>(s);
    const Expr *v = ret && ret->getRetValue() ? bare(ret->getRetValue()) : nullptr;
    if (const auto *ex = dyn_cast_or_null<CallExpr>(v); ex && ex->getNumArgs() == 2 &&
                                                       unqualified(calleeName(ex)) == "exchange")
      v = ex->getArg(0);
    if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(v ? v->IgnoreParenImpCasts() : nullptr))
      if (const auto *local = dyn_cast<VarDecl>(ref->getDecl()); local && local->isLocalVarDecl() && local->getInit())
        v = bare(local->getInit());
    if (const FieldDecl *f = v ? thisField(v->IgnoreParenImpCasts()) : nullptr; f && isBackoffMember(f))
      found = f;
    return !found;
  });
  return found;
}

std::string delayPolicyUsrIn(const std::vector<const Expr *> &slice) {
  std::string found;
  for (const Expr *e : slice)
    forEachDescendant(e, [&](const Stmt *s) {
      if (!found.empty())
        return false;
      if (const auto *call = dyn_cast<CallExpr>(s); call && isDelayPolicyCall(call) && !callsConfigAccessor(call))
        found = usrOf(call->getDirectCallee());
      else if (const FieldDecl *f = call ? backoffMemberHandedOut(call) : nullptr)
        found = usrOf(f);
      if (const FieldDecl *f = thisField(dyn_cast<Expr>(s)); f && isBackoffMember(f))
        found = usrOf(f);
      return found.empty();
    });
  return found;
}

} // namespace retrylint
