#include "BudgetWording.h"

#include "Wording.h"

#include <cmath>

namespace retrylint {

std::string formatPercent(double ratio) { return formatNumber(ratio * 100) + "%"; }

std::string formatCount(double value) {
  if (std::fabs(value) < 10)
    return formatNumber(value);
  std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(value))));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return (value < 0 ? "-" : "") + out;
}

std::string eventName(BudgetEvent e) { return toString(e); }

std::string eventPlural(BudgetEvent e) {
  switch (e) {
  case BudgetEvent::Success: return "successes";
  case BudgetEvent::Retry: return "retries";
  default: return eventName(e) + "s";
  }
}

/// An amount by value when known, else as written.
static std::string amountText(const BudgetAmount &a) {
  return a.value ? formatNumber(*a.value) : a.text;
}

std::string creditText(const Budget &b) {
  return "+" + amountText(b.credit) + " per " + eventName(b.creditEvent);
}

std::string costText(const Budget &b) {
  return amountText(b.cost) + " per " + eventName(b.costEvent);
}

std::string ceilingPhrase(const Budget &b) {
  std::string numbers = "(" + creditText(b) + ", " + costText(b) + ")";
  if (!b.ceiling)
    return "retries capped at a share of " + eventPlural(b.creditEvent) + " " + numbers;
  return "retries capped at " + formatPercent(*b.ceiling) + " of " + eventPlural(b.creditEvent) +
         " " + numbers;
}

std::optional<double> loadBound(const Budget &b) {
  if (!b.ceiling || b.creditEvent != BudgetEvent::Request || b.costEvent != BudgetEvent::Retry)
    return std::nullopt;
  return 1 + *b.ceiling;
}

std::string outagePhrase(const Budget &b) {
  if (std::optional<double> load = loadBound(b))
    return "under a full outage load stays at or below " + formatNumber(*load) +
           "× the request rate";
  if (b.creditEvent == BudgetEvent::Success) {
    std::string text = "under a full outage no success refills it, so retries stop once the "
                       "banked tokens are spent";
    // From a full bucket: every debit needs the balance at the threshold or above it.
    if (b.maximum && b.maximum->value && b.threshold.value && b.cost.value && *b.cost.value > 0) {
      double room = (*b.maximum->value - *b.threshold.value) / *b.cost.value;
      double spendable = b.thresholdOp == ">" ? std::ceil(room) : std::floor(room) + 1;
      if (spendable > 0)
        text += " (at most " + formatCount(spendable) + " " + eventPlural(b.costEvent) +
                " from a full bucket of " + formatNumber(*b.maximum->value) + ")";
    }
    return text;
  }
  return "under a full outage retries are limited to what each " + eventName(b.creditEvent) +
         " credits";
}

std::string shortName(const std::string &qualified) {
  size_t colon = qualified.rfind("::");
  return colon == std::string::npos ? qualified : qualified.substr(colon + 2);
}

} // namespace retrylint
