#include "frontend/loops/IndirectInputs.h"

#include "frontend/ast/AstQueries.h"
#include "frontend/ast/CallNames.h"
#include "frontend/ast/NameRegex.h"
#include "frontend/ast/Subscripts.h"
#include "frontend/loops/AttemptBounds.h"
#include "frontend/loops/RetryEvidence.h"
#include "frontend/policies/DelayGrowth.h"

#include "clang/AST/ExprCXX.h"

#include <vector>

using namespace clang;

namespace retrylint {
namespace {

/// A plain store into a field (query.path = ..., tier_ = ...): the local whose field it
/// sets, or the member of this object it sets.
struct FieldStore {
  const VarDecl *request = nullptr;
  const FieldDecl *member = nullptr;
  const ValueDecl *field = nullptr; // the field named on the left
  const Expr *value = nullptr;
};

std::vector<FieldStore> fieldStores(const Stmt *loop) {
  std::vector<FieldStore> stores;
  forEachDescendant(loop, [&](const Stmt *s) {
    const Expr *lhs = nullptr, *value = nullptr;
    if (const auto *bo = dyn_cast<BinaryOperator>(s); bo && bo->getOpcode() == BO_Assign) {
      lhs = bo->getLHS();
      value = bo->getRHS();
    } else if (const auto *op = dyn_cast<CXXOperatorCallExpr>(s);
               op && op->getOperator() == OO_Equal && op->getNumArgs() == 2) {
      lhs = op->getArg(0); // a class-typed field: std::string's operator=
      value = op->getArg(1);
    }
    const auto *member = dyn_cast_or_null<MemberExpr>(lhs ? lhs->IgnoreParenImpCasts() : nullptr);
    if (!member)
      return true;
    FieldStore store{nullptr, policies::thisField(member), member->getMemberDecl(), value};
    const Expr *base = member->getBase()->IgnoreParenImpCasts();
    while (const auto *inner = dyn_cast<MemberExpr>(base)) // request.options.path = ...
      base = inner->getBase()->IgnoreParenImpCasts();
    if (const auto *ref = dyn_cast<DeclRefExpr>(base))
      if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
        store.request = var->getCanonicalDecl();
    if (store.request || store.member)
      stores.push_back(store);
    return true;
  });
  return stores;
}

/// A field that says how the try is made, not what it works on: its number (attempt,
/// retries) or its timing (timeout_ms, delay, deadline).
bool describesTheTry(llvm::StringRef name) {
  static const NameRegex Timing("(delay|sleep|wait|interval|pause|jitter)", NameRegex::IgnoreCase);
  return namesRetry(name) || namesDeadline(name) || Timing.match(name);
}

/// `value` picks an item by what moves (names[i], RankedTier(i), it->key()), rather than
/// counting with it (round + 1, 500 * (round + 1)): a count numbers or times the try.
bool picksItemBy(const Expr *value, const MovingVars &moving) {
  bool picks = false;
  forEachDescendant(value, [&](const Stmt *s) {
    if (const Expr *index = subscriptIndex(s))
      picks = readsAnyOf(index, moving);
    else if (isa<CXXOperatorCallExpr>(s))
      return true; // arithmetic on a class value (a duration times the round)
    else if (isa<CallExpr>(s))
      picks = readsAnyOf(s, moving);
    else if (const auto *member = dyn_cast<MemberExpr>(s))
      picks = readsAnyOf(member->getBase(), moving);
    return !picks;
  });
  return picks;
}

bool setFromItem(const FieldStore &store, const MovingVars &moving) {
  return store.value && !describesTheTry(store.field->getName()) && picksItemBy(store.value, moving);
}

/// The variable a member call is made on: it in it.Next(), it->Next() on a pointer or a
/// smart pointer.
const VarDecl *cursorOf(const CallExpr *call) {
  const Expr *object = objectOf(call);
  object = object ? object->IgnoreParenImpCasts() : nullptr;
  if (const auto *arrow = dyn_cast_or_null<CXXOperatorCallExpr>(object);
      arrow && arrow->getOperator() == OO_Arrow && arrow->getNumArgs() == 1)
    object = arrow->getArg(0)->IgnoreParenImpCasts();
  const auto *ref = dyn_cast_or_null<DeclRefExpr>(object);
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return var ? var->getCanonicalDecl() : nullptr;
}

} // namespace

bool stepsToNext(const CallExpr *call) {
  static const NameRegex Next("(next|pop|front|first|generat|random|advance|shift|"
                              "dequeue|take|new_?id|unique|fresh|successor)",
                              NameRegex::IgnoreCase);
  return Next.match(unqualified(calleeName(call)));
}

void addCursorsSteppedByIncrement(const LoopAnatomy &a, MovingVars &moving) {
  forEachDescendant(a.inc, [&](const Stmt *s) {
    if (const auto *call = dyn_cast<CallExpr>(s); call && stepsToNext(call) && !restartsWalk(a, call))
      if (const VarDecl *cursor = cursorOf(call); cursor && !namesRetry(cursor->getName()))
        moving.insert(cursor);
    return true;
  });
}

bool addRequestsFilledFromMoving(const LoopAnatomy &a, MovingVars &moving) {
  bool added = false;
  for (const FieldStore &store : fieldStores(a.loop))
    if (store.request && !moving.count(store.request) && setFromItem(store, moving))
      added |= moving.insert(store.request).second;
  return added;
}

llvm::SmallPtrSet<const FieldDecl *, 4> membersSetFromMoving(const LoopAnatomy &a, const MovingVars &moving) {
  llvm::SmallPtrSet<const FieldDecl *, 4> members;
  for (const FieldStore &store : fieldStores(a.loop))
    if (store.member && setFromItem(store, moving))
      members.insert(store.member);
  return members;
}

std::string movingMemberInput(const CallExpr *call, const llvm::SmallPtrSetImpl<const FieldDecl *> &members) {
  if (members.empty())
    return {};
  for (const Expr *arg : call->arguments())
    for (const FieldDecl *f : members)
      if (policies::reads(arg, f))
        return f->getNameAsString();
  const auto *method = dyn_cast<CXXMemberCallExpr>(call);
  const FunctionDecl *body = calleeWithBody(call);
  if (!method || !body || !isa<CXXThisExpr>(method->getImplicitObjectArgument()->IgnoreParenImpCasts()))
    return {};
  for (const FieldDecl *f : members)
    if (policies::reads(body->getBody(), f))
      return f->getNameAsString();
  return {};
}

} // namespace retrylint
