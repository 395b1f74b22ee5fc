// Turns a breaker's walked paths into its Breaker fact: each state write with how it is
// synchronised, and each protected call reached while half-open with the guard that bounds
// the callers it admits (or why the guards it passes do not).
#include "frontend/ast/AstQueries.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"
#include "frontend/breakers/BreakerModelPaths.h"
#include "frontend/ast/SourceSpans.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Index/USRGeneration.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <tuple>

using namespace clang;

namespace retrylint::breaker {
namespace {

using GuardId = std::vector<const void *>;

struct EntryWalk {
  const FunctionDecl *entry;
  std::vector<PathTrace> paths;
  std::string admit; // a decision function's admit value (allow style), else empty
};

/// A state write, over every path that reaches it.
struct WriteSummary {
  StateWriteEvent first;
  uint64_t before = 0;
  bool exclusive = true;
  std::string unguardedVia;
  bool cooldownVaries = false;
};

/// A protected call (or an admitting return), over every path that reaches it while half-open.
struct CallSummary {
  AdmissionKind admission = AdmissionKind::ProtectedCall;
  const FunctionDecl *entry = nullptr;
  const Stmt *operation = nullptr;
  bool unbounded = false;
  int score = -1; // how well the chosen path explains the finding
  const StateWriteEvent *entryWrite = nullptr;
  std::vector<ProbeGuard> guards;
};

bool isAtomicKind(ProbeGuardKind k) {
  return k == ProbeGuardKind::CompareExchange || k == ProbeGuardKind::Exchange ||
         k == ProbeGuardKind::TryLock || k == ProbeGuardKind::SemaphoreTryAcquire;
}

/// The last pass of each guard on the way to the call: the outcome that admitted it.
std::vector<const GuardPass *> lastPasses(const ProtectedHit &h) {
  std::vector<const GuardPass *> out;
  for (const GuardPass &g : h.guards) {
    auto same = [&](const GuardPass *p) { return p->id == g.id; };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it != out.end())
      *it = &g;
    else
      out.push_back(&g);
  }
  return out;
}

/// Why `g` does not bound the callers on this path, or None when it does. `sides` has bit 0
/// when some path to the call took the test's false side, bit 1 for the true side.
GuardFlaw flawOf(const GuardPass &g, const ProtectedHit &h, unsigned sides, bool confined) {
  if (sides == 3)
    return GuardFlaw::NeverRejects;
  if (g.kind == ProbeGuardKind::TimeGate && g.window)
    return GuardFlaw::TimeWindow;
  if (isAtomicKind(g.kind) || g.atomicReadModifyWrite)
    return GuardFlaw::None;
  bool updated = false, together = confined;
  for (const MemberUpdate &u : h.updates) {
    if (std::find(g.members.begin(), g.members.end(), u.member) == g.members.end())
      continue;
    updated = true;
    for (const auto &[mutex, n] : g.locks) {
      auto it = u.locks.find(mutex);
      together |= it != u.locks.end() && it->second == n;
    }
  }
  if (!updated)
    return GuardFlaw::NeverUpdated;
  if (together)
    return GuardFlaw::None;
  bool atomicUpdate = std::any_of(h.updates.begin(), h.updates.end(), [&](const MemberUpdate &u) {
    return u.atomic && std::find(g.members.begin(), g.members.end(), u.member) != g.members.end();
  });
  return atomicUpdate ? GuardFlaw::SeparateAtomicSteps : GuardFlaw::UnlockedCheckThenUpdate;
}

/// The member a guard is about: the one the path updates, else the first it tests.
std::string guardVariable(const GuardPass &g, const ProtectedHit &h) {
  for (const ValueDecl *m : g.members)
    for (const MemberUpdate &u : h.updates)
      if (u.member == m)
        return m->getNameAsString();
  return g.members.empty() ? std::string() : g.members.front()->getNameAsString();
}

/// A name that asks rather than decides: IsOpen(), HasCapacity(), GetState(), state().
bool namesQuery(std::string name) {
  while (!name.empty() && name[0] == '_')
    name.erase(0, 1);
  std::string lower = llvm::StringRef(name).lower();
  for (const char *prefix : {"is", "has", "get", "current", "state", "status"}) {
    llvm::StringRef rest = llvm::StringRef(name).drop_front(std::strlen(prefix));
    if (llvm::StringRef(lower).starts_with(prefix) &&
        (rest.empty() || rest[0] == '_' || std::isupper(static_cast<unsigned char>(rest[0]))))
      return true;
  }
  return false;
}

/// The value a decision function (allow style) returns to admit a caller: the one it returns
/// when the breaker is closed, provided it returns another when the breaker is open. Empty
/// when `w.entry` is not a decision function: it returns nothing, it runs the protected
/// operation itself, it is a const query, or the two values cannot be told apart.
std::string admitValue(const EntryWalk &w, const StateDomain &d) {
  const auto *md = dyn_cast<CXXMethodDecl>(w.entry);
  if (!md || md->isConst() || md->getReturnType()->isVoidType())
    return {};
  std::set<std::string> closed, closedOrHalfOpen, open;
  bool changes = false;
  for (const PathTrace &p : w.paths) {
    if (!p.hits.empty())
      return {}; // execute style: judged at its protected calls
    changes |= !p.writes.empty() || (p.returned && !p.returned->at.updates.empty());
    if (!p.returned || !p.returned->at.stateDependent)
      continue;
    uint64_t possible = p.returned->at.possible;
    bool c = possible & d.bit(d.closed), o = possible & d.bit(d.open);
    if (possible == d.bit(d.closed))
      closed.insert(p.returned->value);
    else if (c && !o)
      closedOrHalfOpen.insert(p.returned->value);
    if (o && !c)
      open.insert(p.returned->value);
  }
  const std::set<std::string> &admits = closed.empty() ? closedOrHalfOpen : closed;
  if (admits.size() != 1 || admits.begin()->empty())
    return {};
  const std::string &admit = *admits.begin();
  bool rejects = std::any_of(open.begin(), open.end(),
                             [&](const std::string &v) { return !v.empty() && v != admit; });
  if (!rejects || (namesQuery(md->getNameAsString()) && !changes))
    return {};
  return admit;
}

std::string operationText(const Stmt *call, const ASTContext &ctx) {
  if (const auto *ret = dyn_cast<ReturnStmt>(call)) {
    std::string text = ret->getRetValue() ? sourceText(ret->getRetValue()->getSourceRange(), ctx) : "";
    return !text.empty() && text.size() <= 48 && text.find('\n') == std::string::npos ? text
                                                                                        : "its admit value";
  }
  std::string text = sourceText(call->getSourceRange(), ctx);
  if (!text.empty() && text.size() <= 48 && text.find('\n') == std::string::npos)
    return text;
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(call); op && op->getNumArgs() > 0)
    return sourceText(op->getArg(0)->getSourceRange(), ctx) + "(…)";
  if (const auto *c = dyn_cast<CallExpr>(call))
    return unqualified(calleeName(c)) + "(…)";
  return "the protected call";
}

