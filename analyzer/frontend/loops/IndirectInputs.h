// A walk's index does not always reach the attempted call as an argument. It can travel through
// a field of a request built in the turn (query.path = paths[i]; Supports(query)), through a
// member that the called method reads (tier_ = TierByRank(i); Plan()), or sit in a cursor that
// the for-increment steps (for (; it->Valid(); it->Next())). Every turn still works on another
// item. A field that only numbers or times the try (req.attempt = i + 1, timeout_ms_) is no item.
#pragma once

#include "frontend/loops/LoopAnatomy.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <string>

namespace retrylint {

using MovingVars = llvm::SmallPtrSetImpl<const clang::VarDecl *>;

/// A call that moves a cursor on by its name: next, pop, advance, dequeue, a fresh id.
bool stepsToNext(const clang::CallExpr *call);

/// The cursors the for-increment steps (it->Next(), cursor.Advance()), unless the loop also
/// starts them over: each turn reads the next item.
void addCursorsSteppedByIncrement(const LoopAnatomy &a, MovingVars &moving);

/// Adds the locals whose field the loop sets from an item picked by what moves
/// (query.path = paths[i]); true when one was added.
bool addRequestsFilledFromMoving(const LoopAnatomy &a, MovingVars &moving);

/// The members of this object the loop sets from an item picked by what moves
/// (tier_ = TierByRank(i)).
llvm::SmallPtrSet<const clang::FieldDecl *, 4> membersSetFromMoving(const LoopAnatomy &a,
                                                                    const MovingVars &moving);

/// The member of `members` that `call` takes: as an argument, or as a method of this object
/// whose body reads it (Plan() reading tier_). "" when none.
std::string movingMemberInput(const clang::CallExpr *call,
                              const llvm::SmallPtrSetImpl<const clang::FieldDecl *> &members);

} // namespace retrylint
