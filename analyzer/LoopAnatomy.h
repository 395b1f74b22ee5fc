// One pass over a loop that lists, in execution order, what an iteration does: the calls,
// the assignments, the sleeps and the exits, each with the conditions that guard it. The
// retry model decides and simulates from this list alone.
#pragma once

#include "CallNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace retrylint {

/// A condition an event depends on. `cond` is null for guards the model cannot state
/// (a switch case); `negated` for the else branch.
struct Guard {
  const clang::Expr *cond = nullptr;
  bool negated = false;
};

struct LoopEvent {
  enum class Kind { Call, Assign, Sleep, Exit };
  Kind kind;
  const clang::Stmt *stmt;              // the call, assignment, DeclStmt, return, break or throw
  llvm::SmallVector<Guard, 4> guards;   // innermost last
  bool inTry = false;                   // inside a try block: an exit here is the success path
  bool inCatch = false;
  // Assign
  const clang::VarDecl *var = nullptr;
  const clang::Expr *value = nullptr;   // null for ++/--
  std::string member;                   // ts.tv_nsec = ...: the member assigned, if any
  // Sleep
  const clang::Expr *delay = nullptr;   // the argument that carries the delay
  SleepCallInfo sleepInfo{0, DelayUnit::Duration};
  std::string sleepCall;                // the sleep function, e.g. usleep
  const clang::FunctionDecl *sleepHelper = nullptr; // set when a same-TU helper sleeps
  // Call
  bool isAttempt = false; // not a sleep, clock, accessor, operator or random source
};

struct LoopAnatomy {
  const clang::Stmt *loop = nullptr;
  const clang::Stmt *init = nullptr;   // for-init
  const clang::Expr *cond = nullptr;   // null for for(;;)
  const clang::Expr *inc = nullptr;    // for-increment
  bool condAtEnd = false;              // do-while
  std::vector<LoopEvent> events;       // body, in source order
  std::vector<LoopEvent> condEvents;   // side effects of the condition (attempt++ < n)
  std::vector<LoopEvent> incEvents;    // the for-increment
  bool hasCompareExchange = false;
  bool mentionsEINTR = false;
  /// Variables assigned from a call inside the loop: testing them tests an outcome.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> outcomeVars;
};

/// Dissects a for, while or do loop (range-for loops are never retries).
LoopAnatomy dissectLoop(const clang::Stmt *loop, clang::ASTContext &ctx);

/// A call that attempts an operation (the thing a retry loop re-invokes).
bool isAttemptCall(const clang::CallExpr *call);

/// True when `e` calls something other than a clock or a sleep, or reads an outcome
/// variable: testing it tests whether the operation succeeded.
bool testsOutcome(const clang::Expr *e, const LoopAnatomy &anatomy);

} // namespace retrylint
