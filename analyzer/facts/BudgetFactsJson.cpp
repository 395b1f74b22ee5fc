// JSON form of the budget facts, part of the per-TU facts document (FactsJson.cpp), and the
// merge of one budget seen by several TUs.
#include "facts/BudgetFacts.h"
#include "facts/JsonMapping.h"

#include <algorithm>
#include <tuple>

namespace retrylint {

const char *toString(BudgetEvent e) {
  switch (e) {
  case BudgetEvent::Request: return "request";
  case BudgetEvent::Success: return "success";
  case BudgetEvent::Retry: return "retry";
  case BudgetEvent::Failure: return "failure";
  }
  return "request";
}

// The mappings live in namespace retrylint itself: nlohmann finds them by ADL.

RETRYLINT_JSON_ENUM(BudgetEvent, BudgetEvent::Request, BudgetEvent::Success, BudgetEvent::Retry,
                    BudgetEvent::Failure)
RETRYLINT_JSON_FIELDS(BudgetAmount, text, value)
RETRYLINT_JSON_FIELDS(BudgetConsult, usr, name, span)

static auto spanKey(const SourceSpan &s) { return std::tie(s.file, s.line, s.column); }

RETRYLINT_JSON_FIELDS(Budget, usr, className, balance, balanceType, decl, credit, creditEvent,
                      creditSpan, creditFunction, cost, costEvent, costSpan, maximum, initial,
                      threshold, thresholdOp, consults, helpers, consultSites, ceiling)

void mergeBudget(Budget &into, const Budget &other) {
  auto addConsults = [](std::vector<BudgetConsult> &to, const std::vector<BudgetConsult> &from) {
    for (const BudgetConsult &c : from)
      if (std::none_of(to.begin(), to.end(), [&](const BudgetConsult &x) { return x.usr == c.usr; }))
        to.push_back(c);
    std::sort(to.begin(), to.end(),
              [](const BudgetConsult &a, const BudgetConsult &b) { return a.usr < b.usr; });
  };
  addConsults(into.consults, other.consults);
  addConsults(into.helpers, other.helpers);
  into.consultSites.insert(into.consultSites.end(), other.consultSites.begin(),
                           other.consultSites.end());
  std::sort(into.consultSites.begin(), into.consultSites.end(),
            [](const SourceSpan &a, const SourceSpan &b) { return spanKey(a) < spanKey(b); });
  into.consultSites.erase(std::unique(into.consultSites.begin(), into.consultSites.end(),
                                      [](const SourceSpan &a, const SourceSpan &b) {
                                        return spanKey(a) == spanKey(b);
                                      }),
                          into.consultSites.end());
}

const Budget *budgetConsultedBy(const std::vector<Budget> &budgets,
                                const std::vector<std::string> &gateUsrs) {
  for (const Budget &b : budgets)
    for (const auto *list : {&b.consults, &b.helpers})
      for (const BudgetConsult &c : *list)
        if (std::find(gateUsrs.begin(), gateUsrs.end(), c.usr) != gateUsrs.end())
          return &b;
  return nullptr;
}

} // namespace retrylint
