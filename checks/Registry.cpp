#include "Registry.h"

#include "BackoffNoJitterCheck.h"
#include "BackoffUncappedCheck.h"
#include "BreakerHalfOpenFloodCheck.h"
#include "BreakerUnsynchronizedStateCheck.h"
#include "BudgetUncappedCheck.h"
#include "link/CheckGlobs.h"
#include "NestedFanoutCheck.h"
#include "NoBackoffCheck.h"
#include "NolintUnmatchedCheck.h"
#include "SleepAfterFinalAttemptCheck.h"
#include "UnboundedCheck.h"
#include "UnbudgetedCheck.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace retrylint {
namespace {

std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

} // namespace

const std::vector<std::unique_ptr<Check>> &allChecks() {
  static const std::vector<std::unique_ptr<Check>> checks = [] {
    std::vector<std::unique_ptr<Check>> list;
    list.push_back(std::make_unique<BackoffNoJitterCheck>());
    list.push_back(std::make_unique<BackoffUncappedCheck>());
    list.push_back(std::make_unique<BreakerHalfOpenFloodCheck>());
    list.push_back(std::make_unique<BreakerUnsynchronizedStateCheck>());
    list.push_back(std::make_unique<BudgetUncappedCheck>());
    list.push_back(std::make_unique<NestedFanoutCheck>());
    list.push_back(std::make_unique<NoBackoffCheck>());
    list.push_back(std::make_unique<NolintUnmatchedCheck>());
    list.push_back(std::make_unique<SleepAfterFinalAttemptCheck>());
    list.push_back(std::make_unique<UnboundedCheck>());
    list.push_back(std::make_unique<UnbudgetedCheck>());
    std::sort(list.begin(), list.end(),
              [](const auto &a, const auto &b) { return a->rule().id < b->rule().id; });
    return list;
  }();
  return checks;
}

const std::string &ruleHelpMarkdown(const std::string &id) {
  static const std::map<std::string, std::string> docs = {
#include "RuleDocs.inc"
  };
  static const std::string missing;
  auto it = docs.find(id);
  return it == docs.end() ? missing : it->second;
}

std::vector<const Check *> selectChecks(const std::string &globs, std::string &error) {
  const auto &checks = allChecks();
  std::vector<bool> enabled(checks.size(), true);
  std::stringstream in(globs);
  std::string item;
  while (std::getline(in, item, ',')) {
    item = trim(item);
    if (item.empty())
      continue;
    bool enable = item[0] != '-';
    std::string glob = enable ? item : trim(item.substr(1));
    bool matched = false;
    for (size_t i = 0; i < checks.size(); ++i)
      if (globMatches(glob, checks[i]->rule().id)) {
        enabled[i] = enable;
        matched = true;
      }
    if (!matched && glob.find('*') == std::string::npos) {
      std::string known;
      for (const auto &c : checks)
        known += (known.empty() ? "" : ", ") + c->rule().id;
      error = "unknown check '" + glob + "' in --checks (known: " + known + ")";
      return {};
    }
  }
  std::vector<const Check *> selected;
  for (size_t i = 0; i < checks.size(); ++i)
    if (enabled[i])
      selected.push_back(checks[i].get());
  return selected;
}

} // namespace retrylint
