// Walks the acyclic paths of a breaker method over Clang's CFG (each loop body at most
// twice), inlining the class's own helpers, and applies each statement's effect on what the
// caller knows: locks taken and released, state reads and writes, members updated, the
// protected call reached.
#include "frontend/breakers/BreakerModelWalker.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/breakers/BreakerModelNames.h"
#include "frontend/ast/CallNames.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace retrylint::breaker {
namespace {

constexpr unsigned MaxInlineDepth = 4;
constexpr size_t MaxSteps = 40000; // blocks visited per entry method
constexpr size_t MaxPaths = 4000;
constexpr unsigned MaxVisitsPerBlock = 2; // a loop body runs at most twice on a path
constexpr unsigned MaxPathLength = 1500;  // blocks on one path: bounds the recursion depth

/// The parameter a callable is invoked through: fn(), std::forward<F>(fn)(), std::invoke(fn).
const Expr *invokedObject(const Expr *e) {
  if (const auto *op = dyn_cast<CXXOperatorCallExpr>(e))
    return op->getOperator() == OO_Call && op->getNumArgs() > 0 ? op->getArg(0) : nullptr;
  const auto *call = dyn_cast<CallExpr>(e);
  if (!call || isa<CXXMemberCallExpr>(call))
    return nullptr;
  std::string name = calleeName(call);
  if ((name == "std::invoke" || name == "invoke") && call->getNumArgs() > 0)
    return call->getArg(0);
  const Expr *callee = strip(call->getCallee());
  if (const auto *inner = dyn_cast<CallExpr>(callee)) { // std::forward<F>(fn)()
    std::string n = unqualified(calleeName(inner));
    if ((n == "forward" || n == "move") && inner->getNumArgs() == 1)
      return inner->getArg(0);
  }
  if (isa<DeclRefExpr>(callee) || isa<MemberExpr>(callee))
    return callee;
  return nullptr;
}

} // namespace

CfgCache::CfgCache(ASTContext &ctx) : ctx(ctx) {}
CfgCache::~CfgCache() = default;

const CFG *CfgCache::get(const FunctionDecl *fn) {
  auto it = cfgs.find(fn);
  if (it != cfgs.end())
    return it->second.get();
  std::unique_ptr<CFG> cfg;
  if (fn->getBody()) {
    CFG::BuildOptions options;
    options.setAllAlwaysAdd();
    options.AddImplicitDtors = true;
    options.PruneTriviallyFalseEdges = true;
    cfg = CFG::buildCFG(fn, fn->getBody(), &ctx, options);
  }
  return cfgs.emplace(fn, std::move(cfg)).first->second.get();
}

bool walkPaths(ASTContext &ctx, CfgCache &cfgs, const BreakerClass &breaker,
               const FunctionDecl *entry, std::vector<PathTrace> &out) {
  return Walker(ctx, cfgs, breaker).run(entry, out);
}

bool Walker::run(const FunctionDecl *fn, std::vector<PathTrace> &paths) {
  const CFG *cfg = cfgs.get(fn);
  if (!cfg)
    return false;
  activations.push_back(Activation{fn, nullptr, nullptr, cfg, 0});
  entry = &activations.back();
  out = &paths;
  PathState st;
  st.possible = domain.all();
  // A method that documents that its caller holds the lock (REQUIRES(mu_), FooLocked()).
  llvm::StringRef name = fn->getName();
  if (fn->hasAttr<RequiresCapabilityAttr>() || name.ends_with("Locked") || name.ends_with("_locked"))
    acquire(domain.field, st);
  runFunction(entry, std::move(st), [this](PathState &done) { finishPath(done); });
  return !exhausted;
}

void Walker::finishPath(PathState &st) {
  auto push = [this](PathState &done, std::string value) {
    if (out->size() >= MaxPaths) {
      exhausted = true;
      return;
    }
    if (done.retStmt)
      done.trace.returned = ReturnPoint{done.retStmt, std::move(value), snapshot(entry, done.retStmt, done)};
    out->push_back(std::move(done.trace));
  };
  const Expr *value = st.retStmt ? st.ret.expr : nullptr;
  std::string key = value ? valueKey(st.ret, st) : std::string();
  if (!value || !key.empty() || !strip(value)->getType()->isBooleanType()) {
    push(st, std::move(key));
    return;
  }
  // return CooldownOver() && BeginProbe(): the callers it admits are those for whom it is true.
  for (bool truth : {true, false}) {
    PathState side = st;
    if (assume(side.ret, truth, side))
      push(side, truth ? "b:1" : "b:0");
  }
}

