// What one function does to a retry budget's balance: the credits, debits and clamps it
// writes, and the tests a predicate makes before it lets a retry go ahead. The budget model
// (BudgetModel.cpp) assembles budgets from these.
#pragma once

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <string>
#include <vector>

namespace retrylint {

/// One change of a balance.
struct BalanceWrite {
  enum class Kind { Credit, Debit, Clamp, Set };
  Kind kind = Kind::Set;
  const clang::ValueDecl *balance = nullptr;
  const clang::Stmt *stmt = nullptr;    // what a report points at
  const clang::Expr *amount = nullptr;  // Credit, Debit: null means 1 (++, --); Set: the value
  const clang::Expr *maximum = nullptr; // Credit: std::min / clamp / guard bound; Clamp: the bound
  const clang::FunctionDecl *function = nullptr;
};

/// A test of a balance in a function returning bool: a retry is allowed while
/// `balance op threshold` holds (the operator is normalised to that reading).
struct BalanceTest {
  const clang::ValueDecl *balance = nullptr;
  const clang::Expr *threshold = nullptr;
  std::string op; // ">=", ">", "<=", "<"
  const clang::FunctionDecl *function = nullptr;
};

/// A field or namespace-scope variable that can hold a balance: a non-const number, or an
/// atomic one.
bool canHoldBalance(const clang::ValueDecl *d);

/// Appends what `fn` does to balances: writes in source order, then its tests.
void scanBalances(const clang::FunctionDecl *fn, std::vector<BalanceWrite> &writes,
                  std::vector<BalanceTest> &tests);

} // namespace retrylint
