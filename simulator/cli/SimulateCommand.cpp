#include "SimulateCommand.h"

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

TextOption scenarioName("scenario", cl::desc("outage (default) or contention"),
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
cl::opt<bool> compare("compare",
                      cl::desc("also run the fixed variant (full jitter, a budget, one layer)"),
                      cl::sub(simulateSubcommand()), cl::cat(policyCategory));

TextOption clients("clients", cl::desc("outage: clients (default 10000)"), cl::value_desc("n"),
                   cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption rate("rate", cl::desc("outage: requests per second per client (default 1)"),
                cl::value_desc("r"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption outage("outage", cl::desc("outage: how long every call fails (default 30s)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption stall("stall", cl::desc("outage: calls hang this long before failing together (default 1s)"),
                 cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption warmup("warmup", cl::desc("outage: healthy time shown before, stall included (default 2s)"),
                  cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption after("after", cl::desc("outage: time simulated after recovery (default 10s)"),
                 cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption latency("latency", cl::desc("outage: time a failed call takes to fail (default 0)"),
                   cl::value_desc("duration"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption capacity("capacity",
                    cl::desc("outage: after recovery, up only while load < x times healthy"),
                    cl::value_desc("x"), cl::sub(simulateSubcommand()), cl::cat(scenarioCategory));
TextOption bucket("bucket", cl::desc("outage: width of a load bucket (default 10ms)"),
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
  if (!validatePolicy(policy, error))
    throw UsageError{error};
  return policy;
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
  readInto(seed, scenario.seed, parseCount);
  if (given(stall) && !given(warmup))
    scenario.warmupMs = std::max(scenario.warmupMs, scenario.stallMs + 1000);
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

/// Rejects flags of the other scenario: silently ignoring them would mislead.
void rejectForeignOptions(bool outageScenario) {
  const TextOption *outageOnly[] = {&clients, &rate, &outage, &stall, &warmup,
                                    &after, &latency, &capacity, &bucket};
  // Contention compares its five strategies itself and takes only base and cap.
  const TextOption *outagePolicy[] = {&policyFile, &attempts, &multiplier, &jitter, &budget,
                                      &budgetMax, &budgetInitial, &layers};
  const TextOption *contentionOnly[] = {&sweep, &runs};
  auto check = [](const auto &options, const char *scenario) {
    for (const TextOption *option : options)
      if (given(*option))
        throw UsageError{"--" + option->ArgStr.str() + " applies only to --scenario=" + scenario};
  };
  if (outageScenario) {
    check(contentionOnly, "contention");
    return;
  }
  check(outageOnly, "outage");
  check(outagePolicy, "outage (contention runs all five strategies)");
  if (compare)
    throw UsageError{"--compare applies only to --scenario=outage (contention runs all five strategies)"};
}

int simulate() {
  if (format != "text" && format != "json")
    throw UsageError{"--format: expected text or json, got '" + format + "'"};
  if (scenarioName == "outage" || scenarioName == "contention")
    rejectForeignOptions(scenarioName == "outage");
  const RetryPolicy policy = policyFromOptions();
  if (scenarioName == "outage") {
    const OutageScenario scenario = outageFromOptions();
    RetryPolicy asWritten = policy;
    if (asWritten.name.empty())
      asWritten.name = compare ? "as written" : "policy";
    std::vector<OutageResult> results = {simulateOutage(asWritten, scenario)};
    if (compare)
      results.push_back(simulateOutage(fixedVariant(asWritten), scenario));
    emit(outageText(scenario, results), outageJson(scenario, results),
         outageCharts(scenario, results), "retrylint simulate: outage");
    return 0;
  }
  if (scenarioName == "contention") {
    const ContentionScenario scenario = contentionFromOptions(policy);
    const ContentionResult result = simulateContention(scenario);
    emit(contentionText(scenario, result), contentionJson(scenario, result),
         contentionCharts(scenario, result), "retrylint simulate: contention");
    return 0;
  }
  throw UsageError{"--scenario: expected outage or contention, got '" + scenarioName + "'"};
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
