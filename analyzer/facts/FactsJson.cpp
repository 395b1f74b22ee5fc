#include "facts/FactsJson.h"

#include "facts/JsonMapping.h"

#include <cmath>
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

std::string dumpJson(const ojson &j, int indent) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, ojson::error_handler_t::replace);
}

void to_json(ojson &j, const FilePath &p) { j = p.str(); }

// lineTextColumn is written only for an excerpt: spans of ordinary lines read as before.
void to_json(ojson &j, const SourceSpan &s) {
  j = ojson{{"file", s.file},         {"line", s.line},           {"column", s.column},
            {"endLine", s.endLine},   {"endColumn", s.endColumn}, {"lineText", s.lineText}};
  if (s.lineTextColumn != 1)
    j["lineTextColumn"] = s.lineTextColumn;
}

/// Larger than any line or column of a real file; a crafted 4294967295 would make a caret
/// of gigabytes.
constexpr unsigned MaxSpanNumber = 1u << 30;

/// A span's line or column, which must be in range.
static void readSpanNumber(const FactsValue &j, std::string_view key, unsigned &field) {
  readField(j, key, field);
  try {
    checkRange(field, 0u, MaxSpanNumber);
  } catch (const FactsFieldError &e) {
    throw e.under(std::string(key));
  }
}

void readFacts(const FactsValue &j, SourceSpan &s) {
  readField(j, "file", s.file);
  readSpanNumber(j, "line", s.line);
  readSpanNumber(j, "column", s.column);
  readSpanNumber(j, "endLine", s.endLine);
  readSpanNumber(j, "endColumn", s.endColumn);
  readField(j, "lineText", s.lineText);
  readOptionalField(j, "lineTextColumn", s.lineTextColumn, 1u);
  if (s.lineTextColumn < 1 || s.lineTextColumn > MaxSpanNumber)
    throw FactsFieldError("lineTextColumn", std::to_string(s.lineTextColumn) + " is out of range");
}

void from_json(const json &j, SourceSpan &s) { readFacts(FactsValue(j), s); }

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
RETRYLINT_JSON_FIELDS(AttemptBound, kind, count, symbol, offset, exact, effectivelyUnbounded,
                      defaultText)
RETRYLINT_JSON_FIELDS(RetryEvidence, classifiesFailure, waits, bounded, retryNames)
RETRYLINT_JSON_FIELDS(OpaqueCall, usr, name, span)
RETRYLINT_JSON_FIELDS(DelayShape, growth, multiplier, growthSpan, shiftOverflows, capped, growthByBranch, jitter,
                      randomSource)

/// More attempts than any loop makes (a crafted count printed as "-9223372036854775808
/// attempts"), and delays far beyond any backoff.
constexpr int64_t MaxAttempts = 1000000000;
constexpr double MaxDelayMs = 1e15, MaxMultiplier = 1e9;
RETRYLINT_JSON_FIELDS(CompileProblem, span, message)
RETRYLINT_JSON_FIELDS(Suppression, kind, file, line, column, checks, lineText)
RETRYLINT_JSON_FIELDS(LibraryLayer, library, policy, attempts, budgetCeiling, configured)
// A call's arguments are one vector in memory and three arrays in the file (argTexts,
// argValues, argKnown: the format as it was); its library layer is null when it has none.
void to_json(ojson &j, const CallEdge &e) {
  ojson texts = ojson::array(), values = ojson::array(), known = ojson::array();
  for (const CallArgument &a : e.args) {
    texts.push_back(a.text);
    values.push_back(a.value);
    known.push_back(a.known);
  }
  j = ojson{{"calleeUsr", e.calleeUsr}, {"calleeName", e.calleeName}, {"span", e.span},
            {"retryLoop", e.retryLoop}, {"isVirtual", e.isVirtual},   {"helperUsr", e.helperUsr},
            {"callableArg", e.callableArg}, {"argTexts", std::move(texts)},
            {"argValues", std::move(values)}, {"argKnown", std::move(known)},
            {"library", e.library ? ojson(*e.library) : ojson(nullptr)}};
}

