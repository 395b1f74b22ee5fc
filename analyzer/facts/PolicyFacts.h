// Facts about delay policies: a function (free, member, virtual override, or a lambda returned
// as a policy) that maps an attempt number or a backoff state to a delay, and backoff state kept
// in a member that one method grows and another sleeps on. Plain data, no Clang (see
// docs/architecture.md, "Delay policies").
// Facts.h includes this file once SourceSpan and DelayShape are defined, so either header may
// come first.
#ifndef RETRYLINT_POLICY_FACTS_H
#include "facts/Facts.h"
#endif
#ifndef RETRYLINT_POLICY_FACTS_H
#define RETRYLINT_POLICY_FACTS_H

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace retrylint {

struct DelayPolicy {
  /// Function: a function or lambda returns the delay. Member: a field holds the delay, one
  /// method grows it and others sleep on it (backoff_ms_ = std::min(backoff_ms_ * 2, max_ms)).
  enum class Kind { Function, Member };
  Kind kind = Kind::Function;
  std::string usr;  // the function, the lambda's call operator, or the field
  std::string name; // qualified
  SourceSpan decl;  // the function's name in its definition, or the field's declaration
  /// Where a finding about the policy goes: the growth expression, else the return (or, for a
  /// member, its growth assignment).
  SourceSpan site;
  DelayShape shape;
  /// Its delays for the 1st, 2nd, ... retry when every value is known (a parameter it reads
  /// has no default, a random draw): else empty. The first delays only of an endless policy.
  std::vector<double> scheduleMs;
  /// A jittered policy's delays with every random draw at its lowest and at its highest.
  std::vector<double> lowestMs, highestMs;
  /// It takes the attempt number (a parameter), or it updates its own state per call.
  bool perAttempt = false;
  bool stateful = false;
  /// The attempt number scheduleMs starts from: 1 when the policy counts from one (it reads
  /// `attempt - 1`), else 0.
  int firstAttempt = 0;
  /// The methods it overrides (by USR): a loop that calls the base method through a pointer
  /// reaches it at link time.
  std::vector<std::string> overrides;
  /// What says it is a retry delay, beyond its name: it overrides a retry or backoff policy's
  /// method, it maps an attempt number to a delay, or it grows its own state. A policy
  /// without this evidence is joined to loops that sleep on it but never reported on its own.
  bool retryEvidence = false;
  /// Set by the link, not serialised: a retry site sleeps on it, so the site's findings carry
  /// its schedule and it is not reported again on its own.
  bool consumed = false;
};

const char *toString(DelayPolicy::Kind);

void to_json(nlohmann::ordered_json &, const DelayPolicy &);
/// Throws nlohmann::json::exception (or std::invalid_argument) on a malformed document.
void from_json(const nlohmann::json &, DelayPolicy &);
class FactsValue;
void readFacts(const FactsValue &, DelayPolicy &);

} // namespace retrylint

#endif // RETRYLINT_POLICY_FACTS_H
