// How a retry budget's numbers are put into words, shared by retry-budget-uncapped and
// `--explain-budgets` so that a ceiling reads the same everywhere.
#pragma once

#include "facts/Facts.h"

#include <optional>
#include <string>

namespace retrylint {

/// The healthy period and rate that the uncapped-bucket arithmetic assumes.
inline constexpr double HealthySeconds = 3600, HealthyEventsPerSecond = 1000;

/// "10%", "12.5%", "100%".
std::string formatPercent(double ratio);

/// A count with thousands separators: 360,000; 1.5 below 10.
std::string formatCount(double value);

/// "request", "success", "retry", "failure"; and "requests", "successes", ...
std::string eventName(BudgetEvent e);
std::string eventPlural(BudgetEvent e);

/// "+0.1 per request", "1 per retry".
std::string creditText(const Budget &b);
std::string costText(const Budget &b);

/// "retries capped at 10% of requests (+0.1 per request, 1 per retry)".
std::string ceilingPhrase(const Budget &b);

/// What the ceiling means under a full outage: "load stays at or below 1.1× the request
/// rate", or, for a budget credited on success, that retries stop once the bank is spent.
std::string outagePhrase(const Budget &b);

/// The load bound 1 + ceiling, for budgets credited per request with a known ceiling.
std::optional<double> loadBound(const Budget &b);

/// The last component of a qualified name: tokens_ for payments::RetryBudget::tokens_.
std::string shortName(const std::string &qualified);

} // namespace retrylint