void Walker::runFunction(const Activation *act, PathState st, const Exit &exit) {
  if (scanned.insert(act->fn).second)
    forEachDescendant(act->fn->getBody(), [&](const Stmt *s) {
      const Expr *target = nullptr;
      if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->isAssignmentOp())
        target = bo->getLHS();
      else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s); op && op->isAssignmentOp())
        target = op->getArg(0);
      else if (const auto *mc = dyn_cast<CXXMemberCallExpr>(s)) {
        std::string m = memberName(mc);
        if (m == "store" || m == "exchange")
          target = mc->getImplicitObjectArgument();
      }
      if (target && memberOf(target) == domain.field)
        writeTargets.insert(strip(target));
      return true;
    });
  walkBlock(act, &act->cfg->getEntry(), 0, std::move(st), exit);
}

void Walker::walkBlock(const Activation *act, const CFGBlock *block, unsigned from, PathState st,
                       const Exit &exit) {
  if (exhausted)
    return;
  if (from == 0) {
    if (++steps > MaxSteps) {
      exhausted = true;
      return;
    }
    if (++st.length > MaxPathLength) {
      exhausted = true;
      return;
    }
    unsigned &visits = st.visits[{act, block->getBlockID()}];
    if (visits >= MaxVisitsPerBlock)
      return;
    ++visits;
  }
  if (block == &act->cfg->getExit()) {
    exit(st);
    return;
  }
  for (unsigned i = from; i < block->size(); ++i) {
    const CFGElement &element = (*block)[i];
    if (std::optional<CFGStmt> cs = element.getAs<CFGStmt>()) {
      const Stmt *s = cs->getStmt();
      if (const FunctionDecl *callee = inlineTarget(s, act)) {
        activations.push_back(
            Activation{callee, act, cast<Expr>(s), cfgs.get(callee), act->depth + 1});
        const Expr *call = cast<Expr>(s);
        runFunction(&activations.back(), std::move(st),
                    [this, act, block, i, call, &exit](PathState &after) {
                      PathState next = after;
                      next.results[{act, call}] = next.ret;
                      next.ret = {};
                      walkBlock(act, block, i + 1, std::move(next), exit);
                    });
        return;
      }
      if (!apply(act, s, st))
        return;
    } else if (std::optional<CFGAutomaticObjDtor> dtor = element.getAs<CFGAutomaticObjDtor>()) {
      auto it = st.lockVars.find({act, dtor->getVarDecl()});
      if (it != st.lockVars.end()) {
        st.held.erase(it->second);
        st.lockVars.erase(it);
      }
    }
  }
  follow(act, block, std::move(st), exit);
}

void Walker::follow(const Activation *act, const CFGBlock *block, PathState st, const Exit &exit) {
  const Stmt *term = block->getTerminatorStmt();
  if (const auto *sw = dyn_cast_or_null<SwitchStmt>(term)) {
    bool onState = isStateRead({sw->getCond(), act}, st);
    uint64_t labelled = 0;
    for (const SwitchCase *c = sw->getSwitchCaseList(); c && onState; c = c->getNextSwitchCase())
      if (const auto *cs = dyn_cast<CaseStmt>(c))
        labelled |= domain.bit(domain.indexOf(cs->getLHS(), ctx));
    for (const CFGBlock::AdjacentBlock &succ : block->succs()) {
      const CFGBlock *next = succ.getReachableBlock();
      if (!next)
        continue;
      PathState branch = st;
      if (onState) {
        branch.stateDependent = true;
        if (const auto *cs = dyn_cast_or_null<CaseStmt>(next->getLabel())) {
          if (int index = domain.indexOf(cs->getLHS(), ctx); index >= 0)
            branch.possible &= domain.bit(index);
        } else {
          branch.possible &= ~labelled; // default, or past a switch without one
        }
        if (!branch.possible)
          continue;
      }
      walkBlock(act, next, 0, std::move(branch), exit);
    }
    return;
  }
  bool twoWay = term && block->succ_size() == 2 &&
                (isa<IfStmt, WhileStmt, DoStmt, ForStmt, ConditionalOperator,
                     BinaryConditionalOperator>(term) ||
                 (isa<BinaryOperator>(term) && cast<BinaryOperator>(term)->isLogicalOp()));
  const Expr *cond = twoWay ? block->getLastCondition() : nullptr;
  unsigned index = 0;
  for (const CFGBlock::AdjacentBlock &succ : block->succs()) {
    bool truth = index++ == 0;
    const CFGBlock *next = succ.getReachableBlock();
    if (!next)
      continue;
    PathState branch = st;
    if (cond && !assume({cond, act}, truth, branch))
      continue;
    if (cond)
      branch.decided[{act, strip(cond)}] = truth;
    walkBlock(act, next, 0, std::move(branch), exit);
  }
}

