#include "SimulateCommand.h"

#include "retrylint/sim/BreakerModel.h"
#include "retrylint/sim/ContentionModel.h"
#include "retrylint/sim/OutageModel.h"
#include "retrylint/sim/PolicyInput.h"
#include "retrylint/sim/Report.h"

#include "llvm/Support/raw_ostream.h"

#include <fstream>
#include <limits>
#include <type_traits>
#include <optional>

namespace retrylint::sim {

namespace cl = llvm::cl;

cl::SubCommand &simulateSubcommand() {
  static cl::SubCommand command(
      "simulate", "Replay a retry policy against a failing dependency and measure its load");
  return command;
}

namespace {

cl::OptionCategory policyCategory("Policy (flags override --policy)");
cl::OptionCategory scenarioCategory("Scenario");
cl::OptionCategory outputCategory("Output");

// Every value is taken as text and parsed here, so a bad value is our one-line error with
// exit code 2, whatever the host tool's ParseCommandLineOptions does on its own errors.
using TextOption = cl::opt<std::string>;

TextOption scenarioName("scenario",
                        cl::desc("outage (default), breaker (default for a breaker's policy) or contention"),
                        cl::value_desc("name"), cl::init("outage"), cl::sub(simulateSubcommand()),
                        cl::cat(scenarioCategory));
TextOption policyFile("policy", cl::desc("JSON policy file (schema in docs/simulate.md)"),
                      cl::value_desc("file"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption attempts("attempts", cl::desc("calls per layer including the first (default 5)"),
                    cl::value_desc("n"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption base("base", cl::desc("first sleep (default 100ms)"), cl::value_desc("duration"),
                cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption multiplier("multiplier", cl::desc("sleep growth per retry (default 2)"),
                      cl::value_desc("x"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption cap("cap", cl::desc("largest sleep (default: none)"), cl::value_desc("duration"),
               cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption jitter("jitter", cl::desc("none|full|equal|decorrelated|proportional:P (default none)"),
                  cl::value_desc("kind"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption budget("budget", cl::desc("token-bucket credit per request, a retry costs 1 (e.g. 0.1)"),
                  cl::value_desc("ratio"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption budgetMax("budget-max", cl::desc("most tokens a budget holds (default: no maximum)"),
                     cl::value_desc("tokens"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption budgetInitial("budget-initial", cl::desc("tokens each client starts with (default 0)"),
                         cl::value_desc("tokens"), cl::sub(simulateSubcommand()),
                         cl::cat(policyCategory));
TextOption layers("layers", cl::desc("attempts per nested retrying layer, outermost first (3x3x3)"),
                  cl::value_desc("AxBxC"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption cooldown("cooldown", cl::desc("breaker: how long it stays open (default 5s)"),
                    cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption failureThreshold("failure-threshold",
                            cl::desc("breaker: consecutive failures that open it (default 5)"),
                            cl::value_desc("n"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption halfOpenLimit("half-open-limit",
                         cl::desc("breaker: callers admitted at once while half-open, or 'all' "
                                  "(the flood; default)"),
                         cl::value_desc("n|all"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));
cl::opt<bool> compare("compare",
                      cl::desc("also run one variant per fix (jitter only, budget only, one layer "
                               "only, single probe), then all fixes, under the same seeded load"),
                      cl::sub(simulateSubcommand()), cl::cat(policyCategory));
TextOption fixedPolicyFile("fixed-policy",
                           cl::desc("also run this JSON policy (e.g. the fixed code's "
                                    "--export-policy) under the same load"),
                           cl::value_desc("file"), cl::sub(simulateSubcommand()), cl::cat(policyCategory));

TextOption clients("clients",
                   cl::desc("clients (outage 10000); callers sharing the breaker (breaker 1000)"),
                   cl::value_desc("n"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption rate("rate", cl::desc("requests per second per client (outage 1, breaker 10)"),
                cl::value_desc("r"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption outage("outage", cl::desc("how long every call fails (outage 30s, breaker 20s)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption stall("stall", cl::desc("outage: calls hang this long before failing together (default 1s)"),
                 cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption warmup("warmup",
                  cl::desc("healthy time shown before the failures, the stall included (default 2s)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption after("after",
                 cl::desc("time simulated after recovery (outage 10s; breaker: after the outage, 40s)"),
                 cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption latency("latency",
                   cl::desc("time a call takes to answer (outage: a failed call, 0; breaker 100ms)"),
                   cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption capacity("capacity",
                    cl::desc("outage: after recovery, up only while load < x times healthy"),
                    cl::value_desc("x"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption uptime("uptime",
                  cl::desc("outage: healthy time before the run, over which retry budgets bank "
                           "tokens (default 1h)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption ramp("ramp",
                cl::desc("breaker: after the outage, capacity rises from 0 to healthy over this "
                         "long (default 20s)"),
                cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption bucket("bucket", cl::desc("width of a load bucket (default 10ms)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption sweep("sweep", cl::desc("contention: clients from:to:step (default 10:190:10)"),
                 cl::value_desc("from:to:step"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption runs("runs", cl::desc("contention: seeds averaged per point (default 100)"),
                cl::value_desc("n"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption seed("seed", cl::desc("random seed; the same seed gives the same output (default 1)"),
                cl::value_desc("n"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));

TextOption format("format", cl::desc("text (default) or json"), cl::value_desc("format"),
                  cl::init("text"), cl::sub(simulateSubcommand()), cl::cat(outputCategory));
TextOption svgFile("svg", cl::desc("write the plot as SVG"), cl::value_desc("file"),
                   cl::sub(simulateSubcommand()), cl::cat(outputCategory));
TextOption htmlFile("html", cl::desc("write a page with the table and the plot"),
                    cl::value_desc("file"), cl::sub(simulateSubcommand()), cl::cat(outputCategory));

/// A usage or configuration problem, reported as one line.
struct UsageError {
  std::string message;
};

bool given(const TextOption &option) { return option.getNumOccurrences() > 0; }

/// Applies `parse` to a given option, naming the flag in the error.
template <typename T, typename Parse>
void readInto(const TextOption &option, T &into, Parse parse) {
  if (!given(option))
    return;
  std::string error;
  auto value = parse(option.getValue(), error);
  if (!value)
    throw UsageError{"--" + option.ArgStr.str() + ": " + error};
  if constexpr (std::is_same_v<T, int>)
    if (*value > std::numeric_limits<int>::max())
      throw UsageError{"--" + option.ArgStr.str() + ": " + option.getValue() + " is too large"};
  into = static_cast<T>(*value);
}

/// --cooldown, --failure-threshold and --half-open-limit: any of them puts a breaker in.
void readBreakerOptions(BreakerPolicy &breaker) {
  if (!given(cooldown) && !given(failureThreshold) && !given(halfOpenLimit))
    return;
  breaker.enabled = true;
  readInto(cooldown, breaker.cooldownMs, parseDurationMs);
  readInto(failureThreshold, breaker.failureThreshold, parseCount);
  if (given(halfOpenLimit) && halfOpenLimit == "all")
    breaker.halfOpenLimit = 0;
  else
    readInto(halfOpenLimit, breaker.halfOpenLimit, parseCount);
  if (given(halfOpenLimit) && halfOpenLimit != "all" && breaker.halfOpenLimit < 1)
    throw UsageError{"--half-open-limit: expected a count of at least 1, or all"};
}

RetryPolicy policyFromOptions() {
  RetryPolicy policy;
  std::string error;
  if (given(policyFile) && !readPolicyFile(policyFile, policy, error))
    throw UsageError{error};
  readInto(attempts, policy.attempts, parseCount);
  readInto(base, policy.baseMs, parseDurationMs);
  readInto(multiplier, policy.multiplier, parseNumber);
  readInto(cap, policy.capMs, parseDurationMs);
  if (given(jitter) && !parseJitter(jitter, policy, error))
    throw UsageError{"--jitter: " + error};
  if (given(attempts) && given(layers))
    throw UsageError{"give --attempts or --layers, not both: --layers sets every layer's attempts"};
  if (given(layers) && !parseLayers(layers, policy, error))
    throw UsageError{"--layers: " + error};
  if (given(budget) || given(budgetMax) || given(budgetInitial))
    policy.budget.enabled = true;
  readInto(budget, policy.budget.creditPerRequest, parseNumber);
  readInto(budgetMax, policy.budget.maxTokens, parseNumber);
  readInto(budgetInitial, policy.budget.initialTokens, parseNumber);
  if (given(attempts))
    policy.layers.clear(); // --attempts on the command line replaces a file's layers
  readBreakerOptions(policy.breaker);
  if (!validatePolicy(policy, error))
    throw UsageError{error};
  return policy;
}

/// The policy in --fixed-policy, named "fixed in code" unless the file names it otherwise
/// than the policy as written does.
std::optional<RetryPolicy> fixedPolicyFromOptions(const RetryPolicy &asWritten) {
  if (!given(fixedPolicyFile))
    return std::nullopt;
  RetryPolicy fixed;
  std::string error;
  if (!readPolicyFile(fixedPolicyFile, fixed, error))
    throw UsageError{"--fixed-policy: " + error};
  if (fixed.name.empty() || fixed.name == asWritten.name)
    fixed.name = "fixed in code";
  return fixed;
}

OutageScenario outageFromOptions() {
  OutageScenario scenario;
  readInto(clients, scenario.clients, parseCount);
  readInto(rate, scenario.requestsPerSecond, parseNumber);
  readInto(outage, scenario.outageMs, parseDurationMs);
  readInto(stall, scenario.stallMs, parseDurationMs);
  readInto(warmup, scenario.warmupMs, parseDurationMs);
  readInto(after, scenario.afterMs, parseDurationMs);
  readInto(latency, scenario.latencyMs, parseDurationMs);
  readInto(capacity, scenario.capacity, parseNumber);
  readInto(bucket, scenario.bucketMs, parseDurationMs);
  readInto(uptime, scenario.uptimeMs, parseDurationMs);
  readInto(seed, scenario.seed, parseCount);
  if (given(stall) && !given(warmup))
    scenario.warmupMs = std::max(scenario.warmupMs, scenario.stallMs + 1000);
  std::string error;
  if (!validateScenario(scenario, error))
    throw UsageError{error};
  return scenario;
}

BreakerScenario breakerFromOptions() {
  BreakerScenario scenario;
  readInto(clients, scenario.callers, parseCount);
  readInto(rate, scenario.requestsPerSecond, parseNumber);
  readInto(outage, scenario.outageMs, parseDurationMs);
  readInto(ramp, scenario.rampMs, parseDurationMs);
  readInto(warmup, scenario.warmupMs, parseDurationMs);
  readInto(after, scenario.afterMs, parseDurationMs);
  readInto(latency, scenario.latencyMs, parseDurationMs);
  readInto(bucket, scenario.bucketMs, parseDurationMs);
  readInto(seed, scenario.seed, parseCount);
  std::string error;
  if (!validateScenario(scenario, error))
    throw UsageError{error};
  return scenario;
}

ContentionScenario contentionFromOptions(const RetryPolicy &policy) {
  ContentionScenario scenario;
  // The study's 5 ms / 2 s unless --base / --cap say otherwise.
  if (given(base))
    scenario.baseMs = policy.baseMs;
  if (given(cap))
    scenario.capMs = policy.capMs;
  if (given(sweep)) {
    int parts[3] = {0, 0, 0};
    std::string text = sweep, error;
    for (int i = 0; i < 3; ++i) {
      const size_t colon = i < 2 ? text.find(':') : text.size();
      auto count = colon == std::string::npos ? std::nullopt : parseCount(text.substr(0, colon), error);
      if (!count || *count > 100000)
        throw UsageError{"--sweep: expected from:to:step such as 10:190:10, got '" + sweep + "'"};
      parts[i] = static_cast<int>(*count);
      text = colon < text.size() ? text.substr(colon + 1) : "";
    }
    scenario.minClients = parts[0];
    scenario.maxClients = parts[1];
    scenario.clientStep = parts[2];
  }
  readInto(runs, scenario.runs, parseCount);
  readInto(seed, scenario.seed, parseCount);
  std::string error;
  if (!validateScenario(scenario, error))
    throw UsageError{error};
  return scenario;
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file.good())
    throw UsageError{"cannot write '" + path + "'"};
}

/// Prints the report and writes the pictures.
void emit(const std::string &text, const nlohmann::ordered_json &json,
          const std::vector<LineChart> &charts, const std::string &title) {
  if (format == "json")
    llvm::outs() << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  else
    llvm::outs() << text;
  if (given(svgFile))
    writeFile(svgFile, renderSvg(charts));
  if (given(htmlFile))
    writeFile(htmlFile, renderHtml(title, text, charts));
}

enum class Scenario { Outage, Breaker, Contention };

/// Rejects flags of another scenario: silently ignoring them would mislead.
void rejectForeignOptions(Scenario scenario) {
  struct Applies {
    const TextOption *option;
    bool outage, breaker, contention;
  };
  const Applies table[] = {
      {&clients, true, true, false},       {&rate, true, true, false},
      {&outage, true, true, false},        {&warmup, true, true, false},
      {&after, true, true, false},         {&latency, true, true, false},
      {&bucket, true, true, false},        {&stall, true, false, false},
      {&capacity, true, false, false},     {&uptime, true, false, false},
      {&ramp, false, true, false},         {&sweep, false, false, true},
      {&runs, false, false, true},         {&attempts, true, false, false},
      {&multiplier, true, false, false},   {&jitter, true, false, false},
      {&budget, true, false, false},       {&budgetMax, true, false, false},
      {&budgetInitial, true, false, false}, {&layers, true, false, false},
      {&policyFile, true, true, false},    {&fixedPolicyFile, true, true, false},
      {&cooldown, false, true, false},     {&failureThreshold, false, true, false},
      {&halfOpenLimit, false, true, false}, {&base, true, false, true},
      {&cap, true, false, true}};
  for (const Applies &entry : table) {
    const bool applies = scenario == Scenario::Outage    ? entry.outage
                         : scenario == Scenario::Breaker ? entry.breaker
                                                         : entry.contention;
    if (applies || !given(*entry.option))
      continue;
    std::string where;
    for (const auto &[yes, name] : {std::pair{entry.outage, "outage"}, std::pair{entry.breaker, "breaker"},
                                    std::pair{entry.contention, "contention"}})
      if (yes)
        where += std::string(where.empty() ? "" : " or ") + "--scenario=" + name;
    throw UsageError{"--" + entry.option->ArgStr.str() + " applies only to " + where};
  }
  if (compare && scenario == Scenario::Contention)
    throw UsageError{"--compare applies only to --scenario=outage or breaker (contention runs all "
                     "five strategies)"};
}

/// The scenario named by --scenario; a breaker's policy that does not retry defaults to breaker.
Scenario scenarioFromOptions(const RetryPolicy &policy) {
  if (!given(scenarioName)) {
    // Breaker flags alone, or a policy file that only has a breaker: the breaker scenario.
    const bool retryGiven = given(attempts) || given(layers) || (given(policyFile) && retries(policy));
    return policy.breaker.enabled && !retryGiven ? Scenario::Breaker : Scenario::Outage;
  }
  if (scenarioName == "outage")
    return Scenario::Outage;
  if (scenarioName == "breaker")
    return Scenario::Breaker;
  if (scenarioName == "contention")
    return Scenario::Contention;
  throw UsageError{"--scenario: expected outage, breaker or contention, got '" + scenarioName + "'"};
}

/// The policy as written, then one variant per fix under --compare, then --fixed-policy.
std::vector<RetryPolicy> policiesToRun(const RetryPolicy &policy) {
  RetryPolicy asWritten = policy;
  if (compare || given(fixedPolicyFile))
    asWritten.name = "as written"; // the file's name is in the description line
  else if (asWritten.name.empty())
    asWritten.name = "policy";
  std::vector<RetryPolicy> policies = {asWritten};
  if (compare)
    for (RetryPolicy &variant : fixVariants(asWritten))
      policies.push_back(std::move(variant));
  if (auto fixed = fixedPolicyFromOptions(policy))
    policies.push_back(std::move(*fixed));
  return policies;
}

/// The outage model has no breaker: a policy's breaker is set aside, and a note says so.
RetryPolicy withoutBreaker(RetryPolicy policy) {
  if (!policy.breaker.enabled)
    return policy;
  policy.breaker.enabled = false;
  policy.notes.push_back("the outage scenario does not model the breaker; --scenario=breaker "
                         "does, for callers that do not retry");
  return policy;
}

int simulate() {
  if (format != "text" && format != "json")
    throw UsageError{"--format: expected text or json, got '" + format + "'"};
  if (given(scenarioName) && scenarioName != "outage" && scenarioName != "breaker" &&
      scenarioName != "contention")
    throw UsageError{"--scenario: expected outage, breaker or contention, got '" + scenarioName + "'"};
  if (given(scenarioName))
    rejectForeignOptions(scenarioFromOptions(RetryPolicy{}));
  const RetryPolicy policy = policyFromOptions();
  const Scenario scenario = scenarioFromOptions(policy);
  rejectForeignOptions(scenario);
  if (scenario == Scenario::Outage) {
    const OutageScenario outageScenario = outageFromOptions();
    std::vector<OutageResult> results;
    for (RetryPolicy run : policiesToRun(withoutBreaker(policy))) {
      if (run.breaker.enabled) // a --fixed-policy's breaker
        run = withoutBreaker(run);
      results.push_back(simulateOutage(run, outageScenario));
    }
    emit(outageText(outageScenario, results), outageJson(outageScenario, results),
         outageCharts(outageScenario, results), "retrylint simulate: outage");
    return 0;
  }
  if (scenario == Scenario::Breaker) {
    if (retries(policy) && given(policyFile))
      throw UsageError{"the breaker scenario's callers do not retry: give a policy with 1 attempt "
                       "(" + describe(policy) + ")"};
    RetryPolicy withBreaker = policy;
    withBreaker.breaker.enabled = true;
    if (!given(policyFile))
      withBreaker.attempts = 1; // the retry flags belong to the outage
    const BreakerScenario breakerScenario = breakerFromOptions();
    std::vector<BreakerResult> results;
    for (const RetryPolicy &run : policiesToRun(withBreaker)) {
      if (!run.breaker.enabled || retries(run))
        throw UsageError{"--fixed-policy: the breaker scenario needs a breaker whose callers do not "
                         "retry (" + describe(run) + ")"};
      results.push_back(simulateBreaker(run, breakerScenario));
    }
    emit(breakerText(breakerScenario, results), breakerJson(breakerScenario, results),
         breakerCharts(breakerScenario, results), "retrylint simulate: breaker");
    return 0;
  }
  const ContentionScenario contentionScenario = contentionFromOptions(policy);
  const ContentionResult result = simulateContention(contentionScenario);
  emit(contentionText(contentionScenario, result), contentionJson(contentionScenario, result),
       contentionCharts(contentionScenario, result), "retrylint simulate: contention");
  return 0;
}

} // namespace

int runSimulate() {
  try {
    return simulate();
  } catch (const UsageError &error) {
    llvm::outs().flush();
    llvm::errs() << "retrylint simulate: error: " << error.message << "\n";
    return 2;
  }
}

} // namespace retrylint::sim
