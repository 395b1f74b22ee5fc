// Retries through a queue: a failure path puts the failed item back on a queue the object
// holds, and another method of the object drains that queue into a new attempt (cppkafka's
// BufferedProducer: a failed produce goes back on `retry_messages_`, `flush()` produces it
// again). No call closes the cycle; the queue does, so the walk finds the push, not a call.
#pragma once

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

#include <string>
#include <vector>

namespace retrylint::reschedule {

/// `call` puts an item on a container member of this object (`queue_.push_back(item)`).
bool pushesOntoMember(const clang::CallExpr *call);

/// The member queues a call fills: its own container for a push, or, for a call of a method
/// of the object (`target`), the containers that method pushes one of its parameters onto
/// (`enqueue(item, Queue::Retry)`: the queue the kind selects is not decided, so every one).
std::vector<const clang::FieldDecl *> queuesFilledBy(const clang::CallExpr *call,
                                                     const clang::FunctionDecl *target);

/// The method another method of `fn`'s class hands an element of `queue` to in a loop (the
/// drain: `while (!q.empty()) { send(q.front()); q.pop_front(); }`), as a qualified name:
/// `fn` itself when the drain calls it. Empty when no method other than `fn` and `enqueuer`
/// both names the queue and drains it.
std::string attemptDrainedFrom(const clang::FieldDecl *queue, const clang::FunctionDecl *fn,
                               const clang::FunctionDecl *enqueuer);

} // namespace retrylint::reschedule
