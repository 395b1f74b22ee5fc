// The walk of the re-invocation model: every call a function makes to itself or to another
// method of the same object, lambdas included, with the steps that lead to it (the branches and
// early exits, the catch blocks, the lambdas and the calls they are handed to, the waits run
// before). Reinvocations.cpp judges which of them close a retry cycle.
#pragma once

#include "frontend/ast/AstQueries.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <string>
#include <vector>

namespace retrylint::reschedule {

/// One step on the way from the function's body down to a call.
struct Step {
  enum class Kind { Guard, Catch, Lambda, Wait };
  Kind kind;
  const clang::Expr *cond = nullptr;          // Guard: holds (or, negated, fails) on the way
  bool negated = false;
  bool implied = false;                // Guard: implied by an earlier `if (cond) return;`
  std::vector<const clang::Expr *> cases; // Guard of a switch on `cond`: the case values it takes
  bool unsettled = false; // ... a default, or labels joined by a fallthrough after statements
  std::vector<const clang::CallExpr *> carriers; // Lambda: the calls it is handed to, innermost last
  const clang::CallExpr *wait = nullptr;      // Wait: a sleep, timer arm or project wait run before
  const clang::CXXTryStmt *tryStmt = nullptr; // Catch: the try block whose failure it handles
};

/// A call from one function to itself or to another function of the same object, with the
/// steps that lead to it: one edge of a possible retry cycle.
struct Reinvocation {
  const clang::CallExpr *call = nullptr;  // the call, or the call that binds the function (std::bind)
  const clang::FunctionDecl *target = nullptr; // canonical
  bool bound = false;              // handed on by name, not called: its arguments are not seen
  std::vector<Step> path;
  /// Handed to a helper defined in another TU (`retrier_.DelayedRetry(this, s)`), which may run
  /// `declared` (the method as its parameter's class declares it) later: the link decides.
  const clang::FunctionDecl *helper = nullptr;
  unsigned helperParam = 0;
  const clang::CXXMethodDecl *declared = nullptr;
};


/// An unqualified callee name in lower case: `async_wait`, `next_host`.
std::string lowerName(const std::string &qualified);

/// `e` is the object the function runs on: this, a copy of it (self = shared_from_this(),
/// a captured self, weak.lock()).
bool sameObject(const clang::Expr *e, unsigned depth = 0);

/// Walks one function's body, lambdas included, and collects the calls that re-invoke it.
class PathWalker {
public:
  explicit PathWalker(const clang::FunctionDecl *fn) : fn(fn), canonical(fn->getCanonicalDecl()) {
    for (const clang::ParmVarDecl *p : fn->parameters())
      noteOutcomeParam(p);
  }
  /// Walks a helper that was handed an object in `carried`: the calls it makes on it, and the
  /// calls that pass it on to another method of the helper's class.
  PathWalker(const clang::FunctionDecl *fn, const clang::ParmVarDecl *carried) : PathWalker(fn) {
    this->carried = carried;
  }

  std::vector<Reinvocation> found;
  /// Pushes onto a container member of the object (`retry_queue_.push_back(req)`), outside
  /// loops: a retry when a failure path puts the item back for a drain (Requeues.h). No target.
  std::vector<Reinvocation> queued;
  /// Variables holding an attempt's outcome, in the function and its lambdas.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> outcomeVars;
  /// Variables and members stepped by ++, --, += or -=: attempt counters.
  llvm::SmallPtrSet<const clang::Decl *, 8> stepped;
  /// The parameters of the lambdas: what a completed call hands its callback.
  llvm::SmallPtrSet<const clang::VarDecl *, 8> callbackParams;
  /// The parameters of callbacks a timer runs: whether the timer fired or was cancelled, which
  /// says nothing about the attempt.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> timerStatus;

  void walk(const clang::Stmt *s);

private:
  void node(const clang::Stmt *s);
  void walkSwitch(const clang::SwitchStmt *sw);

  /// The function a call re-enters (canonical): this one, or another non-static method of its
  /// class called on the same object. Null for any other call.
  const clang::FunctionDecl *reinvokes(const clang::CallExpr *call) const;

  /// Another non-static method of this method's class, defined in this TU.
  bool sameClass(const clang::FunctionDecl *callee) const;

  /// The one method of this method's class named `name` that sameClass accepts (none when
  /// overloaded): what a dependent `self->name()` in a class template calls.
  const clang::CXXMethodDecl *onlyMethodNamed(const std::string &name) const;

  /// bind(&Session::reconnect, shared_from_this()): a method of this object handed on by name.
  const clang::FunctionDecl *namesFunction(const clang::Expr *arg) const;

  /// A variable assigned from an attempt holds its outcome, and so does one of an outcome's
  /// type (a status code decoded from a reply).
  void noteOutcome(const clang::VarDecl *var, const clang::Expr *value);

  /// A callback's parameter that carries the outcome: an error code, a status, an exception.
  void noteOutcomeParam(const clang::ParmVarDecl *p);

  static bool outcomeTyped(const clang::VarDecl *v);

  void noteStep(const clang::Stmt *s);

  /// In a helper: the calls on the object it was handed, or that pass it on.
  const clang::FunctionDecl *reinvokesCarried(const clang::CallExpr *call) const;

  /// retrier_.retry_later(this, s): the methods of this object the helper schedules again.
  void noteHandedOver(const clang::CallExpr *call);

  const clang::FunctionDecl *fn;
  const clang::FunctionDecl *canonical;
  const clang::ParmVarDecl *carried = nullptr;
  std::vector<Step> path;
  std::vector<const clang::CallExpr *> carriers;
  unsigned depth = 0;
  int loops = 0;
};

} // namespace retrylint::reschedule
