#include "facts/FactsJson.h"

#include "facts/JsonMapping.h"

#include <stdexcept>

namespace retrylint {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

const char *toString(AttemptBound::Kind k) {
  switch (k) {
  case AttemptBound::Kind::Unknown: return "unknown";
  case AttemptBound::Kind::Constant: return "constant";
  case AttemptBound::Kind::Symbolic: return "symbolic";
  case AttemptBound::Kind::Deadline: return "deadline";
  case AttemptBound::Kind::Unbounded: return "unbounded";
  case AttemptBound::Kind::UntilStopped: return "until-stopped";
  }
  return "unknown";
}

const char *toString(JitterKind k) {
  switch (k) {
  case JitterKind::None: return "none";
  case JitterKind::Full: return "full";
  case JitterKind::Equal: return "equal";
  case JitterKind::Decorrelated: return "decorrelated";
  case JitterKind::Proportional: return "proportional";
  case JitterKind::Unknown: return "unknown";
  }
  return "unknown";
}

const char *toString(Confidence c) {
  switch (c) {
  case Confidence::Low: return "low";
  case Confidence::Medium: return "medium";
  case Confidence::High: return "high";
  }
  return "low";
}

Confidence confidenceOf(const RetryEvidence &e) {
  int structural = e.classifiesFailure + e.waits + e.bounded;
  int score = structural + (e.retryNames && structural > 0 ? 1 : 0);
  return score >= 2 ? Confidence::High : score == 1 ? Confidence::Medium : Confidence::Low;
}

const char *toString(GrowthKind k) {
  switch (k) {
  case GrowthKind::None: return "none";
  case GrowthKind::Constant: return "constant";
  case GrowthKind::Linear: return "linear";
  case GrowthKind::Exponential: return "exponential";
  case GrowthKind::Unknown: return "unknown";
  }
  return "unknown";
}

const char *toString(Suppression::Kind k) {
  switch (k) {
  case Suppression::Kind::Line: return "NOLINT";
  case Suppression::Kind::NextLine: return "NOLINTNEXTLINE";
  case Suppression::Kind::Begin: return "NOLINTBEGIN";
  case Suppression::Kind::End: return "NOLINTEND";
  }
  return "NOLINT";
}

RETRYLINT_JSON_FIELDS(SourceSpan, file, line, column, endLine, endColumn, lineText)

ojson toJson(const SourceSpan &s) { return s; }
SourceSpan spanFromJson(const json &j) { return j.get<SourceSpan>(); }

// The mappings live in namespace retrylint itself: nlohmann finds them by ADL.

RETRYLINT_JSON_ENUM(AttemptBound::Kind, AttemptBound::Kind::Unknown, AttemptBound::Kind::Constant,
                    AttemptBound::Kind::Symbolic, AttemptBound::Kind::Deadline,
                    AttemptBound::Kind::Unbounded, AttemptBound::Kind::UntilStopped)
RETRYLINT_JSON_ENUM(JitterKind, JitterKind::None, JitterKind::Full, JitterKind::Equal,
                    JitterKind::Decorrelated, JitterKind::Proportional, JitterKind::Unknown)
RETRYLINT_JSON_ENUM(GrowthKind, GrowthKind::None, GrowthKind::Constant, GrowthKind::Linear,
                    GrowthKind::Exponential, GrowthKind::Unknown)
RETRYLINT_JSON_ENUM(Suppression::Kind, Suppression::Kind::Line, Suppression::Kind::NextLine,
                    Suppression::Kind::Begin, Suppression::Kind::End)

RETRYLINT_JSON_FIELDS(FixIt, span, replacement, description)
RETRYLINT_JSON_FIELDS(AttemptBound, kind, count, symbol, offset, effectivelyUnbounded, defaultText)
RETRYLINT_JSON_FIELDS(RetryEvidence, classifiesFailure, waits, bounded, retryNames)
RETRYLINT_JSON_FIELDS(OpaqueCall, usr, name, span)
RETRYLINT_JSON_FIELDS(DelayShape, growth, multiplier, growthSpan, shiftOverflows, capped, jitter,
                      randomSource)
RETRYLINT_JSON_FIELDS(CompileProblem, span, message)
RETRYLINT_JSON_FIELDS(Suppression, kind, file, line, column, checks, lineText)
RETRYLINT_JSON_FIELDS(CallEdge, calleeUsr, calleeName, span, retryLoop, isVirtual, helperUsr,
                      callableArg, argTexts, argValues, argKnown)
RETRYLINT_JSON_FIELDS(FunctionSummary, usr, name, span, waits, calls, overrides)

// A sleep's fix-it is left out, not null, when there is none.
void to_json(ojson &j, const SleepSite &s) {
  j = ojson{{"span", s.span}, {"sleepCall", s.sleepCall}, {"unseen", s.unseen},
            {"scheduleMs", s.scheduleMs}};
  if (!s.lowestMs.empty() || !s.highestMs.empty()) {
    j["lowestMs"] = s.lowestMs;
    j["highestMs"] = s.highestMs;
  }
  if (s.jitterFix)
    j["jitterFix"] = *s.jitterFix;
  if (!s.delayPolicyUsr.empty())
    j["delayPolicyUsr"] = s.delayPolicyUsr;
}

void from_json(const json &j, SleepSite &s) {
  j.at("span").get_to(s.span);
  j.at("sleepCall").get_to(s.sleepCall);
  j.at("unseen").get_to(s.unseen);
  j.at("scheduleMs").get_to(s.scheduleMs);
  if (j.contains("lowestMs"))
    j.at("lowestMs").get_to(s.lowestMs);
  if (j.contains("highestMs"))
    j.at("highestMs").get_to(s.highestMs);
  if (j.contains("jitterFix"))
    s.jitterFix = j.at("jitterFix").get<FixIt>();
  if (j.contains("delayPolicyUsr"))
    j.at("delayPolicyUsr").get_to(s.delayPolicyUsr);
}

RETRYLINT_JSON_FIELDS(RetryLoop, functionUsr, functionName, loop, attempts, delay, sleeps,
                      sleepsAfterFinalAttempt, retriedCallUsrs, budgetCall, callableParam,
                      attemptsParam, retryGateUsrs, evidence, opaqueCalls)

ojson toJson(const TUFacts &tu) {
  return ojson{{"formatVersion", FactsFormatVersion},
               {"mainFile", tu.mainFile},
               {"complete", tu.complete},
               {"problems", tu.problems},
               {"retryLoops", tu.retryLoops},
               {"suppressions", tu.suppressions},
               {"functions", tu.functions},
               {"breakers", tu.breakers},
               {"budgets", tu.budgets},
               {"delayPolicies", tu.delayPolicies}};
}

TUFacts tuFactsFromJson(const json &j) {
  int version = j.at("formatVersion").get<int>();
  if (version != FactsFormatVersion)
    throw std::invalid_argument("facts format version " + std::to_string(version) +
                                ", expected " + std::to_string(FactsFormatVersion));
  TUFacts tu;
  j.at("mainFile").get_to(tu.mainFile);
  j.at("complete").get_to(tu.complete);
  j.at("problems").get_to(tu.problems);
  j.at("retryLoops").get_to(tu.retryLoops);
  j.at("suppressions").get_to(tu.suppressions);
  j.at("functions").get_to(tu.functions);
  j.at("breakers").get_to(tu.breakers);
  j.at("budgets").get_to(tu.budgets);
  j.at("delayPolicies").get_to(tu.delayPolicies);
  return tu;
}

} // namespace retrylint
