// One pass over a loop that lists, in execution order, what an iteration does: the calls,
// the assignments, the sleeps and the exits, each with the conditions that guard it. The
// retry model decides and simulates from this list alone.
#pragma once

#include "frontend/ast/CallNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace clang {
class CXXCatchStmt;
} // namespace clang

namespace retrylint {

/// A condition an event depends on. `cond` is null for guards the model cannot state
/// (a switch case); `negated` for the else branch.
struct Guard {
  const clang::Expr *cond = nullptr;
  bool negated = false;
};

struct LoopEvent {
  enum class Kind { Call, Assign, Sleep, Exit, Continue };
  Kind kind;
  const clang::Stmt *stmt;              // the call, assignment, DeclStmt, return, break or throw
  llvm::SmallVector<Guard, 4> guards;   // innermost last
  bool inTry = false;                   // inside a try block: an exit here is the success path
  bool inCatch = false;
  const clang::CXXCatchStmt *handler = nullptr; // the innermost catch handler it is in, if any
  bool inInnerLoop = false;             // inside a loop nested in this one
  // Assign
  const clang::VarDecl *var = nullptr;
  const clang::Expr *value = nullptr;   // null for ++/--
  std::string member;                   // ts.tv_nsec = ...: the member assigned, if any
  // Sleep
  const clang::Expr *delay = nullptr;   // the argument that carries the delay; null when a
                                        // helper sleeps on its own state (backoff.Wait())
  SleepCallInfo sleepInfo{0, DelayUnit::Duration};
  std::string sleepCall;                // the sleep function, e.g. usleep
  const clang::FunctionDecl *sleepHelper = nullptr; // set when a same-TU helper sleeps
  bool unseenDelay = false;             // a wait whose delay is not visible (Waiter::WaitFor)
  // Call
  bool awaitsResult = false; // s = sync.Wait(), tested: it awaits the attempt's outcome, it
                             // is no delay between attempts (kind Call, not an attempt)
  // Call
  bool isAttempt = false;   // not a sleep, clock, accessor, operator or random source
  bool isOperation = false; // an attempt whose outcome the loop tests: what it retries
  const clang::VarDecl *resultVar = nullptr; // the variable its result is stored in
  bool inTest = false;      // made inside a guard's condition (a call or a sleep helper)
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
  bool spinsOnAtomicOrLock = false;   // compare_exchange, try_lock: not a retry
  bool mentionsEINTR = false;
  bool waitsForReadiness = false;     // poll/select between non-blocking I/O calls: not a retry
  /// Variables assigned from a call inside the loop: testing them tests an outcome.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> outcomeVars;
  /// Outcome variables read off another outcome (code = response->GetStatusCode()): only a
  /// comparison with a good value (Ok, Success) says what they mean; JobState::Running
  /// says nothing about failure.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> derivedOutcomeVars;
};

/// Variables the loop changes: counters, delays, outcomes.
llvm::SmallPtrSet<const clang::VarDecl *, 8> changedVars(const LoopAnatomy &anatomy);

/// The variables whose value decides whether the loop goes on: read by its condition or
/// by the guard of an exit.
llvm::SmallPtrSet<const clang::VarDecl *, 8> testedVars(const LoopAnatomy &anatomy);

/// Dissects a for, while or do loop (range-for loops are never retries).
LoopAnatomy dissectLoop(const clang::Stmt *loop, clang::ASTContext &ctx);

/// A call that waits between attempts: a vocabulary sleep or timed wait, or a project's own
/// wait (Waiter::WaitFor defined elsewhere, a latch whose WaitFor is read here).
bool waitsBetweenAttempts(const clang::CallExpr *call);

/// A call of a same-TU predicate that waits and attempts nothing (bool MayRetry() that
/// counts, sleeps on a member and grows it): its helper, else null.
const clang::FunctionDecl *waitingPredicate(const clang::CallExpr *call);

/// The variables a call writes through their address (Begin(&highest_seen), fn(&again)).
llvm::SmallVector<const clang::VarDecl *, 2> pointerOutputs(const clang::CallExpr *call);

/// A call that attempts an operation (the thing a retry loop re-invokes): not a sleep,
/// clock, accessor, operator, random source or budget consultation.
bool isAttemptCall(const clang::CallExpr *call);

} // namespace retrylint