void readFacts(const FactsValue &j, CallEdge &e) {
  readField(j, "calleeUsr", e.calleeUsr);
  readField(j, "calleeName", e.calleeName);
  readField(j, "span", e.span);
  readField(j, "retryLoop", e.retryLoop);
  readField(j, "isVirtual", e.isVirtual);
  readField(j, "helperUsr", e.helperUsr);
  readField(j, "callableArg", e.callableArg);
  std::vector<std::string> texts;
  std::vector<int64_t> values;
  std::vector<bool> known;
  readField(j, "argTexts", texts);
  readField(j, "argValues", values);
  readField(j, "argKnown", known);
  std::optional<LibraryLayer> library;
  readField(j, "library", library);
  e.library = library ? std::make_shared<const LibraryLayer>(std::move(*library)) : nullptr;
  if (values.size() != texts.size() || known.size() != texts.size())
    throw FactsFieldError("argValues", "argTexts, argValues and argKnown differ in length (" +
                                           std::to_string(texts.size()) + ", " +
                                           std::to_string(values.size()) + ", " +
                                           std::to_string(known.size()) + ")");
  e.args.resize(texts.size());
  for (size_t i = 0; i < texts.size(); ++i)
    e.args[i] = {std::move(texts[i]), values[i], known[i]};
}

void from_json(const json &j, CallEdge &e) { readFacts(FactsValue(j), e); }

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

void readFacts(const FactsValue &j, SleepSite &s) {
  readField(j, "span", s.span);
  readField(j, "sleepCall", s.sleepCall);
  readField(j, "unseen", s.unseen);
  readField(j, "scheduleMs", s.scheduleMs);
  for (size_t i = 0; i < s.scheduleMs.size(); ++i)
    if (std::fabs(s.scheduleMs[i]) > MaxDelayMs)
      throw FactsFieldError("scheduleMs[" + std::to_string(i) + "]", "delay out of range");
  readOptionalField(j, "lowestMs", s.lowestMs, std::vector<double>());
  readOptionalField(j, "highestMs", s.highestMs, std::vector<double>());
  readOptionalField(j, "jitterFix", s.jitterFix, std::optional<FixIt>());
  readOptionalField(j, "delayPolicyUsr", s.delayPolicyUsr, std::string());
}

RETRYLINT_JSON_FIELDS(ScheduledThrough, helperUsr, param, methodUsrs)
RETRYLINT_JSON_FIELDS(RetryLoop, functionUsr, functionName, loop, attempts, delay, sleeps,
                      sleepsAfterFinalAttempt, retriedCallUsrs, budgetCall, callableParam,
                      attemptsParam, retryGateUsrs, evidence, opaqueCalls, reinvokes, scheduledThrough)
RETRYLINT_JSON_FIELDS(HelperSchedule, helperUsr, param, methodUsr, methodName, sleep, delay, attempts)

namespace {

/// What the field-by-field reading cannot see: ranges of numbers that index or count,
/// arrays that must agree, references within the TU. The frontend never writes facts that
/// fail these; a crafted or corrupted file does.
void checkFacts(const TUFacts &tu) {
  // The path of a field is spelled out only when it fails: a million calls, no string each.
  auto at = [](auto path, auto check) {
    try {
      check();
    } catch (const FactsFieldError &e) {
      throw e.under(path());
    }
  };
  auto item = [](const char *array, size_t i) { return std::string(array) + "[" + std::to_string(i) + "]"; };
  for (size_t i = 0; i < tu.retryLoops.size(); ++i) {
    const RetryLoop &l = tu.retryLoops[i];
    auto path = [&](const char *field) { return [=] { return item("retryLoops", i) + field; }; };
    at(path(".attempts.count"), [&] { checkRange<int64_t>(l.attempts.count, 0, MaxAttempts); });
    at(path(".delay.multiplier"), [&] { checkRange(l.delay.multiplier, 0.0, MaxMultiplier); });
    at(path(".callableParam"), [&] { checkRange(l.callableParam, -1, 65535); });
    at(path(".attemptsParam"), [&] { checkRange(l.attemptsParam, -1, 65535); });
    at(path(".scheduledThrough.param"), [&] { checkRange(l.scheduledThrough.param, -1, 65535); });
  }
  for (size_t i = 0; i < tu.helperSchedules.size(); ++i) {
    const HelperSchedule &h = tu.helperSchedules[i];
    at([&] { return item("helperSchedules", i) + ".param"; }, [&] { checkRange(h.param, 0, 65535); });
    at([&] { return item("helperSchedules", i) + ".attempts.count"; },
       [&] { checkRange<int64_t>(h.attempts.count, 0, MaxAttempts); });
    at([&] { return item("helperSchedules", i) + ".delay.multiplier"; },
       [&] { checkRange(h.delay.multiplier, 0.0, MaxMultiplier); });
  }
  for (size_t i = 0; i < tu.delayPolicies.size(); ++i) {
    const DelayPolicy &p = tu.delayPolicies[i];
    std::string path = item("delayPolicies", i);
    if (p.usr.empty())
      throw FactsFieldError(path + ".usr", "empty: a policy is joined by its USR");
    at([&] { return path + ".shape.multiplier"; }, [&] { checkRange(p.shape.multiplier, 0.0, MaxMultiplier); });
    at([&] { return path + ".firstAttempt"; }, [&] { checkRange(p.firstAttempt, 0, 1); });
    for (const auto *delays : {&p.scheduleMs, &p.lowestMs, &p.highestMs})
      for (double d : *delays)
        if (!(std::fabs(d) <= MaxDelayMs))
          throw FactsFieldError(path + ".scheduleMs", "delay out of range");
  }
  for (size_t f = 0; f < tu.functions.size(); ++f) {
    const FunctionSummary &fn = tu.functions[f];
    if (fn.usr.empty())
      throw FactsFieldError(item("functions", f) + ".usr", "empty: a function is known by its USR");
    for (size_t c = 0; c < fn.calls.size(); ++c) {
      const CallEdge &e = fn.calls[c];
      auto call = [&](const char *field) {
        return [=] { return item("functions", f) + item(".calls", c) + field; };
      };
      if (e.calleeUsr.empty())
        throw FactsFieldError(call(".calleeUsr")(), "empty: a callee is known by its USR");
      at(call(".retryLoop"), [&] {
        checkRange<int64_t>(e.retryLoop, -1, static_cast<int64_t>(tu.retryLoops.size()) - 1);
      });
      at(call(".callableArg"), [&] { checkRange(e.callableArg, -1, 65535); });
      if (e.library) {
        at(call(".library.attempts.count"), [&] { checkRange<int64_t>(e.library->attempts.count, 0, MaxAttempts); });
        at(call(".library.budgetCeiling"), [&] { checkRange(e.library->budgetCeiling, -1.0, 1e9); });
      }
    }
  }
}

} // namespace