/// Judges one path to a protected call that runs while half-open.
void judge(const ProtectedHit &h, const PathTrace &path, const std::map<GuardId, unsigned> &sides,
           const BreakerClass &bc, const ASTContext &ctx, bool &bounded, ProbeGuard &bound,
           std::vector<ProbeGuard> &flaws) {
  bounded = false;
  if (h.serialized) {
    bounded = true;
    bound = {ProbeGuardKind::SerializedByLock, makeSpan(h.operation->getSourceRange(), ctx), "", "",
             GuardFlaw::None};
    return;
  }
  if (h.entryWrite >= 0 && h.entryExclusive &&
      path.writes[h.entryWrite].to == bc.state.halfOpen) {
    bounded = true;
    bound = {ProbeGuardKind::ExclusiveTransition,
             makeSpan(path.writes[h.entryWrite].site->getSourceRange(), ctx),
             bc.state.field->getNameAsString(), "", GuardFlaw::None};
    return;
  }
  std::set<const ValueDecl *> tested;
  for (const GuardPass *g : lastPasses(h)) {
    tested.insert(g->members.begin(), g->members.end());
    GuardFlaw flaw = flawOf(*g, h, sides.at(g->id), bc.threadConfined);
    ProbeGuard guard{g->kind, makeSpan(g->test->getSourceRange(), ctx), guardVariable(*g, h),
                     g->limit ? sourceText(g->limit->getSourceRange(), ctx) : "", flaw, g->limitMs};
    if (flaw == GuardFlaw::None) {
      bounded = true;
      bound = guard;
      return;
    }
    // A compare-exchange of the state itself is the transition, which the message names.
    bool ofState = g->kind == ProbeGuardKind::CompareExchange && g->members.size() == 1 &&
                   g->members.front() == bc.state.field;
    if (g->halfOpenPossible && !ofState)
      flaws.push_back(guard);
  }
  for (const MemberUpdate &u : h.updates) {
    QualType t = u.member->getType(), inner;
    if (isAtomicType(t, &inner))
      t = inner;
    if (!u.increments || !u.halfOpenPossible || tested.count(u.member) || !t->isIntegerType())
      continue;
    tested.insert(u.member);
    flaws.push_back({ProbeGuardKind::PermitCounter, makeSpan(u.site->getSourceRange(), ctx),
                     u.member->getNameAsString(), "", GuardFlaw::NeverCompared});
  }
}

