#include "FactsJson.h"

#include <stdexcept>

namespace retrylint {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr AttemptBound::Kind AllBounds[] = {
    AttemptBound::Kind::Unknown, AttemptBound::Kind::Constant, AttemptBound::Kind::Symbolic,
    AttemptBound::Kind::Deadline, AttemptBound::Kind::Unbounded};
constexpr JitterKind AllJitters[] = {JitterKind::None, JitterKind::Full, JitterKind::Equal,
                                     JitterKind::Decorrelated, JitterKind::Proportional,
                                     JitterKind::Unknown};
constexpr Suppression::Kind AllSuppressions[] = {Suppression::Kind::Line, Suppression::Kind::NextLine,
                                                 Suppression::Kind::Begin, Suppression::Kind::End};
constexpr GrowthKind AllGrowths[] = {GrowthKind::None, GrowthKind::Constant, GrowthKind::Linear,
                                     GrowthKind::Exponential, GrowthKind::Unknown};


ojson toJson(const FixIt &f) {
  return ojson{{"span", toJson(f.span)},
               {"replacement", f.replacement},
               {"description", f.description}};
}

FixIt fixFromJson(const json &j) {
  return FixIt{spanFromJson(j.at("span")), j.at("replacement").get<std::string>(),
               j.at("description").get<std::string>()};
}

ojson toJson(const SleepSite &s) {
  ojson j{{"span", toJson(s.span)}, {"sleepCall", s.sleepCall}, {"scheduleMs", s.scheduleMs}};
  if (s.jitterFix)
    j["jitterFix"] = toJson(*s.jitterFix);
  return j;
}

SleepSite sleepFromJson(const json &j) {
  SleepSite s;
  s.span = spanFromJson(j.at("span"));
  s.sleepCall = j.at("sleepCall").get<std::string>();
  s.scheduleMs = j.at("scheduleMs").get<std::vector<double>>();
  if (j.contains("jitterFix"))
    s.jitterFix = fixFromJson(j.at("jitterFix"));
  return s;
}

ojson toJson(const RetryLoop &l) {
  ojson sleeps = ojson::array();
  for (const SleepSite &s : l.sleeps)
    sleeps.push_back(toJson(s));
  return ojson{
      {"functionUsr", l.functionUsr},
      {"functionName", l.functionName},
      {"loop", toJson(l.loop)},
      {"attempts",
       {{"kind", toString(l.attempts.kind)},
        {"count", l.attempts.count},
        {"symbol", l.attempts.symbol}}},
      {"delay",
       {{"growth", toString(l.delay.growth)},
        {"multiplier", l.delay.multiplier},
        {"growthSpan", toJson(l.delay.growthSpan)},
        {"shiftOverflows", l.delay.shiftOverflows},
        {"capped", l.delay.capped},
        {"jitter", toString(l.delay.jitter)},
        {"randomSource", l.delay.randomSource}}},
      {"sleeps", sleeps},
      {"sleepsAfterFinalAttempt", l.sleepsAfterFinalAttempt},
      {"retriedCallUsrs", l.retriedCallUsrs},
      {"budgetCall", l.budgetCall},
      {"callableParam", l.callableParam},
      {"attemptsParam", l.attemptsParam},
      {"retryGateUsrs", l.retryGateUsrs}};
}

RetryLoop retryLoopFromJson(const json &j) {
  RetryLoop l;
  l.functionUsr = j.at("functionUsr").get<std::string>();
  l.functionName = j.at("functionName").get<std::string>();
  l.loop = spanFromJson(j.at("loop"));
  const json &a = j.at("attempts");
  l.attempts.kind = enumFromString(a.at("kind").get<std::string>(), AllBounds);
  l.attempts.count = a.at("count").get<int64_t>();
  l.attempts.symbol = a.at("symbol").get<std::string>();
  const json &d = j.at("delay");
  l.delay.growth = enumFromString(d.at("growth").get<std::string>(), AllGrowths);
  l.delay.multiplier = d.at("multiplier").get<double>();
  l.delay.growthSpan = spanFromJson(d.at("growthSpan"));
  l.delay.shiftOverflows = d.at("shiftOverflows").get<bool>();
  l.delay.capped = d.at("capped").get<bool>();
  l.delay.jitter = enumFromString(d.at("jitter").get<std::string>(), AllJitters);
  l.delay.randomSource = d.at("randomSource").get<std::string>();
  for (const json &s : j.at("sleeps"))
    l.sleeps.push_back(sleepFromJson(s));
  l.sleepsAfterFinalAttempt = j.at("sleepsAfterFinalAttempt").get<bool>();
  l.retriedCallUsrs = j.at("retriedCallUsrs").get<std::vector<std::string>>();
  l.budgetCall = j.at("budgetCall").get<std::string>();
  l.callableParam = j.at("callableParam").get<int>();
  l.attemptsParam = j.at("attemptsParam").get<int>();
  l.retryGateUsrs = j.at("retryGateUsrs").get<std::vector<std::string>>();
  return l;
}

ojson toJson(const FunctionSummary &f) {
  ojson calls = ojson::array();
  for (const CallEdge &c : f.calls)
    calls.push_back({{"calleeUsr", c.calleeUsr},
                     {"calleeName", c.calleeName},
                     {"span", toJson(c.span)},
                     {"retryLoop", c.retryLoop},
                     {"isVirtual", c.isVirtual},
                     {"helperUsr", c.helperUsr},
                     {"callableArg", c.callableArg},
                     {"argTexts", c.argTexts},
                     {"argValues", c.argValues},
                     {"argKnown", c.argKnown}});
  return ojson{{"usr", f.usr}, {"name", f.name}, {"span", toJson(f.span)},
               {"calls", calls}, {"overrides", f.overrides}};
}

FunctionSummary functionFromJson(const json &j) {
  FunctionSummary f;
  f.usr = j.at("usr").get<std::string>();
  f.name = j.at("name").get<std::string>();
  f.span = spanFromJson(j.at("span"));
  for (const json &c : j.at("calls")) {
    CallEdge e;
    e.calleeUsr = c.at("calleeUsr").get<std::string>();
    e.calleeName = c.at("calleeName").get<std::string>();
    e.span = spanFromJson(c.at("span"));
    e.retryLoop = c.at("retryLoop").get<int>();
    e.isVirtual = c.at("isVirtual").get<bool>();
    e.helperUsr = c.at("helperUsr").get<std::string>();
    e.callableArg = c.at("callableArg").get<int>();
    e.argTexts = c.at("argTexts").get<std::vector<std::string>>();
    e.argValues = c.at("argValues").get<std::vector<int64_t>>();
    e.argKnown = c.at("argKnown").get<std::vector<bool>>();
    f.calls.push_back(std::move(e));
  }
  f.overrides = j.at("overrides").get<std::vector<std::string>>();
  return f;
}

} // namespace

