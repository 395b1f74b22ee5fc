// Private to the breaker model's path walk: the walker, the state it carries along a path,
// and the value questions it asks (BreakerModelPaths.cpp walks, BreakerModelValues.cpp
// answers what an expression holds and what a branch tells).
#pragma once

#include "frontend/breakers/BreakerModelPaths.h"

#include "clang/Analysis/CFG.h"

#include <deque>
#include <functional>
#include <set>

namespace retrylint::breaker {

struct Activation;

/// An expression, and the inlined call whose parameters and locals it refers to.
struct Binding {
  const clang::Expr *expr = nullptr;
  const Activation *act = nullptr;
};

/// One inlined call of a method: the entry method, or a helper it calls.
struct Activation {
  const clang::FunctionDecl *fn = nullptr;
  const Activation *caller = nullptr;
  const clang::Expr *site = nullptr; // the call in the caller
  const clang::CFG *cfg = nullptr;
  unsigned depth = 0;
};

/// What one caller knows on its way along a path.
struct PathState {
  uint64_t possible = 0;      // the states the breaker may be in
  bool stateDependent = false;
  std::map<std::pair<const Activation *, const clang::VarDecl *>, Binding> locals;
  std::map<std::pair<const Activation *, const clang::Expr *>, Binding> results; // helper calls
  std::map<std::pair<const Activation *, const clang::VarDecl *>, const clang::ValueDecl *> lockVars;
  LockSet held;
  LockSet readLocks; // held at the last read of the state
  unsigned acquisitions = 0;
  std::vector<GuardPass> guards;
  std::vector<MemberUpdate> updates;
  PathTrace trace;
  int entryWrite = -1; // index in trace.writes of the last move into half-open
  bool entryExclusive = false;
  std::string cooldown;
  double cooldownMs = -1;
  Binding ret;
  const clang::ReturnStmt *retStmt = nullptr; // the entry method's return on this path
  /// Conditions this path branched on, with the side it took: a later test of the same
  /// expression (a helper's `return a && b`, re-read by its caller) gets the same answer.
  std::map<std::pair<const Activation *, const clang::Expr *>, bool> decided;
  std::map<std::pair<const Activation *, unsigned>, unsigned> visits; // blocks on the path
  unsigned length = 0;
};

/// The members an expression reads, and whether it reads a clock or does an atomic
/// read-modify-write (following locals, parameters and helper results).
struct ExprReads {
  std::vector<const clang::ValueDecl *> members;
  bool clock = false;
  bool atomicReadModifyWrite = false;
  bool state = false;
};

class Walker {
public:
  Walker(clang::ASTContext &ctx, CfgCache &cfgs, const BreakerClass &breaker)
      : ctx(ctx), cfgs(cfgs), breaker(breaker), domain(breaker.state) {}

  bool run(const clang::FunctionDecl *entry, std::vector<PathTrace> &out);

  // BreakerModelValues.cpp
  Binding resolve(Binding b, const PathState &st) const;
  bool isStateRead(Binding b, const PathState &st) const;
  int stateValue(Binding b, const PathState &st) const;
  std::optional<bool> outcome(Binding b, const PathState &st) const;
  /// A key for the value `b` holds when it is a constant the path can name: "b:1" for true
  /// (or an ok status, an engaged optional, a set error code), "i:2" for an integer or enum
  /// constant, "(b:1,i:0)" for the bool and enum parts of a pair, tuple or aggregate.
  std::string valueKey(Binding b, const PathState &st) const;
  /// The element `index` of a pair, tuple or aggregate that `b` builds, if it can be seen.
  std::optional<Binding> elementOf(Binding b, unsigned index, const PathState &st) const;
  /// Takes the branch where `cond` is `truth`: narrows the states, records guards.
  /// False when the branch cannot be taken on this path.
  bool assume(Binding cond, bool truth, PathState &st);
  ExprReads reads(Binding b, const PathState &st) const;
  /// The member written by `target` (state_, counts_.requests), or null.
  static const clang::ValueDecl *memberOf(const clang::Expr *target);

private:
  using Exit = std::function<void(PathState &)>;

  void runFunction(const Activation *act, PathState st, const Exit &exit);
  void walkBlock(const Activation *act, const clang::CFGBlock *block, unsigned from,
                 PathState st, const Exit &exit);
  void follow(const Activation *act, const clang::CFGBlock *block, PathState st,
              const Exit &exit);
  /// The effects of one statement; false when the path ends here (a throw).
  bool apply(const Activation *act, const clang::Stmt *s, PathState &st);
  const clang::FunctionDecl *inlineTarget(const clang::Stmt *s, const Activation *act) const;
  bool isProtectedCall(const clang::Stmt *s, const Activation *act, const PathState &st) const;
  ProtectedHit snapshot(const Activation *act, const clang::Stmt *at, const PathState &st) const;
  void hit(const Activation *act, const clang::Stmt *call, PathState &st);
  /// The entry method returns on this path: records what it returns, splitting the path when
  /// the value is a test (`return a && TryProbe();`) into its true and false outcomes.
  void finishPath(PathState &st);
  void writeState(const Activation *act, const clang::Stmt *site, Binding value,
                  StateWriteKind kind, PathState &st);
  void update(const clang::Stmt *site, const clang::ValueDecl *member, bool atomic,
              bool counts, PathState &st);
  void acquire(const clang::ValueDecl *mutex, PathState &st);
  void readState(PathState &st);
  bool stateWriteTarget(const clang::Expr *member) const;

  // BreakerModelValues.cpp
  bool assumeComparison(const clang::Expr *test, unsigned opcode, Binding lhs, Binding rhs,
                        bool truth, const Activation *act, PathState &st);
  bool assumeCall(const clang::Expr *call, Binding b, bool truth, PathState &st);
  void guard(ProbeGuardKind kind, const clang::Expr *test, const Activation *act, bool side,
             std::vector<const clang::ValueDecl *> members, const clang::Expr *limit,
             bool atomicRmw, PathState &st);
  void noteCooldown(Binding duration, Binding clockSide, PathState &st);
  /// The duration `duration` holds, when it is constant (a literal, a constant, or a member
  /// every constructor gives the same value); nullopt if `e` is not a duration at all.
  std::optional<double> durationMs(Binding duration, const PathState &st, std::string *text,
                                   const clang::Expr **selected = nullptr) const;
  /// The caller knows something of the state (it branched on it or wrote it), and half-open
  /// is still possible.
  bool halfOpenKnown(const PathState &st) const;

  clang::ASTContext &ctx;
  CfgCache &cfgs;
  const BreakerClass &breaker;
  const StateDomain &domain;
  std::deque<Activation> activations;
  std::vector<PathTrace> *out = nullptr;
  const Activation *entry = nullptr;
  std::set<const clang::Expr *> writeTargets;
  std::set<const clang::FunctionDecl *> scanned;
  size_t steps = 0;
  bool exhausted = false;
};

/// Strips parentheses, implicit casts, cleanups and temporaries.
const clang::Expr *strip(const clang::Expr *e);

/// The name of a class type, without its scope ("" if it is not a class).
std::string recordName(clang::QualType t);

/// The unqualified name of the member function a call calls ("" if none).
std::string memberName(const clang::Expr *call);

} // namespace retrylint::breaker
