#include "frontend/policies/DelayGrowth.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/DelayEvaluator.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace retrylint::policies {

/// The value an expression converts: temporaries, functional casts and converting
/// constructors stripped (milliseconds(delay_ms_) is delay_ms_).
const Expr *bare(const Expr *e) {
  while (e) {
    const Expr *next = withoutTemporaries(e);
    if (const auto *f = dyn_cast<CXXFunctionalCastExpr>(next))
      next = f->getSubExpr();
    else if (const auto *ctor = dyn_cast<CXXConstructExpr>(next); ctor && ctor->getNumArgs() == 1 &&
                                                                  !isa<CXXTemporaryObjectExpr>(ctor))
      next = ctor->getArg(0);
    if (next == e)
      return e;
    e = next;
  }
  return e;
}

/// A duration (std::chrono, absl, a project's Delta) or a plain number of some unit.
bool isDelayType(QualType t) {
  t = t.getNonReferenceType();
  if (t.isNull() || t->isDependentType())
    return false;
  if (Vocabulary::isDurationType(t) || DelayEvaluator::durationPeriodMs(t))
    return true;
  return t->isArithmeticType() && !t->isBooleanType() && !t->isAnyCharacterType();
}

/// The member of `this` that `e` names, if any.
const FieldDecl *thisField(const Expr *e) {
  const auto *member = dyn_cast_or_null<MemberExpr>(e ? e->IgnoreParenImpCasts() : nullptr);
  if (!member || !isa<CXXThisExpr>(member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(member->getMemberDecl());
}

/// The declaration an lvalue names: a local, a parameter or a member of `this`.
const Decl *target(const Expr *e) {
  if (!e)
    return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto *ref = dyn_cast<DeclRefExpr>(e))
    return ref->getDecl()->getCanonicalDecl();
  return thisField(e);
}

bool reads(const Stmt *e, const Decl *d) {
  bool found = false;
  forEachDescendant(e, [&](const Stmt *s) {
    if (const auto *x = dyn_cast<Expr>(s))
      if (!isa<ImplicitCastExpr>(x) && target(x) == d)
        found = true;
    return !found;
  });
  return found;
}

bool contains(const Stmt *root, bool (*pred)(const Stmt *)) {
  bool found = false;
  forEachDescendant(root, [&](const Stmt *s) {
    found = found || pred(s);
    return !found;
  });
  return found;
}

bool loopsOrSleeps(const Stmt *body) {
  bool found = contains(body, [](const Stmt *s) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s); });
  return found || callsWithRole(body, CallRole::Sleep, 0) || callsWithRole(body, CallRole::TimedWait, 0);
}

bool callsNamed(const Stmt *e, std::initializer_list<const char *> names) {
  bool found = false;
  forEachDescendant(e, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      std::string n = unqualified(calleeName(call));
      for (const char *x : names)
        found |= n == x;
    }
    return !found;
  });
  return found;
}

std::vector<Store> storesTo(const Stmt *body, const Decl *d) {
  std::vector<Store> out;
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp() && target(bo->getLHS()) == d)
      out.push_back({s, bo->getRHS(), bo->isCompoundAssignmentOp()
                                          ? BinaryOperator::getOpForCompoundAssignment(bo->getOpcode())
                                          : BO_Assign});
    if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementDecrementOp() && target(uo->getSubExpr()) == d)
      out.push_back({s, nullptr, uo->isIncrementOp() ? BO_Add : BO_Sub});
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() == 2 && target(op->getArg(0)) == d) {
      switch (op->getOperator()) {
      case OO_Equal: out.push_back({s, op->getArg(1), BO_Assign}); break;
      case OO_StarEqual: out.push_back({s, op->getArg(1), BO_Mul}); break;
      case OO_PlusEqual: out.push_back({s, op->getArg(1), BO_Add}); break;
      case OO_LessLessEqual: out.push_back({s, op->getArg(1), BO_Shl}); break;
      default: break;
      }
    }
    if (const auto *call = dyn_cast<CallExpr>(s); call && call->getNumArgs() == 2 &&
                                                  unqualified(calleeName(call)) == "exchange" &&
                                                  target(call->getArg(0)) == d)
      out.push_back({s, call->getArg(1), BO_Assign});
    return true;
  });
  return out;
}

