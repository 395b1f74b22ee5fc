// What an expression holds on a path (following locals, parameters and inlined helpers'
// results), and what taking a branch tells the caller: which states remain possible, and
// which guard admitted it.
#include "frontend/breakers/BreakerModelWalker.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/IntegerConstants.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"
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
  // atomic_flag, or a library's __atomic_base<T>: T when there is one, else the type itself,
  // so that a caller never reads a null type.
  if (inner) {
    *inner = t;
    if (spec && spec->getTemplateArgs().size() > 0 &&
        spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      *inner = spec->getTemplateArgs()[0].getAsType();
  }
  return true;
}

/// True when `e` can hold a value of the state's type: a constant of the state enum (or, for
/// an int state, an integer or one of the named constants), not a constant of another enum.
static bool ofStateType(const Expr *e, const StateDomain &d, const ASTContext &ctx) {
  if (d.valueType.isNull() || e->isTypeDependent())
    return true;
  QualType t = e->getType().getNonReferenceType().getUnqualifiedType();
  QualType want = d.valueType.getNonReferenceType().getUnqualifiedType();
  if (want->isEnumeralType())
    return ctx.hasSameUnqualifiedType(t, want);
  if (!t->isEnumeralType())
    return t->isIntegerType();
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    for (const StateDomain::Value &v : d.values)
      if (v.name == ref->getDecl()->getNameAsString())
        return true;
  return false;
}

int StateDomain::indexOf(const Expr *e, const ASTContext &ctx) const {
  e = strip(e);
  if (!e || !ofStateType(e, *this, ctx))
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
  std::optional<int64_t> v = integerConstantValue(e, ctx);
  if (!v)
    return -1;
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i].value == *v)
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
      if (const auto *binding = dyn_cast<BindingDecl>(ref->getDecl())) {
        // auto [admitted, why] = Decide(): the holding variable's get<0>(e), or e.first
        if (const VarDecl *holding = binding->getHoldingVar(); holding && holding->getInit())
          b = {holding->getInit(), b.act};
        else if (binding->getBinding())
          b = {binding->getBinding(), b.act};
        else
          return b;
        continue;
      }
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
      // std::get<0>(verdict): the element, when the tuple is built where it can be seen
      const FunctionDecl *fn = call->getDirectCallee();
      const TemplateArgumentList *args = fn ? fn->getTemplateSpecializationArgs() : nullptr;
      if (name == "get" && call->getNumArgs() == 1 && args && args->size() > 0 &&
          args->get(0).getKind() == TemplateArgument::Integral) {
        std::optional<Binding> element =
            elementOf({call->getArg(0), b.act}, args->get(0).getAsIntegral().getZExtValue(), st);
        if (!element)
          return b;
        b = *element;
        continue;
      }
    }
    if (const auto *me = dyn_cast<MemberExpr>(e)) {
      // verdict.first, verdict.second
      std::string member = me->getMemberDecl()->getNameAsString();
      if ((member == "first" || member == "second") && recordName(me->getBase()->getType()) == "pair") {
        std::optional<Binding> element = elementOf({me->getBase(), b.act}, member == "first" ? 0 : 1, st);
        if (!element)
          return b;
        b = *element;
        continue;
      }
    }
    return b;
  }
  return b;
}

std::optional<Binding> Walker::elementOf(Binding b, unsigned index, const PathState &st) const {
  Binding r = resolve(b, st);
  const Expr *e = strip(r.expr);
  if (const auto *list = dyn_cast_or_null<InitListExpr>(e)) {
    if (index < list->getNumInits())
      return Binding{list->getInit(index), r.act};
    return std::nullopt;
  }
  if (const auto *ctor = dyn_cast_or_null<CXXConstructExpr>(e)) {
    std::string type = recordName(ctor->getType());
    if ((type == "pair" || type == "tuple") && index < ctor->getNumArgs())
      return Binding{ctor->getArg(index), r.act};
    return std::nullopt;
  }
  if (const auto *call = dyn_cast_or_null<CallExpr>(e)) {
    std::string name = unqualified(calleeName(call));
    if ((name == "make_pair" || name == "make_tuple" || name == "tuple" || name == "pair") &&
        index < call->getNumArgs())
      return Binding{call->getArg(index), r.act};
  }
  return std::nullopt;
}

std::string Walker::valueKey(Binding b, const PathState &st) const {
  Binding r = resolve(b, st);
  const Expr *e = strip(r.expr);
  if (!e || e->isValueDependent())
    return {};
  if (std::optional<bool> known = outcome(r, st))
    return *known ? "b:1" : "b:0";
  QualType t = e->getType().getNonReferenceType();
  if (t->isIntegralOrEnumerationType()) {
    if (std::optional<int64_t> v = integerConstantValue(e, ctx))
      return "i:" + std::to_string(*v);
    return {};
  }
  // {true, ""}, std::make_pair(false, "open"), Decision{kReject, 0}: the bool and enum parts
  const InitListExpr *list = dyn_cast<InitListExpr>(e);
  const auto *ctor = dyn_cast<CXXConstructExpr>(e);
  if (!list && !(ctor && (recordName(t) == "pair" || recordName(t) == "tuple")))
    return {};
  unsigned n = list ? list->getNumInits() : ctor->getNumArgs();
  std::string key = "(";
  bool any = false;
  for (unsigned i = 0; i < n; ++i) {
    const Expr *part = list ? list->getInit(i) : ctor->getArg(i);
    QualType pt = strip(part)->getType().getNonReferenceType();
    if (!pt->isBooleanType() && !pt->isEnumeralType())
      continue;
    std::string k = valueKey({part, r.act}, st);
    if (k.empty())
      return {};
    key += (any ? "," : "") + k;
    any = true;
  }
  return any ? key + ")" : std::string();
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
    if (unqualified(name) == "make_error_code")
      return true; // a set error code tests true: `if (ec) return ec;`
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
      if (recordName(arg->getType()) == "nullopt_t")
        return false; // optional<T>(std::nullopt)
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
        if (Vocabulary::current().is(call, CallRole::ClockRead))
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
