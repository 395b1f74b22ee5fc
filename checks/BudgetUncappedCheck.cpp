#include "BudgetUncappedCheck.h"

#include "BudgetWording.h"
#include "Wording.h"

namespace retrylint {
namespace {

/// What a bucket with no maximum banks over a healthy hour, with the numbers when known.
std::string bankedTokens(const Budget &b) {
  std::string events = eventPlural(b.creditEvent);
  if (!b.credit.value)
    return creditText(b) + " banks tokens through every healthy hour, and an outage starts "
           "with all of them to spend on retries";
  double tokens = *b.credit.value * HealthySeconds * HealthyEventsPerSecond;
  std::string text = "after 1 h at " + formatCount(HealthyEventsPerSecond) + " " + events +
                     "/s, " + creditText(b) + " banks " + formatCount(tokens) + " tokens";
  if (b.cost.value && *b.cost.value > 0)
    text += " = " + formatCount(tokens / *b.cost.value) + " unbudgeted retries when an outage starts";
  return text;
}

} // namespace

const RuleInfo &BudgetUncappedCheck::rule() const {
  static const RuleInfo info{
      "retry-budget-uncapped",
      "RetryBudgetUncapped",
      "Retry budget has no maximum, or a ceiling of 100% or more",
      "A token-bucket retry budget caps retries at credit ÷ cost of requests only once its "
      "banked tokens are spent. With no maximum it banks tokens through every healthy hour "
      "and pays for a burst of unbudgeted retries when an outage starts; with a credit at "
      "least as large as the cost it lets every failed request retry and protects nothing.",
      Level::Warning,
      {"reliability", "retry", "retry-budget"},
      "high"};
  return info;
}

void BudgetUncappedCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const Budget &b : program.budgets) {
    std::string balance = shortName(b.balance);
    bool uncapped = !b.maximum;
    // Credited per request, a ceiling of 100% funds a retry for every failed request. A
    // budget credited on success still stops once a full outage has spent its bank.
    std::optional<double> load = loadBound(b);
    bool noProtection = load && *load >= 2;
    if (!uncapped && !noProtection)
      continue;
    std::string title, fix;
    if (noProtection) {
      title = ceilingPhrase(b) + " is no cap: under a full outage every request pays for a "
              "retry, so load reaches " + formatNumber(*load) + "× and the budget "
              "protects nothing";
      fix = "credit a small fraction of the cost per request: +0.1 per request at 1 per retry "
            "caps retries at 10% of requests (load 1.1×)";
    }
    if (uncapped) {
      title += std::string(title.empty() ? "" : "; ") + "`" + balance + "` has no maximum: " +
               bankedTokens(b);
      if (!noProtection)
        title += "; only then are " + ceilingPhrase(b);
      std::string max = b.cost.value ? " = " + formatNumber(10 * *b.cost.value) : "";
      fix += std::string(fix.empty() ? "" : "; ") + "clamp the balance to a few retries' worth: " +
             balance + " = std::min(" + balance + " + " +
             (b.credit.text.empty() ? "credit" : b.credit.text) + ", kMaxTokens) with kMaxTokens" +
             max + " (10 retries); gRPC keeps max_tokens and allows retries only while more than "
             "half of them remain";
    }
    out.push_back(finding(b.creditSpan, title, fix));
  }
}

} // namespace retrylint
