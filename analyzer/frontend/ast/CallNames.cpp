#include "frontend/ast/CallNames.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace retrylint {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool startsWith(const std::string &s, const char *prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool contains(const std::string &s, const char *part) { return s.find(part) != std::string::npos; }

} // namespace

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

bool isClockRead(const std::string &q) {
  std::string name = unqualified(q);
  if (name == "now")
    return true; // std::chrono clocks, boost::chrono, folly, any Clock::now()
  return q == "absl::Now" || q == "time" || q == "clock_gettime" || q == "gettimeofday" ||
         q == "clock" || q == "GetTickCount64" || q == "GetTickCount";
}

bool isCompareExchange(const std::string &q) {
  std::string name = unqualified(q);
  return startsWith(name, "compare_exchange") || startsWith(name, "atomic_compare_exchange") ||
         startsWith(name, "__atomic_compare_exchange") || startsWith(name, "__sync_bool_compare") ||
         startsWith(name, "__sync_val_compare") || name == "CompareAndSwap" ||
         name == "InterlockedCompareExchange";
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
