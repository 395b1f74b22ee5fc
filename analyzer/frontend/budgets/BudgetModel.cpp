#include "frontend/budgets/BudgetModel.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/budgets/BudgetBalance.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <cctype>

using namespace clang;

namespace retrylint {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool mentions(const std::string &name, std::initializer_list<const char *> parts) {
  std::string l = lower(name);
  return std::any_of(parts.begin(), parts.end(),
                     [&](const char *p) { return l.find(p) != std::string::npos; });
}

/// The functions of the TU's own code (system headers skipped) that have a body, in source
/// order, and the calls they make. Template patterns are visited, instantiations are not.
class FunctionCollector : public RecursiveASTVisitor<FunctionCollector> {
  using Base = RecursiveASTVisitor<FunctionCollector>;

public:
  explicit FunctionCollector(ASTContext &ctx) : ctx(ctx) {}

  bool TraverseDecl(Decl *d) {
    if (d && !isa<TranslationUnitDecl>(d) &&
        ctx.getSourceManager().isInSystemHeader(d->getLocation()))
      return true;
    return Base::TraverseDecl(d);
  }
  bool VisitFunctionDecl(FunctionDecl *fd) {
    if (fd->doesThisDeclarationHaveABody() && !fd->isImplicit())
      functions.push_back(fd);
    return true;
  }
  bool VisitCallExpr(CallExpr *call) {
    calls.push_back(call);
    return true;
  }

  ASTContext &ctx;
  std::vector<const FunctionDecl *> functions;
  std::vector<const CallExpr *> calls;
};

class BudgetBuilder {
public:
  explicit BudgetBuilder(ASTContext &ctx) : ctx(ctx) {}

  /// An amount as written, with its value when it is a constant or a field set from one.
  BudgetAmount amount(const Expr *e) const {
    if (!e)
      return {"1", 1.0};
    BudgetAmount a;
    a.text = sourceText(e->getSourceRange(), ctx);
    a.value = evaluate(e, 0);
    return a;
  }

  std::optional<double> evaluate(const Expr *e, int depth) const {
    if (!e || depth > 4 || e->isValueDependent() || e->isTypeDependent())
      return std::nullopt;
    Expr::EvalResult result;
    if (e->EvaluateAsRValue(result, ctx)) {
      if (result.Val.isInt())
        if (std::optional<int64_t> v = result.Val.getInt().tryExtValue())
          return static_cast<double>(*v);
      if (result.Val.isFloat())
        return result.Val.getFloat().convertToDouble();
    }
    e = e->IgnoreUnlessSpelledInSource();
    if (const auto *member = dyn_cast<MemberExpr>(e))
      if (const auto *field = dyn_cast<FieldDecl>(member->getMemberDecl()))
        return evaluate(fieldInit(field), depth + 1);
    if (const auto *bo = dyn_cast<BinaryOperator>(e)) {
      auto l = evaluate(bo->getLHS(), depth + 1), r = evaluate(bo->getRHS(), depth + 1);
      if (!l || !r)
        return std::nullopt;
      switch (bo->getOpcode()) {
      case BO_Add: return *l + *r;
      case BO_Sub: return *l - *r;
      case BO_Mul: return *l * *r;
      case BO_Div: return *r != 0 ? std::optional<double>(*l / *r) : std::nullopt;
      default: return std::nullopt;
      }
    }
    if (const auto *cast = dyn_cast<ExplicitCastExpr>(e))
      return evaluate(cast->getSubExpr(), depth + 1);
    return std::nullopt;
  }

  /// What a field starts as: its in-class initializer, else the first constructor's.
  const Expr *fieldInit(const FieldDecl *field) const {
    const Expr *init = field->getInClassInitializer();
    if (!init)
      if (const auto *record = dyn_cast<CXXRecordDecl>(field->getParent()))
        for (const CXXConstructorDecl *ctor : record->ctors()) {
          const FunctionDecl *def = nullptr;
          if (!ctor->hasBody(def))
            continue;
          for (const CXXCtorInitializer *i : cast<CXXConstructorDecl>(def)->inits())
            if (i->getMember() == field && i->isWritten())
              init = i->getInit();
          if (init)
            break;
        }
    // std::atomic<long> milli_{kMax}: the constructor's one argument.
    while (init) {
      const Expr *inner = init->IgnoreUnlessSpelledInSource();
      if (const auto *list = dyn_cast<InitListExpr>(inner); list && list->getNumInits() == 1)
        init = list->getInit(0);
      else if (const auto *paren = dyn_cast<ParenListExpr>(inner);
               paren && paren->getNumExprs() == 1)
        init = paren->getExpr(0);
      else if (const auto *ctor = dyn_cast<CXXConstructExpr>(inner); ctor && ctor->getNumArgs() == 1)
        init = ctor->getArg(0);
      else
        break;
    }
    return init;
  }

