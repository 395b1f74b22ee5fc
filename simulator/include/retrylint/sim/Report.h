// What a run prints: a text table, JSON, and the charts behind --svg / --html.
#pragma once

#include "retrylint/sim/ContentionModel.h"
#include "retrylint/sim/LineChart.h"
#include "retrylint/sim/OutageModel.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace retrylint::sim {

/// One row per policy (a policy and its fixed variant under --compare), then the spikes
/// and the closed-form bounds each policy should meet.
std::string outageText(const OutageScenario &scenario, const std::vector<OutageResult> &results);
nlohmann::ordered_json outageJson(const OutageScenario &scenario,
                                  const std::vector<OutageResult> &results);
/// Load over time (calls per bucket over the healthy bucket), the whole run and a zoom on
/// the first seconds of failure where un-jittered spikes sit.
std::vector<LineChart> outageCharts(const OutageScenario &scenario,
                                    const std::vector<OutageResult> &results);

std::string contentionText(const ContentionScenario &scenario, const ContentionResult &result);
nlohmann::ordered_json contentionJson(const ContentionScenario &scenario,
                                      const ContentionResult &result);
/// Write calls against N and completion time against N, one line per strategy.
std::vector<LineChart> contentionCharts(const ContentionScenario &scenario,
                                        const ContentionResult &result);

/// printf into a std::string (the reports align columns with it).
std::string formatText(const char *format, ...) __attribute__((format(printf, 1, 2)));

} // namespace retrylint::sim
