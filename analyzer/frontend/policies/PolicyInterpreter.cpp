#include "frontend/policies/PolicyInterpreter.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include <cmath>
#include <limits>

using namespace clang;

namespace retrylint {
namespace {

constexpr unsigned MaxSteps = 2000;

Quantity unknown() { return {Quantity::Kind::Number, std::numeric_limits<double>::quiet_NaN()}; }

const Expr *bare(const Expr *e) { return withoutTemporaries(e); }

/// std::exchange(target, value): a store that returns the old value.
const CallExpr *exchangeCall(const Expr *e) {
  const auto *call = dyn_cast_or_null<CallExpr>(bare(e));
  if (call && call->getNumArgs() == 2 && unqualified(calleeName(call)) == "exchange")
    return call;
  return nullptr;
}

} // namespace

void PolicyInterpreter::store(const Expr *target, std::optional<Quantity> value) {
  target = bare(target);
  Quantity v = value ? *value : unknown();
  if (const auto *ref = dyn_cast<DeclRefExpr>(target)) {
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      eval.env[var->getCanonicalDecl()] = v;
    return;
  }
  if (const auto *member = dyn_cast<MemberExpr>(target))
    if (const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl()))
      if (isa<CXXThisExpr>(bare(member->getBase())))
        eval.fields[field] = v;
}

bool PolicyInterpreter::apply(const Expr *e) {
  e = bare(e);
  if (const CallExpr *ex = exchangeCall(e)) {
    store(ex->getArg(0), eval.eval(ex->getArg(1)));
    return true;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e); uo && uo->isIncrementDecrementOp()) {
    auto old = eval.eval(uo->getSubExpr());
    store(uo->getSubExpr(), old ? std::optional<Quantity>(Quantity{old->kind, old->value + (uo->isIncrementOp() ? 1 : -1)})
                                : std::nullopt);
    return true;
  }
  if (const auto *bo = dyn_cast<BinaryOperator>(e); bo && bo->isAssignmentOp()) {
    std::optional<Quantity> v;
    if (bo->isCompoundAssignmentOp()) {
      auto old = eval.eval(bo->getLHS()), rhs = eval.eval(bo->getRHS());
      if (old && rhs)
        v = DelayEvaluator::evalBinary(BinaryOperator::getOpForCompoundAssignment(bo->getOpcode()), *old, *rhs);
    } else {
      v = evalWithEffects(bo->getRHS());
    }
    store(bo->getLHS(), v);
    return true;
  }
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e)) {
    OverloadedOperatorKind k = op->getOperator();
    if ((k == OO_PlusPlus || k == OO_MinusMinus) && op->getNumArgs() >= 1) {
      auto old = eval.eval(op->getArg(0));
      store(op->getArg(0), old ? std::optional<Quantity>(Quantity{old->kind, old->value + (k == OO_PlusPlus ? 1 : -1)})
                               : std::nullopt);
      return true;
    }
    if (op->getNumArgs() != 2)
      return false;
    std::optional<BinaryOperatorKind> bin;
    switch (k) {
    case OO_Equal: store(op->getArg(0), evalWithEffects(op->getArg(1))); return true;
    case OO_StarEqual: bin = BO_Mul; break;
    case OO_SlashEqual: bin = BO_Div; break;
    case OO_PlusEqual: bin = BO_Add; break;
    case OO_MinusEqual: bin = BO_Sub; break;
    case OO_LessLessEqual: bin = BO_Shl; break;
    default: return false;
    }
    auto old = eval.eval(op->getArg(0)), rhs = eval.eval(op->getArg(1));
    store(op->getArg(0), old && rhs ? DelayEvaluator::evalBinary(*bin, *old, *rhs) : std::nullopt);
    return true;
  }
  return false;
}

std::optional<Quantity> PolicyInterpreter::evalWithEffects(const Expr *e) {
  if (!e)
    return std::nullopt;
  if (const CallExpr *ex = exchangeCall(e)) {
    auto old = eval.eval(ex->getArg(0));
    store(ex->getArg(0), eval.eval(ex->getArg(1)));
    return old;
  }
  // Side effects first, in source order; the evaluator reads x++ as the value before it.
  std::vector<const Expr *> effects;
  forEachDescendant(e, [&](const Stmt *s) {
    if (s == e)
      return true;
    const auto *x = dyn_cast<Expr>(s);
    if (!x)
      return true;
    if (const auto *uo = dyn_cast<UnaryOperator>(x); uo && uo->isIncrementDecrementOp()) {
      effects.push_back(x);
      return false;
    }
    if (const auto *bo = dyn_cast<BinaryOperator>(x); bo && bo->isAssignmentOp()) {
      effects.push_back(x);
      return false;
    }
    return true;
  });
  for (const Expr *x : effects)
    apply(x);
  return eval.eval(e);
}

