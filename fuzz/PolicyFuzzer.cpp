// libFuzzer harness: a JSON policy for `retrylint simulate --policy`, through the parser and
// validation; a policy that validates is described, written back, and (when small) run
// through a short outage. Numbers must be refused, not wrapped or cast out of range.
#include "retrylint/sim/OutageModel.h"
#include "retrylint/sim/PolicyInput.h"

using namespace retrylint::sim;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nlohmann::json doc = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return 0;
  RetryPolicy policy;
  std::string error;
  if (!policyFromJson(doc, policy, error))
    return 0;
  std::string text = describe(policy) + policyToJson(policy).dump();
  RetryPolicy again;
  if (!policyFromJson(nlohmann::json::parse(policyToJson(policy).dump()), again, error))
    __builtin_trap(); // what the simulator writes, it must read back
  if (policy.callsPerFailedRequest() <= 200) {
    OutageScenario scenario;
    scenario.clients = 20;
    scenario.warmupMs = 200;
    scenario.stallMs = 100;
    scenario.outageMs = 1000;
    scenario.afterMs = 500;
    OutageResult result = simulateOutage(policy, scenario);
    summarizeOutage(result, scenario);
  }
  return static_cast<int>(text.empty());
}
