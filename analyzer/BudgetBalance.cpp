#include "BudgetBalance.h"

#include "AstQueries.h"
#include "CallNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace retrylint {
namespace {

const Expr *strip(const Expr *e) { return e ? e->IgnoreUnlessSpelledInSource() : nullptr; }

std::string methodName(const FunctionDecl *fd) { return fd ? fd->getNameAsString() : ""; }

/// A balance written or read by name: a member, or a namespace-scope or static variable.
const ValueDecl *balanceNamed(const Expr *e) {
  e = strip(e);
  if (const auto *member = dyn_cast_or_null<MemberExpr>(e))
    if (const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl());
        field && canHoldBalance(field))
      return field;
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e))
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl());
        var && var->hasGlobalStorage() && canHoldBalance(var))
      return var->getCanonicalDecl();
  return nullptr;
}

/// balance <op> threshold, from a comparison written either way round.
BinaryOperatorKind swapped(BinaryOperatorKind op) { return BinaryOperator::reverseComparisonOp(op); }
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

struct Delta {
  const ValueDecl *balance = nullptr;
  int sign = 0;
  const Expr *amount = nullptr;
};

class BalanceScan {
public:
  BalanceScan(const FunctionDecl *fn, std::vector<BalanceWrite> &writes,
              std::vector<BalanceTest> &tests)
      : fn(fn), writes(writes), tests(tests),
        predicate(fn->getReturnType()->isBooleanType()) {}

  void run() {
    findLocals(fn->getBody());
    walk(fn->getBody());
  }

private:
  struct Guard {
    const Expr *cond;
    bool negated;
  };

  /// Locals that hold a copy of a balance (auto cur = tokens_.load(), the expected value of a
  /// compare-exchange), and the values stored into every local.
  void findLocals(const Stmt *body) {
    forEachDescendant(body, [&](const Stmt *s) {
      if (const auto *ds = dyn_cast<DeclStmt>(s))
        for (const Decl *d : ds->decls())
          if (const auto *var = dyn_cast<VarDecl>(d); var && var->getInit()) {
            values[var->getCanonicalDecl()].push_back({var->getInit(), s});
            if (const ValueDecl *b = balanceRead(var->getInit()))
              aliases[var->getCanonicalDecl()] = b;
          }
      const Expr *rhs = nullptr;
      if (const VarDecl *var = assignedVar(s, &rhs); var && rhs)
        values[var].push_back({rhs, s});
      if (const auto *call = dyn_cast<CXXMemberCallExpr>(s))
        if (isCas(call) && call->getNumArgs() >= 2)
          if (const ValueDecl *b = balanceNamed(call->getImplicitObjectArgument()))
            if (const auto *ref = dyn_cast<DeclRefExpr>(strip(call->getArg(0))))
              if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
                aliases[var->getCanonicalDecl()] = b;
      return true;
    });
  }

  static bool isCas(const CXXMemberCallExpr *call) {
    return isCompareExchange(methodName(call->getMethodDecl()));
  }

