// What a run prints: a text table, JSON, and the charts behind --svg / --html.
#pragma once

#include "retrylint/sim/BreakerModel.h"
#include "retrylint/sim/ContentionModel.h"
#include "retrylint/sim/LineChart.h"
#include "retrylint/sim/OutageModel.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace retrylint::sim {

/// One row per policy (as written, then one per fix under --compare), then the spikes, the
/// closed-form bounds each policy should meet, and what each fix buys.
std::string outageText(const OutageScenario &scenario, const std::vector<OutageResult> &results);
nlohmann::ordered_json outageJson(const OutageScenario &scenario,
                                  const std::vector<OutageResult> &results);
/// Load over time (calls per bucket over the healthy bucket), the whole run and a zoom on
/// the first seconds of failure where un-jittered spikes sit.
std::vector<LineChart> outageCharts(const OutageScenario &scenario,
                                    const std::vector<OutageResult> &results);

/// One row per breaker (as written, then its fixes): half-open visits, the largest half-open
/// burst, the calls the dependency saw while down and while recovering, and the recovery.
std::string breakerText(const BreakerScenario &scenario, const std::vector<BreakerResult> &results);
nlohmann::ordered_json breakerJson(const BreakerScenario &scenario,
                                   const std::vector<BreakerResult> &results);
/// The load on the dependency against its capacity, and the requests served.
std::vector<LineChart> breakerCharts(const BreakerScenario &scenario,
                                     const std::vector<BreakerResult> &results);

std::string contentionText(const ContentionScenario &scenario, const ContentionResult &result);
nlohmann::ordered_json contentionJson(const ContentionScenario &scenario,
                                      const ContentionResult &result);
/// Write calls against N and completion time against N, one line per strategy.
std::vector<LineChart> contentionCharts(const ContentionScenario &scenario,
                                        const ContentionResult &result);

/// printf into a std::string (the reports align columns with it).
std::string formatText(const char *format, ...) __attribute__((format(printf, 1, 2)));

} // namespace retrylint::sim
