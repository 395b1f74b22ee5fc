// Name helpers shared by the models, and how a sleep call expresses its delay. The
// recognition vocabulary itself is Vocabulary.cpp (AST matchers). Pure string logic.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// How a sleep call expresses its delay.
enum class DelayUnit { Duration, TimePoint, Seconds, Milliseconds, Microseconds, Timespec };

struct SleepCallInfo {
  unsigned delayArg; // index of the argument that carries the delay
  DelayUnit unit;
};

/// Project-wide budget function names (--budget-functions): the Vocabulary's budget gates
/// include them. Set once, before any analysis starts.
void setProjectBudgetFunctions(std::vector<std::string> names);
const std::vector<std::string> &projectBudgetFunctions();

/// The last component of a qualified name ("a::b::c" -> "c").
std::string unqualified(const std::string &qualifiedName);

} // namespace retrylint
