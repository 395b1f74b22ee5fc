#include "retrylint/sim/ContentionModel.h"

#include "retrylint/sim/Backoff.h"
#include "retrylint/sim/Rng.h"

#include <cmath>
#include <queue>
#include <string>

namespace retrylint::sim {

const char *toString(ContentionStrategy strategy) {
  switch (strategy) {
  case ContentionStrategy::NoBackoff: return "no-backoff";
  case ContentionStrategy::Exponential: return "exponential";
  case ContentionStrategy::FullJitter: return "full-jitter";
  case ContentionStrategy::EqualJitter: return "equal-jitter";
  case ContentionStrategy::Decorrelated: return "decorrelated";
  }
  return "no-backoff";
}

const std::vector<ContentionStrategy> &allContentionStrategies() {
  static const std::vector<ContentionStrategy> all = {
      ContentionStrategy::NoBackoff, ContentionStrategy::Exponential,
      ContentionStrategy::FullJitter, ContentionStrategy::EqualJitter,
      ContentionStrategy::Decorrelated};
  return all;
}

RetryPolicy contentionPolicy(ContentionStrategy strategy, const ContentionScenario &scenario) {
  RetryPolicy policy;
  policy.name = toString(strategy);
  policy.attempts = 1000; // unused: a client retries until it wins
  policy.baseMs = scenario.baseMs;
  policy.capMs = scenario.capMs;
  policy.multiplier = 2;
  switch (strategy) {
  case ContentionStrategy::NoBackoff:
  case ContentionStrategy::Exponential: policy.jitter = JitterKind::None; break;
  case ContentionStrategy::FullJitter: policy.jitter = JitterKind::Full; break;
  case ContentionStrategy::EqualJitter: policy.jitter = JitterKind::Equal; break;
  case ContentionStrategy::Decorrelated: policy.jitter = JitterKind::Decorrelated; break;
  }
  return policy;
}

namespace {

/// A message arriving at the row's server or back at a client.
enum class Delivery : uint8_t { ReadAtServer, ReadReply, WriteAtServer, WriteReply };

struct Message {
  double atMs;
  uint64_t order; // ties between equal times resolve in sending order
  uint32_t client;
  Delivery kind;
  uint64_t payload; // the version read or written; 1/0 for a write's success
};
struct LaterFirst {
  bool operator()(const Message &a, const Message &b) const {
    return a.atMs != b.atMs ? a.atMs > b.atMs : a.order > b.order;
  }
};

struct ContendingClient {
  int failedWrites = 0;
  double previousSleepMs = 0;
};

} // namespace

ContentionRun runContention(ContentionStrategy strategy, int clients,
                            const ContentionScenario &scenario, uint64_t runSeed) {
  const RetryPolicy policy = contentionPolicy(strategy, scenario);
  Rng rng(runSeed);
  std::vector<ContendingClient> state(static_cast<size_t>(clients));
  std::priority_queue<Message, std::vector<Message>, LaterFirst> network;
  uint64_t order = 0;
  auto send = [&](double atMs, uint32_t client, Delivery kind, uint64_t payload) {
    const double delay = std::fabs(rng.normal(scenario.networkMeanMs, scenario.networkSdMs));
    network.push({atMs + delay, order++, client, kind, payload});
  };

  for (uint32_t client = 0; client < state.size(); ++client) {
    state[client].previousSleepMs = startingSleepMs(policy);
    send(0, client, Delivery::ReadAtServer, 0);
  }
  uint64_t rowVersion = 0;
  ContentionRun run;
  while (!network.empty()) {
    const Message message = network.top();
    network.pop();
    run.completionMs = message.atMs; // the last delivery ends the run
    switch (message.kind) {
    case Delivery::ReadAtServer:
      send(message.atMs, message.client, Delivery::ReadReply, rowVersion);
      break;
    case Delivery::ReadReply:
      send(message.atMs, message.client, Delivery::WriteAtServer, message.payload);
      break;
    case Delivery::WriteAtServer: {
      ++run.writeCalls;
      const bool current = message.payload == rowVersion;
      if (current)
        ++rowVersion;
      send(message.atMs, message.client, Delivery::WriteReply, current ? 1 : 0);
      break;
    }
    case Delivery::WriteReply: {
      if (message.payload == 1)
        break; // this client is done
      ContendingClient &client = state[message.client];
      const int retry = ++client.failedWrites;
      // The study sleeps min(cap, base * 2^n) for retry n >= 1: exponent n, not n - 1.
      const double sleep = strategy == ContentionStrategy::NoBackoff
                               ? 0
                               : backoffSleepMs(policy, retry, client.previousSleepMs, rng);
      send(message.atMs + sleep, message.client, Delivery::ReadAtServer, 0);
      break;
    }
    }
  }
  return run;
}

ContentionResult simulateContention(const ContentionScenario &scenario) {
  ContentionResult result;
  for (int clients = scenario.minClients; clients <= scenario.maxClients;
       clients += scenario.clientStep) {
    result.clientCounts.push_back(clients);
    for (ContentionStrategy strategy : allContentionStrategies()) {
      double calls = 0, completion = 0;
      for (int run = 0; run < scenario.runs; ++run) {
        // Streams depend on (clients, run) only, so strategies share seeds.
        const uint64_t runSeed = deriveSeed(scenario.seed, 3 + static_cast<uint64_t>(clients), run);
        const ContentionRun one = runContention(strategy, clients, scenario, runSeed);
        calls += static_cast<double>(one.writeCalls);
        completion += one.completionMs;
      }
      result.points.push_back({clients, strategy, calls / scenario.runs, completion / scenario.runs});
    }
  }
  return result;
}

bool validateScenario(const ContentionScenario &scenario, std::string &error) {
  if (scenario.minClients < 1 || scenario.maxClients < scenario.minClients ||
      scenario.clientStep < 1 || scenario.maxClients > 5000)
    error = "client sweep needs 1 <= from <= to <= 5000 and a step >= 1";
  else if (scenario.runs < 1 || scenario.runs > 100000)
    error = "runs must be between 1 and 100000";
  else if (!(scenario.networkMeanMs >= 0) || !(scenario.networkSdMs >= 0))
    error = "network delay must not be negative";
  else if (!(scenario.baseMs > 0) || !(scenario.capMs >= 0))
    error = "contention needs base > 0 and cap >= 0";
  else
    return true;
  return false;
}

} // namespace retrylint::sim
