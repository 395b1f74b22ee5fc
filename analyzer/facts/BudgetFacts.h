// Facts about retry budgets: a numeric balance credited by a constant on each request (or
// success) and debited by a constant when a predicate that checks it first allows a retry.
// Plain data, no Clang (see docs/checks/retry-budget-uncapped.md).
// Facts.h includes this file once SourceSpan is defined, so either header may come first.
#ifndef RETRYLINT_BUDGET_FACTS_H
#include "facts/Facts.h"
#endif
#ifndef RETRYLINT_BUDGET_FACTS_H
#define RETRYLINT_BUDGET_FACTS_H

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace retrylint {

/// A quantity of tokens as written ("0.1", "kCreditPerRequest", "max_tokens_ / 2"), and its
/// value when the frontend could evaluate it (a constant, or a field set from one).
struct BudgetAmount {
  std::string text;
  std::optional<double> value;
};

/// What a credit or a debit happens on.
enum class BudgetEvent { Request, Success, Retry, Failure };

/// A function that answers whether a retry may go ahead (the debit predicate), or a helper
/// that returns its answer.
struct BudgetConsult {
  std::string usr;
  std::string name; // qualified
  SourceSpan span;  // the function's name in its definition
};

struct Budget {
  std::string usr;       // the balance (a field or a variable): the key the link merges on
  std::string className; // the class that holds the balance; empty for a namespace variable
  std::string balance;   // qualified name of the field or variable
  std::string balanceType;
  SourceSpan decl;       // the balance's declaration

  BudgetAmount credit;   // added per creditEvent
  BudgetEvent creditEvent = BudgetEvent::Request;
  SourceSpan creditSpan; // the credit statement (tokens_ += 0.1)
  std::string creditFunction;
  BudgetAmount cost;     // taken per costEvent
  BudgetEvent costEvent = BudgetEvent::Retry;
  SourceSpan costSpan;
  std::optional<BudgetAmount> maximum; // absent: some credit adds with no upper bound
  std::optional<BudgetAmount> initial; // the balance's starting value, when set from a constant
  BudgetAmount threshold;   // a retry is allowed while balance `thresholdOp` threshold
  std::string thresholdOp;  // ">=" or ">"

  std::vector<BudgetConsult> consults;   // the predicates that check and debit
  std::vector<BudgetConsult> helpers;    // functions that return a predicate's answer
  std::vector<SourceSpan> consultSites;  // calls of a predicate or helper, in file order
  /// credit ÷ cost when both are known: the share of credited events (requests or successes)
  /// that may be retried once the banked tokens are spent.
  std::optional<double> ceiling;
};

const char *toString(BudgetEvent);

void to_json(nlohmann::ordered_json &, const Budget &);
/// Throws nlohmann::json::exception (or std::invalid_argument) on a malformed document.
void from_json(const nlohmann::json &, Budget &);
class FactsValue;
void readFacts(const FactsValue &, Budget &);

/// The link's view: one Budget per balance, with the consult sites and helpers of all TUs.
void mergeBudget(Budget &into, const Budget &other);

/// The budget one of whose predicates or helpers is among `gateUsrs` (a retry loop's
/// RetryLoop::retryGateUsrs), or null.
const Budget *budgetConsultedBy(const std::vector<Budget> &budgets,
                                const std::vector<std::string> &gateUsrs);

} // namespace retrylint

#endif // RETRYLINT_BUDGET_FACTS_H