  /// The balance `e` reads: by name, through load() or a conversion, or through a local copy.
  const ValueDecl *balanceRead(const Expr *e) const {
    e = strip(e);
    if (const auto *call = dyn_cast_or_null<CXXMemberCallExpr>(e)) {
      const CXXMethodDecl *m = call->getMethodDecl();
      if (m && (methodName(m) == "load" || isa<CXXConversionDecl>(m)))
        return balanceNamed(call->getImplicitObjectArgument());
      return nullptr;
    }
    if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(e))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl())) {
        auto it = aliases.find(var->getCanonicalDecl());
        if (it != aliases.end())
          return it->second;
      }
    return balanceNamed(e);
  }

  /// balance + amount, amount + balance, balance - amount.
  Delta deltaOf(const Expr *e) const {
    e = strip(e);
    const auto *bo = dyn_cast_or_null<BinaryOperator>(e);
    if (!bo || (bo->getOpcode() != BO_Add && bo->getOpcode() != BO_Sub))
      return {};
    int sign = bo->getOpcode() == BO_Add ? 1 : -1;
    if (const ValueDecl *b = balanceRead(bo->getLHS()))
      return {b, sign, bo->getRHS()};
    if (sign > 0)
      if (const ValueDecl *b = balanceRead(bo->getRHS()))
        return {b, sign, bo->getLHS()};
    return {};
  }

  /// Calls `visit(balance, other side, balance-on-the-left operator)` for each comparison of
  /// a balance (or, with `deltas`, of balance + amount) in `e`.
  template <typename Visit> void comparisons(const Expr *e, bool deltas, Visit visit) const {
    forEachDescendant(e, [&](const Stmt *s) {
      const Expr *l = nullptr, *r = nullptr;
      BinaryOperatorKind op = BO_LT;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isRelationalOp()) {
        l = bo->getLHS(), r = bo->getRHS(), op = bo->getOpcode();
      } else if (const auto *call = dyn_cast<CXXOperatorCallExpr>(s);
                 call && call->getNumArgs() == 2) {
        switch (call->getOperator()) {
        case OO_Less: op = BO_LT; break;
        case OO_LessEqual: op = BO_LE; break;
        case OO_Greater: op = BO_GT; break;
        case OO_GreaterEqual: op = BO_GE; break;
        default: return true;
        }
        l = call->getArg(0), r = call->getArg(1);
      } else {
        return true;
      }
      if (const ValueDecl *b = balanceRead(l))
        visit(b, r, op);
      else if (const ValueDecl *b = balanceRead(r))
        visit(b, l, swapped(op));
      else if (Delta d = deltaOf(l); deltas && d.balance)
        visit(d.balance, r, op);
      else if (Delta d = deltaOf(r); deltas && d.balance)
        visit(d.balance, l, swapped(op));
      return true;
    });
  }

  /// The bound that the enclosing guards put on `b` from above (if (tokens_ < kMax) ...).
  const Expr *guardMaximum(const ValueDecl *b) const {
    const Expr *bound = nullptr;
    for (const Guard &g : guards)
      comparisons(g.cond, true, [&](const ValueDecl *x, const Expr *other, BinaryOperatorKind op) {
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
      comparisons(g.cond, false, [&](const ValueDecl *x, const Expr *, BinaryOperatorKind op) {
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
    if (Delta d = deltaOf(value); d.balance == b) {
      add(d.sign > 0 ? BalanceWrite::Kind::Credit : BalanceWrite::Kind::Debit, b, stmt, d.amount);
      return;
    }
    if (const auto *call = dyn_cast_or_null<CallExpr>(value)) {
      std::string name = unqualified(calleeName(call));
      unsigned n = call->getNumArgs();
      if ((name == "min" || name == "fmin") && n == 2) {
        for (unsigned i = 0; i < 2; ++i) {
          if (Delta d = deltaOf(call->getArg(i)); d.balance == b && d.sign > 0)
            return add(BalanceWrite::Kind::Credit, b, stmt, d.amount, call->getArg(1 - i));
          if (balanceRead(call->getArg(i)) == b)
            return add(BalanceWrite::Kind::Clamp, b, stmt, nullptr, call->getArg(1 - i));
        }
      }
      if ((name == "max" || name == "fmax") && n == 2)
        for (unsigned i = 0; i < 2; ++i)
          if (Delta d = deltaOf(call->getArg(i)); d.balance == b && d.sign < 0)
            return add(BalanceWrite::Kind::Debit, b, stmt, d.amount);
      if (name == "clamp" && n == 3) {
        if (Delta d = deltaOf(call->getArg(0)); d.balance == b && d.sign > 0)
          return add(BalanceWrite::Kind::Credit, b, stmt, d.amount, call->getArg(2));
        if (balanceRead(call->getArg(0)) == b)
          return add(BalanceWrite::Kind::Clamp, b, stmt, nullptr, call->getArg(2));
      }
    }
    // The desired value of a compare-exchange, computed into a local first.
    if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(value); ref && depth == 0)
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl());
          var && var->isLocalVarDecl() && !aliases.count(var->getCanonicalDecl())) {
        auto it = values.find(var->getCanonicalDecl());
        if (it != values.end())
          for (const auto &[v, s] : it->second) {
            size_t before = writes.size();
            classifyStore(b, v, s, depth + 1);
            if (writes.size() > before && writes.back().kind != BalanceWrite::Kind::Set)
              return;
            writes.resize(before);
          }
      }
    if (value && balanceRead(value) != b)
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
      else if (isCas(call) && call->getNumArgs() >= 2)
        classifyStore(b, call->getArg(1), s);
    }
  }

  /// Records the tests of `cond` whose outcome `allowsWhenTrue` says lets a retry go ahead.
  void recordTests(const Expr *cond, bool allowsWhenTrue) {
    if (!predicate)
      return;
    comparisons(cond, false, [&](const ValueDecl *b, const Expr *other, BinaryOperatorKind op) {
      if (!allowsWhenTrue)
        op = negated(op);
      tests.push_back({b, other, BinaryOperator::getOpcodeStr(op).str(), fn});
    });
  }

  void walk(const Stmt *s) {
    if (!s || isa<LambdaExpr>(s))
      return;
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
  bool predicate;
  std::vector<Guard> guards;
  llvm::DenseMap<const VarDecl *, const ValueDecl *> aliases;
  llvm::DenseMap<const VarDecl *, std::vector<std::pair<const Expr *, const Stmt *>>> values;
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