ojson toJson(const TUFacts &tu) {
  ojson j{{"formatVersion", FactsFormatVersion},
          {"mainFile", tu.mainFile},
          {"complete", tu.complete},
          {"problems", tu.problems},
          {"retryLoops", tu.retryLoops},
          {"suppressions", tu.suppressions},
          {"functions", tu.functions},
          {"breakers", tu.breakers},
          {"budgets", tu.budgets},
          {"delayPolicies", tu.delayPolicies},
          {"helperSchedules", tu.helperSchedules}};
  // Written only when there is something to say: the facts of other TUs read as before.
  if (!tu.analyzerFailure.empty())
    j["analyzerFailure"] = tu.analyzerFailure;
  if (!tu.missingHeaders.empty())
    j["missingHeaders"] = tu.missingHeaders;
  return j;
}

namespace {

TUFacts readTUFacts(const FactsValue &j) {
  int version = 0;
  readField(j, "formatVersion", version);
  if (version != FactsFormatVersion)
    throw std::invalid_argument("facts format version " + std::to_string(version) +
                                ", expected " + std::to_string(FactsFormatVersion));
  TUFacts tu;
  readField(j, "mainFile", tu.mainFile);
  readField(j, "complete", tu.complete);
  readField(j, "problems", tu.problems);
  readField(j, "retryLoops", tu.retryLoops);
  readField(j, "suppressions", tu.suppressions);
  readField(j, "functions", tu.functions);
  readField(j, "breakers", tu.breakers);
  readField(j, "budgets", tu.budgets);
  readField(j, "delayPolicies", tu.delayPolicies);
  readField(j, "helperSchedules", tu.helperSchedules);
  readOptionalField(j, "analyzerFailure", tu.analyzerFailure, std::string());
  readOptionalField(j, "missingHeaders", tu.missingHeaders, std::vector<std::string>());
  checkFacts(tu);
  return tu;
}

} // namespace

TUFacts tuFactsFromJson(const json &j) { return readTUFacts(FactsValue(j)); }

static_assert(FactsTextPadding >= simdjson::SIMDJSON_PADDING, "simdjson reads this far past the text");

TUFacts tuFactsFromText(const std::string &text) {
  // One parser per thread: it keeps its buffers from one file to the next.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  // simdjson's std::string overload parses in place when the capacity leaves the padding.
  if (simdjson::error_code e = parser.parse(text).get(root))
    throw std::invalid_argument(std::string("not JSON: ") + simdjson::error_message(e));
  return readTUFacts(FactsValue(root));
}

FactsFieldError::FactsFieldError(std::string path, std::string problem)
    : std::invalid_argument(path.empty() ? problem : path + ": " + problem),
      fieldPath(std::move(path)), fieldProblem(std::move(problem)) {}

FactsFieldError FactsFieldError::under(const std::string &parent) const {
  std::string joined = fieldPath.empty()        ? parent
                       : fieldPath.front() == '[' ? parent + fieldPath
                                                  : parent + "." + fieldPath;
  return FactsFieldError(joined, fieldProblem);
}

} // namespace retrylint
