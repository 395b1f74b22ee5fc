#include "frontend/budgets/BudgetBalance.h"
#include "frontend/budgets/BalanceReads.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace retrylint {
namespace {

BinaryOperatorKind negated(BinaryOperatorKind op) { return BinaryOperator::negateComparisonOp(op); }

bool returnsLiteral(const Stmt *s, bool value) {
  bool found = false;
  forEachDescendant(s, [&](const Stmt *st) {
    if (const auto *ret = dyn_cast<ReturnStmt>(st)) {
      const Expr *v = strip(ret->getRetValue());
      if (const auto *b = dyn_cast_or_null<CXXBoolLiteralExpr>(v))
        found |= b->getValue() == value;
      if (const auto *i = dyn_cast_or_null<IntegerLiteral>(v))
        found |= (i->getValue() != 0) == value;
    }
    return !found;
  });
  return found;
}

/// A branch that always leaves the function: a return or a throw as its last statement.
bool alwaysExits(const Stmt *s) {
  if (const auto *block = dyn_cast_or_null<CompoundStmt>(s))
    return !block->body_empty() && alwaysExits(block->body_back());
  if (const auto *e = dyn_cast_or_null<Expr>(s))
    return isa<CXXThrowExpr>(strip(e));
  return isa_and_nonnull<ReturnStmt>(s);
}

class BalanceScan {
public:
  BalanceScan(const FunctionDecl *fn, std::vector<BalanceWrite> &writes,
              std::vector<BalanceTest> &tests)
      : fn(fn), writes(writes), tests(tests),
        predicate(fn->getReturnType()->isBooleanType()), reads(fn->getBody()) {}

  void run() {
    walk(fn->getBody());
    if (tooDeep) { // what the function does to a balance is unknown: no facts from it
      writes.resize(firstWrite);
      tests.resize(firstTest);
    }
  }

private:
  struct Guard {
    const Expr *cond;
    bool negated;
  };

  /// The bound that the enclosing guards put on `b` from above (if (tokens_ < kMax) ...).
  const Expr *guardMaximum(const ValueDecl *b) const {
    const Expr *bound = nullptr;
    for (const Guard &g : guards)
      reads.comparisons(g.cond, true, [&](const ValueDecl *x, const Expr *other, BinaryOperatorKind op) {
        if (g.negated)
          op = negated(op);
        if (x == b && (op == BO_LT || op == BO_LE))
          bound = other;
      });
    return bound;
  }

  /// An enclosing guard that tests `b` from above (if (tokens_ > kMax) tokens_ = kMax).
  bool guardedFromAbove(const ValueDecl *b) const {
    bool above = false;
    for (const Guard &g : guards)
      reads.comparisons(g.cond, false, [&](const ValueDecl *x, const Expr *, BinaryOperatorKind op) {
        if (g.negated)
          op = negated(op);
        above |= x == b && (op == BO_GT || op == BO_GE);
      });
    return above;
  }

  void add(BalanceWrite::Kind kind, const ValueDecl *b, const Stmt *stmt, const Expr *amount,
           const Expr *maximum = nullptr) {
    BalanceWrite w;
    w.kind = kind;
    w.balance = b;
    w.stmt = stmt;
    w.amount = amount;
    w.maximum = maximum;
    w.function = fn;
    if (kind == BalanceWrite::Kind::Credit && !maximum)
      w.maximum = guardMaximum(b);
    if (kind == BalanceWrite::Kind::Set && guardedFromAbove(b)) {
      w.kind = BalanceWrite::Kind::Clamp; // if (tokens_ > kMax) tokens_ = kMax;
      w.maximum = amount;
    }
    writes.push_back(w);
  }