const FunctionDecl *Walker::inlineTarget(const Stmt *s, const Activation *act) const {
  const auto *call = dyn_cast<CallExpr>(s);
  if (!call || isa<CXXOperatorCallExpr>(call) || act->depth >= MaxInlineDepth)
    return nullptr;
  const CXXRecordDecl *record = breaker.record;
  const FunctionDecl *callee = nullptr;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(call)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || md->isVirtual())
      return nullptr;
    const Expr *object = strip(mc->getImplicitObjectArgument());
    bool onThis = object && isa<CXXThisExpr>(object);
    const auto *member = dyn_cast_or_null<MemberExpr>(object);
    bool onMember = member && isa<FieldDecl>(member->getMemberDecl()) &&
                    isa<CXXThisExpr>(strip(member->getBase()));
    if (onThis && md->getParent()->getCanonicalDecl() != record->getCanonicalDecl() &&
        !record->isDerivedFrom(md->getParent()))
      return nullptr;
    if (!onThis && !onMember)
      return nullptr;
    callee = md;
  } else if (const auto *ume = dyn_cast<UnresolvedMemberExpr>(strip(call->getCallee()))) {
    if (!ume->isImplicitAccess())
      return nullptr;
    for (const NamedDecl *d : ume->decls()) {
      const NamedDecl *u = d->getUnderlyingDecl();
      if (const auto *ft = dyn_cast<FunctionTemplateDecl>(u))
        u = ft->getTemplatedDecl();
      if (const auto *md = dyn_cast<CXXMethodDecl>(u); md && !md->isVirtual()) {
        callee = md;
        break;
      }
    }
  } else if (const auto *md = dyn_cast_or_null<CXXMethodDecl>(call->getDirectCallee())) {
    if (md->isStatic() && md->getParent()->getCanonicalDecl() == record->getCanonicalDecl())
      callee = md;
  }
  if (!callee || isa<CXXConstructorDecl>(callee) || isa<CXXDestructorDecl>(callee))
    return nullptr;
  if (const FunctionDecl *pattern = callee->getTemplateInstantiationPattern())
    callee = pattern;
  const FunctionDecl *def = nullptr;
  if (!callee->hasBody(def) || !def ||
      ctx.getSourceManager().isInSystemHeader(def->getLocation()))
    return nullptr;
  for (const Activation *a = act; a; a = a->caller)
    if (a->fn == def)
      return nullptr;
  return cfgs.get(def) ? def : nullptr;
}

bool Walker::isProtectedCall(const Stmt *s, const Activation *act, const PathState &st) const {
  const auto *e = dyn_cast<Expr>(s);
  if (!e)
    return false;
  if (const auto *mc = dyn_cast<CXXMemberCallExpr>(e)) {
    const CXXMethodDecl *md = mc->getMethodDecl();
    if (!md || !md->isVirtual() || isa<CXXDestructorDecl>(md) || md->isInStdNamespace() ||
        namesHook(md->getNameAsString()))
      return false;
    const Expr *object = strip(mc->getImplicitObjectArgument());
    if (const auto *member = dyn_cast_or_null<MemberExpr>(object))
      if (namesHook(member->getMemberDecl()->getNameAsString()))
        return false; // clock_->Now(), listener_->Changed()
    return true;
  }
  const Expr *object = invokedObject(e);
  if (!object)
    return false;
  Binding source = resolve({object, act}, st);
  const Expr *o = strip(source.expr);
  if (const auto *ref = dyn_cast_or_null<DeclRefExpr>(o))
    return isa<ParmVarDecl>(ref->getDecl());
  if (const auto *member = dyn_cast_or_null<MemberExpr>(o))
    return isa<FieldDecl>(member->getMemberDecl()) &&
           !namesHook(member->getMemberDecl()->getNameAsString());
  return false;
}

ProtectedHit Walker::snapshot(const Activation *act, const Stmt *at, const PathState &st) const {
  ProtectedHit h;
  h.operation = at;
  h.reported = at;
  for (const Activation *a = act; a->caller; a = a->caller)
    h.reported = a->site;
  h.possible = st.possible;
  h.stateDependent = st.stateDependent;
  h.entryWrite = st.entryWrite;
  h.entryExclusive = st.entryExclusive;
  h.guards = st.guards;
  h.updates = st.updates;
  return h;
}

void Walker::hit(const Activation *act, const Stmt *call, PathState &st) {
  ProtectedHit h = snapshot(act, call, st);
  for (const auto &[mutex, n] : st.held) {
    auto it = st.readLocks.find(mutex);
    h.serialized |= it != st.readLocks.end() && it->second == n;
  }
  st.trace.hits.push_back(std::move(h));
}

} // namespace retrylint::breaker