const char *toString(AttemptBound::Kind k) {
  switch (k) {
  case AttemptBound::Kind::Unknown: return "unknown";
  case AttemptBound::Kind::Constant: return "constant";
  case AttemptBound::Kind::Symbolic: return "symbolic";
  case AttemptBound::Kind::Deadline: return "deadline";
  case AttemptBound::Kind::Unbounded: return "unbounded";
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

ojson toJson(const SourceSpan &s) {
  return ojson{{"file", s.file},       {"line", s.line},       {"column", s.column},
               {"endLine", s.endLine}, {"endColumn", s.endColumn}, {"lineText", s.lineText}};
}

SourceSpan spanFromJson(const json &j) {
  SourceSpan s;
  s.file = j.at("file").get<std::string>();
  s.line = j.at("line").get<unsigned>();
  s.column = j.at("column").get<unsigned>();
  s.endLine = j.at("endLine").get<unsigned>();
  s.endColumn = j.at("endColumn").get<unsigned>();
  s.lineText = j.at("lineText").get<std::string>();
  return s;
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

ojson toJson(const TUFacts &tu) {
  ojson problems = ojson::array();
  for (const CompileProblem &p : tu.problems)
    problems.push_back({{"span", toJson(p.span)}, {"message", p.message}});
  ojson loops = ojson::array();
  for (const RetryLoop &l : tu.retryLoops)
    loops.push_back(toJson(l));
  ojson functions = ojson::array();
  for (const FunctionSummary &f : tu.functions)
    functions.push_back(toJson(f));
  ojson suppressions = ojson::array();
  for (const Suppression &s : tu.suppressions)
    suppressions.push_back({{"kind", toString(s.kind)}, {"file", s.file}, {"line", s.line},
                            {"column", s.column}, {"checks", s.checks}, {"lineText", s.lineText}});
  ojson breakers = ojson::array();
  for (const Breaker &b : tu.breakers)
    breakers.push_back(toJson(b));
  ojson budgets = ojson::array();
  for (const Budget &b : tu.budgets)
    budgets.push_back(toJson(b));
  return ojson{{"formatVersion", FactsFormatVersion},
               {"mainFile", tu.mainFile},
               {"complete", tu.complete},
               {"problems", problems},
               {"retryLoops", loops},
               {"suppressions", suppressions},
               {"functions", functions},
               {"breakers", breakers},
               {"budgets", budgets}};
}

TUFacts tuFactsFromJson(const json &j) {
  int version = j.at("formatVersion").get<int>();
  if (version != FactsFormatVersion)
    throw std::invalid_argument("facts format version " + std::to_string(version) +
                                ", expected " + std::to_string(FactsFormatVersion));
  TUFacts tu;
  tu.mainFile = j.at("mainFile").get<std::string>();
  tu.complete = j.at("complete").get<bool>();
  for (const json &p : j.at("problems"))
    tu.problems.push_back({spanFromJson(p.at("span")), p.at("message").get<std::string>()});
  for (const json &l : j.at("retryLoops"))
    tu.retryLoops.push_back(retryLoopFromJson(l));
  for (const json &s : j.at("suppressions"))
    tu.suppressions.push_back({enumFromString(s.at("kind").get<std::string>(), AllSuppressions),
                               s.at("file").get<std::string>(), s.at("line").get<unsigned>(),
                               s.at("column").get<unsigned>(), s.at("checks").get<std::string>(),
                               s.at("lineText").get<std::string>()});
  for (const json &f : j.at("functions"))
    tu.functions.push_back(functionFromJson(f));
  for (const json &b : j.at("breakers"))
    tu.breakers.push_back(breakerFromJson(b));
  for (const json &b : j.at("budgets"))
    tu.budgets.push_back(budgetFromJson(b));
  return tu;
}

} // namespace retrylint
