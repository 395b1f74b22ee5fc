#include "report/ExplainBudgets.h"

#include "checks/BudgetWording.h"
#include "facts/FactsJson.h"
#include "report/Report.h"
#include "checks/Wording.h"

#include <cstdlib>

namespace retrylint {
namespace {

std::string where(const SourceSpan &s, const std::string &root) {
  return displayPath(s.file, root) + ":" + std::to_string(s.line) + ":" + std::to_string(s.column);
}

/// 0.1, or 10 (kMaxTokens) when the value comes from a name or an expression.
std::string amount(const BudgetAmount &a) {
  if (!a.value)
    return a.text;
  std::string value = formatNumber(*a.value);
  char *end = nullptr;
  std::strtod(a.text.c_str(), &end);
  bool literal = !a.text.empty() && end && *end == '\0';
  return literal || a.text.empty() ? value : value + " (" + a.text + ")";
}

void explain(const Budget &b, const std::string &root, std::ostream &out) {
  std::string balance = shortName(b.balance);
  out << where(b.decl, root) << ": retry budget "
      << (b.className.empty() ? b.balance : b.className) << ", balance " << balance << " ("
      << b.balanceType << ")\n";
  out << "  credit:    +" << amount(b.credit) << " per " << eventName(b.creditEvent) << " in "
      << b.creditFunction << " at " << where(b.creditSpan, root) << "\n";
  out << "  cost:      " << amount(b.cost) << " per " << eventName(b.costEvent) << " at "
      << where(b.costSpan, root) << "\n";
  out << "  threshold: a retry needs " << balance << " " << b.thresholdOp << " "
      << amount(b.threshold) << "\n";
  out << "  maximum:   "
      << (b.maximum ? amount(*b.maximum)
                    : "none: the balance grows without limit while the dependency is healthy")
      << "\n";
  if (b.initial)
    out << "  starts at: " << amount(*b.initial) << "\n";
  out << "  ceiling:   " << ceilingPhrase(b) << "; " << outagePhrase(b) << "\n";
  for (const BudgetConsult &c : b.consults)
    out << "  predicate: " << c.name << " at " << where(c.span, root) << "\n";
  for (const BudgetConsult &c : b.helpers)
    out << "  helper:    " << c.name << " at " << where(c.span, root) << "\n";
  for (const SourceSpan &s : b.consultSites)
    out << "  consulted: " << where(s, root) << "\n";
}

} // namespace

void writeBudgetExplanation(const Program &program, const std::string &sourceRoot,
                            std::ostream &out) {
  if (program.budgets.empty()) {
    out << "no retry budget recognised\n";
    return;
  }
  for (size_t i = 0; i < program.budgets.size(); ++i) {
    if (i > 0)
      out << "\n";
    explain(program.budgets[i], sourceRoot, out);
  }
}

void writeBudgetsJson(const Program &program, std::ostream &out) {
  nlohmann::ordered_json budgets = nlohmann::ordered_json::array();
  for (const Budget &b : program.budgets)
    budgets.push_back(b);
  out << dumpJson(nlohmann::ordered_json{{"budgets", budgets}}, 2) << "\n";
}

} // namespace retrylint
