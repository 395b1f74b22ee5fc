#include "frontend/ast/CallNames.h"

namespace retrylint {

std::string unqualified(const std::string &qualifiedName) {
  // Template arguments may contain "::" too: drop them first.
  std::string name;
  int depth = 0;
  for (char c : qualifiedName) {
    if (c == '<')
      ++depth;
    else if (c == '>' && depth > 0)
      --depth;
    else if (depth == 0)
      name += c;
  }
  size_t colon = name.rfind("::");
  return colon == std::string::npos ? name : name.substr(colon + 2);
}

} // namespace retrylint

namespace retrylint {

static std::vector<std::string> &budgetFunctionList() {
  static std::vector<std::string> names;
  return names;
}

void setProjectBudgetFunctions(std::vector<std::string> names) {
  budgetFunctionList() = std::move(names);
}

const std::vector<std::string> &projectBudgetFunctions() { return budgetFunctionList(); }


} // namespace retrylint
