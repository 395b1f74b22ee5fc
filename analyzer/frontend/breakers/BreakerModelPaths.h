// The breaker model's path walk: every acyclic path through a breaker's method, the same
// class's helpers inlined, with what the caller knows about the state on the way (which
// states are possible, which locks it holds, which guards admitted it). BreakerModel.cpp
// turns the paths into Breaker facts.
#pragma once

#include "facts/BreakerFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CFG;
}

namespace retrylint::breaker {

/// The state variable and its named values (the enumerators, or the named constants an int
/// state holds). A set of states is a bit mask over `values`.
struct StateDomain {
  struct Value {
    std::string name;
    int64_t value;
  };
  const clang::FieldDecl *field = nullptr;
  bool atomic = false;
  clang::QualType valueType; // the enum (or integer) type of the state, atomic<> removed
  std::vector<Value> values; // at most 64
  int open = -1, halfOpen = -1, closed = -1;

  uint64_t all() const { return values.size() >= 64 ? ~0ull : (1ull << values.size()) - 1; }
  uint64_t bit(int index) const { return index < 0 ? 0 : 1ull << index; }
  /// The state a constant expression names (State::kOpen, kHalfOpen, 2), or -1. A constant
  /// of another enum (a returned Verdict::kRejected) names no state, whatever its number.
  int indexOf(const clang::Expr *e, const clang::ASTContext &ctx) const;
  std::vector<std::string> names(uint64_t states) const;
};

/// The breaker candidate: the class and its state.
struct BreakerClass {
  const clang::CXXRecordDecl *record = nullptr;
  StateDomain state;
  bool threadConfined = false;
  /// Members that some method writes (of the class, its bases, or its members' classes). A
  /// member's sub-field that nothing writes, such as `config_.log_changes`, is configuration,
  /// not a guard.
  std::set<const clang::ValueDecl *> written;
};

using LockSet = std::map<const clang::ValueDecl *, unsigned>; // mutex -> acquisition number

/// A test that admits some callers and turns the others away, as passed on one path.
struct GuardPass {
  ProbeGuardKind kind = ProbeGuardKind::PermitCounter;
  std::vector<const void *> id; // the test and the inlined call sites leading to it
  const clang::Stmt *test = nullptr;
  bool side = true;                                 // the outcome this path took
  std::vector<const clang::ValueDecl *> members;    // the members it tests
  const clang::Expr *limit = nullptr;
  bool atomicReadModifyWrite = false;               // tests the result of fetch_sub, exchange...
  bool halfOpenPossible = false;                    // half-open was possible at the test
  LockSet locks;                                    // held at the test
  bool window = false;  // a time gate whose admitting side is "still inside the window"
  double limitMs = -1;  // a time gate's interval or window, when constant
};

/// A member written on the path (counters, flags, timestamps; not the state).
struct MemberUpdate {
  const clang::ValueDecl *member = nullptr;
  const clang::Stmt *site = nullptr;
  bool atomic = false;
  bool increments = false; // ++, +=, fetch_add: a counter counting admissions
  bool halfOpenPossible = false;
  LockSet locks;
};

/// A write of the state, as seen on one path.
struct StateWriteEvent {
  const clang::Stmt *site = nullptr;
  const clang::FunctionDecl *function = nullptr;
  int to = -1;            // the state written, -1 if not a named state
  uint64_t before = 0;    // the states possible just before
  StateWriteKind kind = StateWriteKind::Plain;
  bool exclusive = false;
  bool locked = false;    // some lock held
  std::string cooldown;   // the duration of the last clock test before it, as written
  double cooldownMs = -1;
};

/// A protected call reached on one path.
struct ProtectedHit {
  const clang::Stmt *reported = nullptr;  // the call in the entry method
  const clang::Stmt *operation = nullptr; // the protected call itself
  uint64_t possible = 0;
  bool stateDependent = false;  // the path branched on the state, or wrote it, before the call
  bool serialized = false;      // a lock held here was held when the state was read
  int entryWrite = -1;          // index in PathTrace::writes of the last move into half-open
  bool entryExclusive = false;  // ... and this caller made it alone
  std::vector<GuardPass> guards;
  std::vector<MemberUpdate> updates;
};

/// Where a path of an entry method returns, and what it returns: for a decision function
/// (allow style) a return of its admit value is where a caller is let through.
struct ReturnPoint {
  const clang::ReturnStmt *stmt = nullptr;
  std::string value; // a key for the returned value ("b:1", "i:2", "(b:1)"); empty if unknown
  ProtectedHit at;   // what the caller knows there, as at a protected call
};

/// One complete path of an entry method.
struct PathTrace {
  std::vector<StateWriteEvent> writes;
  std::vector<ProtectedHit> hits;
  bool atomicOperation = false;
  std::vector<const clang::ValueDecl *> lockedMutexes;
  std::optional<ReturnPoint> returned;
};

/// The CFGs of the methods walked, built once per breaker.
class CfgCache {
public:
  explicit CfgCache(clang::ASTContext &ctx);
  ~CfgCache();
  const clang::CFG *get(const clang::FunctionDecl *fn);

private:
  clang::ASTContext &ctx;
  std::map<const clang::FunctionDecl *, std::unique_ptr<clang::CFG>> cfgs;
};

/// Enumerates the paths of `entry` (helpers of the same class and its member objects
/// inlined, up to a few levels). Returns false when the method has too many paths to walk.
bool walkPaths(clang::ASTContext &ctx, CfgCache &cfgs, const BreakerClass &breaker,
               const clang::FunctionDecl *entry, std::vector<PathTrace> &out);

/// The member functions of `record` that have a body here (member templates included;
/// constructors, destructors, static and assignment operators left out).
std::vector<const clang::FunctionDecl *> methodsOf(const clang::CXXRecordDecl *record);

/// The members that the methods of `record`, its bases and its members' classes write.
std::set<const clang::ValueDecl *> writtenMembers(const clang::CXXRecordDecl *record);

/// The class's fields, then those of its bases (a breaker may keep its state in a base class
/// that it shares with its siblings).
std::vector<const clang::FieldDecl *> fieldsWithBases(const clang::CXXRecordDecl *record);

/// Walks the class's methods and turns the paths into a Breaker fact; none when no method
/// runs a protected operation depending on the state.
std::optional<Breaker> describeBreaker(clang::ASTContext &ctx, const BreakerClass &breaker);

/// An isolation breaker (BreakerModelIsolation.cpp): a tripped flag and an isolation time, no
/// half-open state; none when `record` is not one.
std::optional<Breaker> describeIsolationBreaker(clang::ASTContext &ctx, const clang::CXXRecordDecl *record);

/// The lock held by a `std::lock_guard`-like construct or a mutex expression.
const clang::ValueDecl *mutexOf(const clang::Expr *e);

/// True when `t` is std::atomic<...> (or atomic_flag, boost::atomic); `inner` gets T.
bool isAtomicType(clang::QualType t, clang::QualType *inner = nullptr);

} // namespace retrylint::breaker