std::optional<Quantity> PolicyInterpreter::call(const FunctionDecl *fn,
                                                const std::map<const ParmVarDecl *, Quantity> &args) {
  if (!fn || !fn->getBody())
    return std::nullopt;
  for (const ParmVarDecl *p : fn->parameters()) {
    auto it = args.find(p);
    if (it != args.end())
      eval.env[p->getCanonicalDecl()] = it->second;
    else if (p->hasDefaultArg() && !p->hasUnparsedDefaultArg() && !p->hasUninstantiatedDefaultArg())
      eval.env[p->getCanonicalDecl()] = eval.eval(p->getDefaultArg()).value_or(unknown());
    else
      eval.env[p->getCanonicalDecl()] = unknown();
  }
  result.reset();
  steps = 0;
  Flow f = run(fn->getBody());
  if (f != Flow::Return || !result || std::isnan(result->value))
    return std::nullopt;
  return result;
}

bool PolicyInterpreter::runStatement(const Stmt *s) { return run(s) != Flow::Unknown; }

PolicyInterpreter::Flow PolicyInterpreter::run(const Stmt *s) {
  if (!s)
    return Flow::Next;
  if (++steps > MaxSteps)
    return Flow::Unknown;
  if (const auto *cs = dyn_cast<CompoundStmt>(s)) {
    for (const Stmt *child : cs->body())
      if (Flow f = run(child); f != Flow::Next)
        return f;
    return Flow::Next;
  }
  if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *var = dyn_cast<VarDecl>(d))
        eval.env[var->getCanonicalDecl()] =
            var->getInit() ? evalWithEffects(var->getInit()).value_or(unknown()) : unknown();
    return Flow::Next;
  }
  if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    result = ret->getRetValue() ? evalWithEffects(ret->getRetValue()) : std::nullopt;
    return Flow::Return;
  }
  if (const auto *ifs = dyn_cast<IfStmt>(s)) {
    if (Flow f = run(ifs->getInit()); f != Flow::Next)
      return f;
    if (const DeclStmt *d = ifs->getConditionVariableDeclStmt())
      run(d);
    evalWithEffects(ifs->getCond()); // ++n > k: the increment happens either way
    auto c = eval.evalCondition(ifs->getCond());
    if (!c)
      return Flow::Unknown;
    return run(*c ? ifs->getThen() : ifs->getElse());
  }
  if (const auto *sw = dyn_cast<SwitchStmt>(s))
    return runSwitch(sw);
  if (isa<BreakStmt>(s))
    return Flow::Break;
  if (isa<NullStmt>(s))
    return Flow::Next;
  if (const auto *tr = dyn_cast<CXXTryStmt>(s))
    return run(tr->getTryBlock());
  if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, GotoStmt, CXXThrowExpr>(s))
    return Flow::Unknown;
  if (const auto *e = dyn_cast<Expr>(s)) {
    if (!apply(e))
      evalWithEffects(e); // a call's arguments may still store (delay = next(delay++))
    return Flow::Next;
  }
  return Flow::Unknown;
}

PolicyInterpreter::Flow PolicyInterpreter::runSwitch(const SwitchStmt *sw) {
  auto v = evalWithEffects(sw->getCond());
  const auto *body = dyn_cast_or_null<CompoundStmt>(sw->getBody());
  if (!v || !body)
    return Flow::Unknown;
  // Each top-level statement, with the case labels that lead to it.
  std::vector<std::pair<std::vector<const SwitchCase *>, const Stmt *>> items;
  for (const Stmt *child : body->body()) {
    std::vector<const SwitchCase *> labels;
    const Stmt *inner = child;
    while (const auto *label = dyn_cast<SwitchCase>(inner)) {
      labels.push_back(label);
      inner = label->getSubStmt();
    }
    items.push_back({labels, inner});
  }
  auto matches = [&](const SwitchCase *label) -> std::optional<bool> {
    if (isa<DefaultStmt>(label))
      return false;
    const auto *c = cast<CaseStmt>(label);
    auto lhs = eval.eval(c->getLHS());
    if (!lhs)
      return std::nullopt;
    return lhs->value == v->value;
  };
  size_t start = items.size();
  for (size_t i = 0; i < items.size() && start == items.size(); ++i)
    for (const SwitchCase *label : items[i].first) {
      auto m = matches(label);
      if (!m)
        return Flow::Unknown;
      if (*m)
        start = i;
    }
  if (start == items.size())
    for (size_t i = 0; i < items.size() && start == items.size(); ++i)
      for (const SwitchCase *label : items[i].first)
        if (isa<DefaultStmt>(label))
          start = i;
  for (size_t i = start; i < items.size(); ++i) {
    Flow f = run(items[i].second);
    if (f == Flow::Break)
      return Flow::Next;
    if (f != Flow::Next)
      return f;
  }
  return Flow::Next;
}

} // namespace retrylint