/// How a store to `d` changes it: ×k or << (exponential), + step (linear), or neither.
GrowthKind growthOf(const Store &st, const Decl *d) {
  if (st.op == BO_Mul || st.op == BO_Shl)
    return GrowthKind::Exponential;
  if (st.op == BO_Add && st.value)
    return reads(st.value, d) ? GrowthKind::Exponential : GrowthKind::Linear; // x += x doubles
  if (st.op != BO_Assign || !st.value || !reads(st.value, d))
    return GrowthKind::None;
  GrowthKind kind = GrowthKind::None;
  forEachDescendant(st.value, [&](const Stmt *s) {
    const Expr *l = nullptr, *r = nullptr;
    BinaryOperatorKind op = BO_Comma;
    if (const auto *bo = dyn_cast<BinaryOperator>(s))
      l = bo->getLHS(), r = bo->getRHS(), op = bo->getOpcode();
    else if (const auto *oc = dyn_cast<CXXOperatorCallExpr>(s); oc && oc->getNumArgs() == 2) {
      l = oc->getArg(0), r = oc->getArg(1);
      op = oc->getOperator() == OO_Star ? BO_Mul : oc->getOperator() == OO_Plus ? BO_Add
           : oc->getOperator() == OO_LessLess ? BO_Shl : BO_Comma;
    }
    if (!l)
      return true;
    bool self = reads(l, d) || reads(r, d);
    if (self && (op == BO_Mul || op == BO_Shl))
      kind = GrowthKind::Exponential;
    else if (self && op == BO_Add && kind == GrowthKind::None)
      kind = reads(l, d) && reads(r, d) ? GrowthKind::Exponential : GrowthKind::Linear;
    return true;
  });
  return kind;
}

/// Where a policy's delay grows with its attempt parameter: a shift or a power of it, or a
/// product with it (linear).
const Stmt *growthWithAttempt(const Stmt *body, const Decl *attempt, GrowthKind &kind) {
  const Stmt *exp = nullptr, *lin = nullptr;
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
      if (bo->getOpcode() == BO_Shl && reads(bo->getRHS(), attempt) && !exp)
        exp = s;
      if ((bo->getOpcode() == BO_Mul || bo->getOpcode() == BO_Add) && reads(s, attempt) && !lin)
        lin = s;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getOperator() == OO_Star && reads(s, attempt) && !lin)
      lin = s;
    if (const auto *call = dyn_cast<CallExpr>(s)) {
      std::string n = unqualified(calleeName(call));
      if ((n == "pow" || n == "powf" || n == "exp2" || n == "ldexp") && reads(call, attempt) && !exp)
        exp = s;
    }
    return true;
  });
  if (exp) {
    kind = GrowthKind::Exponential;
    return exp;
  }
  if (lin) {
    kind = GrowthKind::Linear;
    return lin;
  }
  return nullptr;
}

/// if (x > cap) x = cap: an assignment to `d` under a comparison of `d`.
bool guardedByOwnBound(const Stmt *body, const Decl *d) {
  bool found = false;
  forEachDescendant(body, [&](const Stmt *s) {
    if (const auto *ifs = dyn_cast<IfStmt>(s); ifs && reads(ifs->getCond(), d) && !storesTo(ifs->getThen(), d).empty())
      found = true;
    return !found;
  });
  return found;
}

bool capsWithMin(const Stmt *e) { return callsNamed(e, {"min", "clamp", "fmin", "fminf"}); }

/// The members any method of the class stores into, outside its constructors.
bool storedOutsideConstructors(const FieldDecl *field) {
  const auto *record = dyn_cast<CXXRecordDecl>(field->getParent());
  if (!record)
    return true;
  for (const CXXMethodDecl *m : record->methods()) {
    if (isa<CXXConstructorDecl>(m))
      continue;
    const FunctionDecl *def = nullptr;
    if (m->hasBody(def) && def && !storesTo(def->getBody(), field).empty())
      return true;
  }
  return false;
}

} // namespace retrylint::policies