  BudgetConsult consult(const FunctionDecl *fn) const {
    return {usrOf(fn), fn->getQualifiedNameAsString(),
            makeSpan(SourceRange(fn->getLocation()), ctx)};
  }

  static BudgetEvent creditEvent(const FunctionDecl *fn) {
    return mentions(fn->getNameAsString(), {"success", "succeed", "refund", "release"})
               ? BudgetEvent::Success
               : BudgetEvent::Request;
  }

  /// Assembles a budget for `balance`, if its writes and tests make one.
  std::optional<Budget> build(const ValueDecl *balance, const std::vector<BalanceWrite> &writes,
                              const std::vector<BalanceTest> &tests) const {
    llvm::SmallPtrSet<const FunctionDecl *, 4> predicates;
    std::vector<const BalanceTest *> allowHigh;
    for (const BalanceTest &t : tests)
      if (t.balance == balance && (t.op == ">=" || t.op == ">") &&
          !isa<CXXConstructorDecl>(t.function)) {
        allowHigh.push_back(&t);
        predicates.insert(t.function);
      }
    std::vector<const BalanceWrite *> credits, debits, clamps;
    for (const BalanceWrite &w : writes) {
      if (w.balance != balance || isa<CXXConstructorDecl>(w.function))
        continue;
      if (w.kind == BalanceWrite::Kind::Credit && !predicates.count(w.function)) {
        std::optional<double> v = w.amount ? evaluate(w.amount, 0) : std::optional<double>(1);
        if (!v || *v > 0)
          credits.push_back(&w);
      }
      if (w.kind == BalanceWrite::Kind::Debit)
        debits.push_back(&w);
      if (w.kind == BalanceWrite::Kind::Clamp)
        clamps.push_back(&w);
    }
    if (credits.empty() || debits.empty() || allowHigh.empty())
      return std::nullopt;

    Budget b;
    b.usr = usrOf(balance);
    b.balance = balance->getQualifiedNameAsString();
    if (const auto *record = dyn_cast<RecordDecl>(balance->getDeclContext()))
      b.className = record->getQualifiedNameAsString();
    b.balanceType = balance->getType().getAsString(ctx.getPrintingPolicy());
    b.decl = makeSpan(SourceRange(balance->getLocation()), ctx);
    // Only names that say "retry budget" count: a semaphore's permits have the same shape.
    if (!mentions(b.className + " " + balance->getNameAsString() + " " +
                      allowHigh.front()->function->getNameAsString(),
                  {"retry", "budget", "token", "throttl", "quota", "credit", "bucket", "balance"}))
      return std::nullopt;

    // The primary credit: the first with no maximum, else the first.
    auto maximumOf = [&](const BalanceWrite *w) -> const Expr * {
      if (w->maximum)
        return w->maximum;
      for (const BalanceWrite *c : clamps)
        if (c->function == w->function)
          return c->maximum;
      return nullptr;
    };
    const BalanceWrite *credit = credits.front();
    for (const BalanceWrite *w : credits)
      if (!maximumOf(w)) {
        credit = w;
        break;
      }
    b.credit = amount(credit->amount);
    b.creditEvent = creditEvent(credit->function);
    b.creditSpan = makeSpan(credit->stmt->getSourceRange(), ctx);
    b.creditFunction = credit->function->getQualifiedNameAsString();
    if (const Expr *max = maximumOf(credit))
      b.maximum = amount(max);

    const BalanceWrite *debit = debits.front();
    for (const BalanceWrite *w : debits)
      if (predicates.count(w->function)) {
        debit = w;
        break;
      }
    b.cost = amount(debit->amount);
    b.costSpan = makeSpan(debit->stmt->getSourceRange(), ctx);
    b.costEvent = predicates.count(debit->function) ||
                          !mentions(debit->function->getNameAsString(), {"fail", "error"})
                      ? BudgetEvent::Retry
                      : BudgetEvent::Failure;

    const BalanceTest *test = allowHigh.front();
    for (const BalanceTest *t : allowHigh)
      if (t->function == debit->function) {
        test = t;
        break;
      }
    b.threshold = amount(test->threshold);
    b.thresholdOp = test->op;

    const Expr *init = nullptr;
    if (const auto *field = dyn_cast<FieldDecl>(balance))
      init = fieldInit(field);
    else if (const auto *var = dyn_cast<VarDecl>(balance))
      if (const VarDecl *def = var->getDefinition())
        init = def->getInit();
    if (init)
      b.initial = amount(init);

    for (const BalanceTest *t : allowHigh) {
      std::string name = t->function->getQualifiedNameAsString();
      if (std::none_of(b.consults.begin(), b.consults.end(),
                       [&](const BudgetConsult &c) { return c.name == name; }))
        b.consults.push_back(consult(t->function));
    }
    if (b.credit.value && b.cost.value && *b.cost.value > 0)
      b.ceiling = *b.credit.value / *b.cost.value;
    return b;
  }

