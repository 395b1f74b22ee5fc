// The TU's call graph as a retry with no loop statement travels it: direct calls, and the
// callables handed to other calls, which run later — as a completion handler of an operation
// (callback), when a timer fires, after a delay, when posted, or as a future's continuation.
// Project helpers that hand their callable parameter to one of these (backoff_then_retry(d,
// fn), an async delay functor) schedule like what they wrap.
#pragma once

#include "frontend/ast/CallNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace retrylint {

enum class EdgeKind { Direct, Callback, Timer, Schedule, Post, Continuation, ErrorContinuation };

/// A step from one function to another.
struct ReinvocationEdge {
  const clang::FunctionDecl *from = nullptr, *to = nullptr;
  const clang::Expr *call = nullptr; // the call (or construction) in `from` that makes the step
  EdgeKind kind = EdgeKind::Direct;
  const clang::Expr *delay = nullptr;     // Timer, Schedule: the delay as written
  const clang::FunctionDecl *delayIn = nullptr; // the function whose body holds `delay`
  SleepCallInfo unit{0, DelayUnit::Milliseconds};
  std::string scheduler; // the scheduling call or helper, for messages
};

class ReinvocationGraph {
public:
  explicit ReinvocationGraph(clang::ASTContext &ctx);

  const std::vector<const clang::FunctionDecl *> &functions() const { return nodes; }
  const std::vector<ReinvocationEdge> &edgesFrom(const clang::FunctionDecl *fd) const;
  /// The function whose body holds a lambda (for a lambda's call operator), or null.
  const clang::FunctionDecl *enclosing(const clang::FunctionDecl *fd) const;
  /// A callable handed to an operation: its parameters carry the operation's outcome.
  bool isCompletionHandler(const clang::FunctionDecl *fd) const { return completion.count(fd) > 0; }
  /// A callable run by a timer, a schedule or a post: its parameters say whether the timer
  /// was cancelled, not whether an attempt failed.
  bool isDeferredHandler(const clang::FunctionDecl *fd) const { return deferred.count(fd) > 0; }
  /// A callable run only when something failed (onError, thenError).
  bool isErrorHandler(const clang::FunctionDecl *fd) const { return errorHandlers.count(fd) > 0; }

  /// The function a call reaches in this TU's user code (templates' calls on `self->`
  /// resolved by name in the enclosing class), or null.
  const clang::FunctionDecl *resolve(const clang::CallExpr *call, const clang::FunctionDecl *in) const;

  /// The graph node for a declaration: its template pattern's definition.
  static const clang::FunctionDecl *node(const clang::FunctionDecl *fd);

private:
  struct Helper {
    EdgeKind kind;
    unsigned callableParam;
    const clang::Expr *delay = nullptr;
    int delayParam = -1;
    SleepCallInfo unit{0, DelayUnit::Milliseconds};
    std::string scheduler;
  };
  void collect();
  void findHelpers();
  void addEdges(const clang::FunctionDecl *fd);
  void addCallableEdges(const clang::FunctionDecl *fd, const clang::Expr *call,
                        llvm::ArrayRef<const clang::Expr *> args, unsigned argOffset);
  /// The timer arm (expires_after(d)) before `wait` on the same timer in `fd`'s body.
  const clang::CallExpr *armBefore(const clang::CallExpr *wait, const clang::FunctionDecl *fd) const;
  /// The delay argument of a ScheduleAfter call.
  const clang::Expr *scheduleDelayArg(const clang::CallExpr *call, unsigned skipArg) const;
  bool inUserCode(const clang::Decl *d) const;

  clang::ASTContext &ctx;
  std::vector<const clang::FunctionDecl *> nodes;
  std::set<const clang::FunctionDecl *> known;
  std::map<const clang::FunctionDecl *, std::vector<ReinvocationEdge>> edges;
  std::map<const clang::FunctionDecl *, const clang::FunctionDecl *> lambdaParent;
  std::set<const clang::FunctionDecl *> completion, deferred, errorHandlers;
  std::map<const clang::FunctionDecl *, Helper> helpers;
};

/// The callable an argument hands over: a lambda, a function, &Class::method, or one wrapped
/// in bind / bind_executor / bind_callback. Null when it is none of these (a variable).
const clang::FunctionDecl *handedCallable(const clang::Expr *arg);

} // namespace retrylint
