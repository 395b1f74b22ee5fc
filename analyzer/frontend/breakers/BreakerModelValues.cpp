// What an expression holds on a path (following locals, parameters and inlined helpers'
// results), and what taking a branch tells the caller: which states remain possible, and
// which guard admitted it.
#include "frontend/breakers/BreakerModelWalker.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

constexpr unsigned MaxResolveSteps = 16;

/// calleeName, and the name as written for calls a template leaves dependent (ClockT::now()).
std::string callName(const CallExpr *call) {
  std::string name = calleeName(call);
  if (!name.empty())
    return name;
  if (const auto *dep = dyn_cast<DependentScopeDeclRefExpr>(call->getCallee()->IgnoreParenImpCasts()))
    return dep->getDeclName().getAsString();
  return {};
}

} // namespace

std::string recordName(QualType t) {
  if (const CXXRecordDecl *r = t.getNonReferenceType()->getAsCXXRecordDecl())
    return r->getNameAsString();
  return {};
}

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
  if (!r || !(r->getName() == "atomic_flag" || r->getName().starts_with("__atomic")))
    return false;
  // No value type to report (std::atomic_flag): the type itself, never a null one.
  if (inner)
    *inner = t;
  return true;
}

int StateDomain::indexOf(const Expr *e, const ASTContext &ctx) const {
  e = strip(e);
  if (!e)
    return -1;
  if (e->isValueDependent() || e->isTypeDependent()) {
    // In a template, State::kOpen may stay unresolved: match the name.
    std::string name;
    if (const auto *ref = dyn_cast<DeclRefExpr>(e))
      name = ref->getDecl()->getNameAsString();
    else if (const auto *dep = dyn_cast<DependentScopeDeclRefExpr>(e))
      name = dep->getDeclName().getAsString();
    for (size_t i = 0; i < values.size() && !name.empty(); ++i)
      if (values[i].name == name)
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
        if (namesClockRead(callName(call)))
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

} // namespace retrylint::breaker