bool spanLess(const SourceSpan &a, const SourceSpan &b) {
  return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
}

/// The methods a caller from outside can start in: public ones, and those no other method
/// of the class calls.
std::vector<const FunctionDecl *> entryMethods(const std::vector<const FunctionDecl *> &methods) {
  std::set<std::string> calledInside;
  for (const FunctionDecl *m : methods)
    forEachDescendant(m->getBody(), [&](const Stmt *s) {
      if (const auto *mc = dyn_cast<CXXMemberCallExpr>(s)) {
        if (isa_and_nonnull<CXXThisExpr>(mc->getImplicitObjectArgument()->IgnoreParenImpCasts()))
          if (const CXXMethodDecl *md = mc->getMethodDecl())
            calledInside.insert(md->getNameAsString());
      } else if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(s)) {
        if (ume->isImplicitAccess())
          calledInside.insert(ume->getName().getAsString());
      }
      return true;
    });
  std::vector<const FunctionDecl *> out;
  for (const FunctionDecl *m : methods)
    if (m->getAccess() == AS_public || !calledInside.count(m->getNameAsString()))
      out.push_back(m);
  return out;
}

} // namespace

std::optional<Breaker> describeBreaker(ASTContext &ctx, const BreakerClass &bc) {
  const StateDomain &d = bc.state;
  CfgCache cfgs(ctx);
  std::vector<EntryWalk> walks;
  bool dependent = false;
  for (const FunctionDecl *m : entryMethods(methodsOf(bc.record))) {
    EntryWalk walk{m, {}, {}};
    if (!walkPaths(ctx, cfgs, bc, m, walk.paths))
      continue; // too many paths to judge: say nothing about this method
    walk.admit = admitValue(walk, d);
    for (const PathTrace &p : walk.paths) {
      for (const ProtectedHit &h : p.hits)
        dependent |= h.stateDependent;
      dependent |= !walk.admit.empty(); // the decision depends on the state by construction
    }
    walks.push_back(std::move(walk));
  }
  if (!dependent)
    return std::nullopt;

  // State writes, over all paths.
  // Keyed by site and value: a helper that writes its parameter (SetState(kOpen)) writes
  // several states at one site.
  std::map<std::pair<const Stmt *, int>, WriteSummary> writes;
  bool halfOpenReachable = false;
  std::set<const ValueDecl *> locked;
  for (const EntryWalk &w : walks)
    for (const PathTrace &p : w.paths) {
      locked.insert(p.lockedMutexes.begin(), p.lockedMutexes.end());
      for (const StateWriteEvent &ev : p.writes) {
        auto [it, fresh] = writes.emplace(std::make_pair(ev.site, ev.to), WriteSummary{ev, 0, true, {}, false});
        WriteSummary &s = it->second;
        s.before |= ev.before;
        s.exclusive &= ev.exclusive;
        if (s.first.cooldown.empty() && !ev.cooldown.empty()) {
          s.first.cooldown = ev.cooldown;
          s.first.cooldownMs = ev.cooldownMs;
        } else if (!ev.cooldown.empty() &&
                   (ev.cooldown != s.first.cooldown || ev.cooldownMs != s.first.cooldownMs)) {
          s.cooldownVaries = true; // a growing cooldown: no one value to quote
        }
        if (!ev.locked && !p.atomicOperation && s.unguardedVia.empty())
          s.unguardedVia = w.entry->getQualifiedNameAsString();
        halfOpenReachable |= ev.to == d.halfOpen || (ev.to < 0 && ev.kind != StateWriteKind::CompareExchange);
      }
    }

  // Protected calls reached while half-open.
  std::map<const Stmt *, CallSummary> calls;
  for (const EntryWalk &w : walks) {
    std::map<const Stmt *, std::vector<std::pair<const PathTrace *, const ProtectedHit *>>> byCall;
    for (const PathTrace &p : w.paths)
      for (const ProtectedHit &h : p.hits)
        byCall[h.reported].push_back({&p, &h});
    // Allow style: every return of the admit value is where a caller is let through.
    for (const PathTrace &p : w.paths)
      if (!w.admit.empty() && p.returned && p.returned->value == w.admit)
        byCall[p.returned->at.reported].push_back({&p, &p.returned->at});
    for (const auto &[call, hits] : byCall) {
      std::map<GuardId, unsigned> sides;
      for (const auto &[p, h] : hits)
        for (const GuardPass *g : lastPasses(*h))
          sides[g->id] |= g->side ? 2u : 1u;
      for (const auto &[p, h] : hits) {
        if (!halfOpenReachable || !h->stateDependent || !(h->possible & d.bit(d.halfOpen)))
          continue;
        bool bounded;
        ProbeGuard bound;
        std::vector<ProbeGuard> flaws;
        judge(*h, *p, sides, bc, ctx, bounded, bound, flaws);
        CallSummary &c = calls[call];
        c.entry = w.entry;
        c.admission = isa<ReturnStmt>(call) ? AdmissionKind::AdmitReturn : AdmissionKind::ProtectedCall;
        // Keep the worst path: unbounded over bounded, then the one that explains most.
        int score = bounded ? 0 : 1 + (flaws.empty() ? 0 : 2) + (h->entryWrite >= 0 ? 1 : 0);
        if (c.score >= 0 && (bounded || (c.unbounded && score <= c.score)))
          continue;
        c.unbounded = !bounded;
        c.score = score;
        c.operation = h->operation;
        c.entryWrite = h->entryWrite >= 0 ? &p->writes[h->entryWrite] : nullptr;
        c.guards = bounded ? std::vector<ProbeGuard>{bound} : flaws;
      }
    }
  }

  Breaker b;
  const FieldDecl *field = d.field;
  b.usr = usrOf(bc.record);
  b.name = bc.record->getQualifiedNameAsString();
  b.decl = makeSpan(SourceRange(bc.record->getLocation()), ctx);
  b.stateField = field->getNameAsString();
  b.stateType = field->getType().getAsString(ctx.getPrintingPolicy());
  b.openState = d.values[d.open].name;
  b.halfOpenState = d.values[d.halfOpen].name;
  b.closedState = d.values[d.closed].name;
  b.stateAtomic = d.atomic;
  b.threadConfined = bc.threadConfined;
  std::set<std::string> mutexes;
  for (const FieldDecl *f : bc.record->fields()) {
    const CXXRecordDecl *r = f->getType()->getAsCXXRecordDecl();
    if (isMutexTypeName(r ? r->getNameAsString() : f->getType().getAsString()))
      mutexes.insert(f->getNameAsString());
    else if (f != field && isAtomicType(f->getType()))
      b.atomics.push_back(f->getNameAsString());
  }
  for (const ValueDecl *m : locked)
    if (m != field) // the stand-in lock of a method that REQUIRES its caller's lock
      mutexes.insert(m->getNameAsString());
  b.mutexes.assign(mutexes.begin(), mutexes.end());

  std::vector<std::pair<std::pair<const Stmt *, int>, BreakerStateWrite>> facts;
  for (const auto &[key, s] : writes) {
    const Stmt *site = key.first;
    BreakerStateWrite w;
    w.span = makeSpan(site->getSourceRange(), ctx);
    w.functionName = s.first.function->getQualifiedNameAsString();
    if (s.first.to >= 0)
      w.toState = d.values[s.first.to].name;
    if (s.before != d.all())
      w.fromStates = d.names(s.before);
    w.kind = s.first.kind;
    w.exclusive = s.exclusive;
    w.unguardedVia = s.unguardedVia;
    w.cooldown = s.cooldownVaries ? std::string() : s.first.cooldown;
    w.cooldownMs = s.cooldownVaries ? -1 : s.first.cooldownMs;
    facts.push_back({key, std::move(w)});
  }
  std::sort(facts.begin(), facts.end(),
            [](const auto &x, const auto &y) {
              return spanLess(x.second.span, y.second.span) ||
                     (!spanLess(y.second.span, x.second.span) && x.second.toState < y.second.toState);
            });
  std::map<std::pair<const Stmt *, int>, int> writeIndex;
  for (const auto &[key, w] : facts) {
    writeIndex[key] = static_cast<int>(b.stateWrites.size());
    b.stateWrites.push_back(w);
  }

  for (const auto &[call, c] : calls) {
    HalfOpenCall h;
    h.admission = c.admission;
    h.call = makeSpan(call->getSourceRange(), ctx);
    h.operation = operationText(c.operation, ctx);
    h.functionName = c.entry->getQualifiedNameAsString();
    h.bounded = !c.unbounded;
    h.entryWrite = c.entryWrite ? writeIndex.at({c.entryWrite->site, c.entryWrite->to}) : -1;
    h.guards = c.guards;
    b.halfOpenCalls.push_back(std::move(h));
  }
  std::sort(b.halfOpenCalls.begin(), b.halfOpenCalls.end(),
            [](const HalfOpenCall &x, const HalfOpenCall &y) { return spanLess(x.call, y.call); });
  return b;
}

} // namespace retrylint::breaker