  /// What storing `value` into balance `b` does; `stmt` is what a report points at.
  void classifyStore(const ValueDecl *b, const Expr *value, const Stmt *stmt, int depth = 0) {
    value = strip(value);
    if (Delta d = reads.deltaOf(value); d.balance == b) {
      add(d.sign > 0 ? BalanceWrite::Kind::Credit : BalanceWrite::Kind::Debit, b, stmt, d.amount);
      return;
    }
    if (const auto *call = dyn_cast_or_null<CallExpr>(value)) {
      std::string name = unqualified(calleeName(call));
      unsigned n = call->getNumArgs();
      if ((name == "min" || name == "fmin") && n == 2) {
        for (unsigned i = 0; i < 2; ++i) {
          if (Delta d = reads.deltaOf(call->getArg(i)); d.balance == b && d.sign > 0)
            return add(BalanceWrite::Kind::Credit, b, stmt, d.amount, call->getArg(1 - i));
          if (reads.balanceRead(call->getArg(i)) == b)
            return add(BalanceWrite::Kind::Clamp, b, stmt, nullptr, call->getArg(1 - i));
        }
      }
      if ((name == "max" || name == "fmax") && n == 2)
        for (unsigned i = 0; i < 2; ++i)
          if (Delta d = reads.deltaOf(call->getArg(i)); d.balance == b && d.sign < 0)
            return add(BalanceWrite::Kind::Debit, b, stmt, d.amount);
      if (name == "clamp" && n == 3) {
        if (Delta d = reads.deltaOf(call->getArg(0)); d.balance == b && d.sign > 0)
          return add(BalanceWrite::Kind::Credit, b, stmt, d.amount, call->getArg(2));
        if (reads.balanceRead(call->getArg(0)) == b)
          return add(BalanceWrite::Kind::Clamp, b, stmt, nullptr, call->getArg(2));
      }
    }
    // The desired value of a compare-exchange, computed into a local first.
    if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(value); ref && depth == 0)
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl());
          var && var->isLocalVarDecl() && !reads.isAlias(var))
        for (const auto &[v, s] : reads.valuesOf(var)) {
          size_t before = writes.size();
          classifyStore(b, v, s, depth + 1);
          if (writes.size() > before && writes.back().kind != BalanceWrite::Kind::Set)
            return;
          writes.resize(before);
        }
    if (value && reads.balanceRead(value) != b)
      add(BalanceWrite::Kind::Set, b, stmt, value);
  }

  /// A write of a balance made by `s` itself (not by its children).
  void recordWrite(const Stmt *s) {
    if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
      const ValueDecl *b = bo->isAssignmentOp() ? balanceNamed(bo->getLHS()) : nullptr;
      if (!b)
        return;
      if (bo->getOpcode() == BO_AddAssign || bo->getOpcode() == BO_SubAssign)
        add(bo->getOpcode() == BO_AddAssign ? BalanceWrite::Kind::Credit : BalanceWrite::Kind::Debit,
            b, s, bo->getRHS());
      else if (bo->getOpcode() == BO_Assign)
        classifyStore(b, bo->getRHS(), s);
      return;
    }
    if (const auto *uo = dyn_cast<UnaryOperator>(s); uo && uo->isIncrementDecrementOp()) {
      if (const ValueDecl *b = balanceNamed(uo->getSubExpr()))
        add(uo->isIncrementOp() ? BalanceWrite::Kind::Credit : BalanceWrite::Kind::Debit, b, s,
            nullptr);
      return;
    }
    if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->getNumArgs() >= 1) {
      const ValueDecl *b = balanceNamed(op->getArg(0));
      if (!b)
        return;
      switch (op->getOperator()) {
      case OO_PlusEqual: add(BalanceWrite::Kind::Credit, b, s, op->getArg(1)); break;
      case OO_MinusEqual: add(BalanceWrite::Kind::Debit, b, s, op->getArg(1)); break;
      case OO_PlusPlus: add(BalanceWrite::Kind::Credit, b, s, nullptr); break;
      case OO_MinusMinus: add(BalanceWrite::Kind::Debit, b, s, nullptr); break;
      case OO_Equal: classifyStore(b, op->getArg(1), s); break;
      default: break;
      }
      return;
    }
    if (const auto *call = dyn_cast<CXXMemberCallExpr>(s)) {
      const ValueDecl *b = balanceNamed(call->getImplicitObjectArgument());
      std::string name = methodName(call->getMethodDecl());
      if (!b || call->getNumArgs() == 0)
        return;
      if (name == "fetch_add")
        add(BalanceWrite::Kind::Credit, b, s, call->getArg(0));
      else if (name == "fetch_sub")
        add(BalanceWrite::Kind::Debit, b, s, call->getArg(0));
      else if (name == "store")
        classifyStore(b, call->getArg(0), s);
      else if (Vocabulary::current().is(call, CallRole::CompareExchange) && call->getNumArgs() >= 2)
        classifyStore(b, call->getArg(1), s);
    }
  }

  /// Records the tests of `cond` whose outcome `allowsWhenTrue` says lets a retry go ahead.
  void recordTests(const Expr *cond, bool allowsWhenTrue) {
    if (!predicate)
      return;
    reads.comparisons(cond, false, [&](const ValueDecl *b, const Expr *other, BinaryOperatorKind op) {
      if (!allowsWhenTrue)
        op = negated(op);
      tests.push_back({b, other, BinaryOperator::getOpcodeStr(op).str(), fn});
    });
  }

  void walk(const Stmt *s) {
    if (!s || isa<LambdaExpr>(s) || tooDeep)
      return;
    if (depth >= MaxWalkDepth) {
      tooDeep = true;
      return;
    }
    ++depth;
    walkNode(s);
    --depth;
  }

  void walkNode(const Stmt *s) {
    if (const auto *block = dyn_cast<CompoundStmt>(s)) {
      size_t pushed = 0;
      for (const Stmt *child : block->body()) {
        walk(child);
        // if (tokens_ < kCost) return false; guards the rest of the block.
        const auto *ifs = dyn_cast<IfStmt>(child);
        if (ifs && !ifs->getElse() && alwaysExits(ifs->getThen())) {
          guards.push_back({ifs->getCond(), true});
          ++pushed;
        }
      }
      guards.resize(guards.size() - pushed);
      return;
    }
    if (const auto *ifs = dyn_cast<IfStmt>(s)) {
      walk(ifs->getInit());
      walk(ifs->getCond());
      size_t before = writes.size();
      guards.push_back({ifs->getCond(), false});
      walk(ifs->getThen());
      bool debits = false;
      for (size_t i = before; i < writes.size(); ++i)
        debits |= writes[i].kind == BalanceWrite::Kind::Debit;
      const Stmt *then = ifs->getThen();
      if (returnsLiteral(then, false) && !debits && !returnsLiteral(then, true))
        recordTests(ifs->getCond(), false);
      else if (debits || returnsLiteral(then, true))
        recordTests(ifs->getCond(), true);
      guards.back().negated = true;
      walk(ifs->getElse());
      guards.pop_back();
      return;
    }
    if (const auto *ws = dyn_cast<WhileStmt>(s)) {
      walk(ws->getCond());
      recordTests(ws->getCond(), true); // while (cur >= kCost) { if (cas(...)) return true; }
      guards.push_back({ws->getCond(), false});
      walk(ws->getBody());
      guards.pop_back();
      return;
    }
    if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
      if (ret->getRetValue())
        recordTests(ret->getRetValue(), true); // return tokens_ > max_tokens_ / 2;
      walk(ret->getRetValue());
      return;
    }
    recordWrite(s);
    for (const Stmt *child : s->children())
      walk(child);
  }

  const FunctionDecl *fn;
  std::vector<BalanceWrite> &writes;
  std::vector<BalanceTest> &tests;
  size_t firstWrite = writes.size(), firstTest = tests.size();
  bool predicate;
  std::vector<Guard> guards;
  BalanceReads reads;
  unsigned depth = 0;
  bool tooDeep = false;
};

} // namespace

bool canHoldBalance(const ValueDecl *d) {
  QualType t = d->getType();
  if (t.isConstQualified() || t->isReferenceType())
    return false;
  const auto *spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(t->getAsCXXRecordDecl());
  if (spec) {
    if (spec->getName() != "atomic" || !spec->isInStdNamespace() ||
        spec->getTemplateArgs().size() < 1)
      return false;
    const TemplateArgument &arg = spec->getTemplateArgs()[0];
    if (arg.getKind() != TemplateArgument::Type)
      return false;
    t = arg.getAsType();
  }
  return t->isArithmeticType() && !t->isBooleanType() && !t->isEnumeralType();
}

void scanBalances(const FunctionDecl *fn, std::vector<BalanceWrite> &writes,
                  std::vector<BalanceTest> &tests) {
  if (fn->getBody())
    BalanceScan(fn, writes, tests).run();
}

} // namespace retrylint