  ASTContext &ctx;
};

/// A call whose answer the caller returns or tests: return budget_.TryRetry(); if (...).
bool answerUsed(const Stmt *body, const CallExpr *call) {
  bool used = false;
  forEachDescendant(body, [&](const Stmt *s) {
    const Stmt *where = nullptr;
    if (const auto *ret = dyn_cast<ReturnStmt>(s))
      where = ret->getRetValue();
    else if (const auto *ifs = dyn_cast<IfStmt>(s))
      where = ifs->getCond();
    if (where)
      forEachDescendant(where, [&](const Stmt *x) {
        used |= x == call;
        return !used;
      });
    return !used;
  });
  return used;
}

bool hasLoop(const Stmt *body) {
  bool loop = false;
  forEachDescendant(body, [&](const Stmt *s) {
    loop |= isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(s);
    return !loop;
  });
  return loop;
}

const FunctionDecl *canonicalCallee(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  return fd ? fd->getCanonicalDecl() : nullptr;
}

} // namespace

void extractBudgets(ASTContext &ctx, std::vector<Budget> &out) {
  FunctionCollector collector(ctx);
  collector.TraverseDecl(ctx.getTranslationUnitDecl());
  std::vector<BalanceWrite> writes;
  std::vector<BalanceTest> tests;
  for (const FunctionDecl *fn : collector.functions)
    scanBalances(fn, writes, tests);

  std::vector<const ValueDecl *> balances;
  for (const BalanceWrite &w : writes)
    if (std::find(balances.begin(), balances.end(), w.balance) == balances.end())
      balances.push_back(w.balance);
  BudgetBuilder builder(ctx);
  size_t first = out.size();
  // Which budget a function consults, directly (its predicates) or as a helper.
  llvm::DenseMap<const FunctionDecl *, size_t> consulting;
  for (const ValueDecl *balance : balances)
    if (std::optional<Budget> b = builder.build(balance, writes, tests)) {
      for (const BalanceTest &t : tests)
        if (t.balance == balance && (t.op == ">=" || t.op == ">"))
          consulting.try_emplace(t.function->getCanonicalDecl(), out.size());
      out.push_back(std::move(*b));
    }
  if (out.size() == first)
    return;

  // Helpers that return a predicate's answer, and their own callers, a few levels up.
  for (int round = 0; round < 4; ++round) {
    bool grew = false;
    for (const FunctionDecl *fn : collector.functions) {
      if (consulting.count(fn->getCanonicalDecl()) || !fn->getReturnType()->isBooleanType() ||
          hasLoop(fn->getBody()))
        continue;
      forEachDescendant(fn->getBody(), [&](const Stmt *s) {
        const auto *call = dyn_cast<CallExpr>(s);
        const FunctionDecl *callee = call ? canonicalCallee(call) : nullptr;
        auto it = callee ? consulting.find(callee) : consulting.end();
        if (it == consulting.end() || !answerUsed(fn->getBody(), call))
          return true;
        size_t index = it->second;
        consulting[fn->getCanonicalDecl()] = index;
        out[index].helpers.push_back(builder.consult(fn));
        grew = true;
        return false;
      });
    }
    if (!grew)
      break;
  }

  for (const CallExpr *call : collector.calls)
    if (const FunctionDecl *callee = canonicalCallee(call)) {
      auto it = consulting.find(callee);
      if (it != consulting.end())
        out[it->second].consultSites.push_back(makeSpan(call->getSourceRange(), ctx));
    }
}

} // namespace retrylint
