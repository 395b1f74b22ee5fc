// Scenario 2: the optimistic-concurrency workload of the AWS Architecture Blog study
// "Exponential Backoff And Jitter". N clients each update one shared row once: read the
// version, write conditionally on it, and on a conflict back off and read again.
#pragma once

#include "retrylint/sim/RetryPolicy.h"

#include <cstdint>
#include <vector>

namespace retrylint::sim {

/// The five strategies of the study. NoBackoff re-reads at once; Exponential does not jitter.
enum class ContentionStrategy { NoBackoff, Exponential, FullJitter, EqualJitter, Decorrelated };

const char *toString(ContentionStrategy strategy);
/// Every strategy, in the order of tables and plot legends.
const std::vector<ContentionStrategy> &allContentionStrategies();

struct ContentionScenario {
  int minClients = 10, maxClients = 190, clientStep = 10;
  int runs = 100; // seeds averaged per point, as in the study
  double networkMeanMs = 10, networkSdMs = 2; // one message takes |Normal(mean, sd)|
  double baseMs = 5, capMs = 2000;
  uint64_t seed = 1;
};

/// One simulated contention: every client has written once.
struct ContentionRun {
  uint64_t writeCalls = 0; // conditional writes the row received, successful or not
  double completionMs = 0; // when the last client learnt that its write succeeded
};

struct ContentionPoint {
  int clients = 0;
  ContentionStrategy strategy = ContentionStrategy::NoBackoff;
  double meanWriteCalls = 0;
  double meanCompletionMs = 0;
};

struct ContentionResult {
  std::vector<int> clientCounts;
  std::vector<ContentionPoint> points; // clients-major, strategies in allContentionStrategies() order
};

/// The retry policy a strategy stands for (attempts unbounded: a client writes until it wins).
RetryPolicy contentionPolicy(ContentionStrategy strategy, const ContentionScenario &scenario);

/// One run with its own seed. Each strategy gets the same seed for the same (clients, run).
ContentionRun runContention(ContentionStrategy strategy, int clients,
                            const ContentionScenario &scenario, uint64_t runSeed);

/// Every strategy for every client count, each averaged over scenario.runs seeds.
ContentionResult simulateContention(const ContentionScenario &scenario);

bool validateScenario(const ContentionScenario &scenario, std::string &error);

} // namespace retrylint::sim
