// JSON form of the budget facts, part of the per-TU facts document (FactsJson.cpp), and the
// merge of one budget seen by several TUs.
#include "BudgetFacts.h"
#include "FactsJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace retrylint {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr BudgetEvent AllEvents[] = {BudgetEvent::Request, BudgetEvent::Success,
                                     BudgetEvent::Retry, BudgetEvent::Failure};

BudgetEvent eventFromJson(const json &j) { return enumFromString(j.get<std::string>(), AllEvents); }

/// An unknown value is null, so a reader never mistakes it for zero.
ojson toJson(const BudgetAmount &a) {
  ojson j{{"text", a.text}, {"value", nullptr}};
  if (a.value)
    j["value"] = *a.value;
  return j;
}

BudgetAmount amountFromJson(const json &j) {
  BudgetAmount a;
  a.text = j.at("text").get<std::string>();
  if (!j.at("value").is_null())
    a.value = j.at("value").get<double>();
  return a;
}

ojson toJson(const std::vector<BudgetConsult> &list) {
  ojson out = ojson::array();
  for (const BudgetConsult &c : list)
    out.push_back({{"usr", c.usr}, {"name", c.name}, {"span", toJson(c.span)}});
  return out;
}

std::vector<BudgetConsult> consultsFromJson(const json &j) {
  std::vector<BudgetConsult> out;
  for (const json &c : j)
    out.push_back({c.at("usr").get<std::string>(), c.at("name").get<std::string>(),
                   spanFromJson(c.at("span"))});
  return out;
}

auto spanKey(const SourceSpan &s) { return std::tie(s.file, s.line, s.column); }

} // namespace

const char *toString(BudgetEvent e) {
  switch (e) {
  case BudgetEvent::Request: return "request";
  case BudgetEvent::Success: return "success";
  case BudgetEvent::Retry: return "retry";
  case BudgetEvent::Failure: return "failure";
  }
  return "request";
}

ojson toJson(const Budget &b) {
  ojson sites = ojson::array();
  for (const SourceSpan &s : b.consultSites)
    sites.push_back(toJson(s));
  ojson j{{"usr", b.usr},
          {"className", b.className},
          {"balance", b.balance},
          {"balanceType", b.balanceType},
          {"decl", toJson(b.decl)},
          {"credit", toJson(b.credit)},
          {"creditEvent", toString(b.creditEvent)},
          {"creditSpan", toJson(b.creditSpan)},
          {"creditFunction", b.creditFunction},
          {"cost", toJson(b.cost)},
          {"costEvent", toString(b.costEvent)},
          {"costSpan", toJson(b.costSpan)},
          {"maximum", nullptr},
          {"initial", nullptr},
          {"threshold", toJson(b.threshold)},
          {"thresholdOp", b.thresholdOp},
          {"consults", toJson(b.consults)},
          {"helpers", toJson(b.helpers)},
          {"consultSites", sites},
          {"ceiling", nullptr}};
  if (b.maximum)
    j["maximum"] = toJson(*b.maximum);
  if (b.initial)
    j["initial"] = toJson(*b.initial);
  if (b.ceiling)
    j["ceiling"] = *b.ceiling;
  return j;
}

Budget budgetFromJson(const json &j) {
  Budget b;
  b.usr = j.at("usr").get<std::string>();
  b.className = j.at("className").get<std::string>();
  b.balance = j.at("balance").get<std::string>();
  b.balanceType = j.at("balanceType").get<std::string>();
  b.decl = spanFromJson(j.at("decl"));
  b.credit = amountFromJson(j.at("credit"));
  b.creditEvent = eventFromJson(j.at("creditEvent"));
  b.creditSpan = spanFromJson(j.at("creditSpan"));
  b.creditFunction = j.at("creditFunction").get<std::string>();
  b.cost = amountFromJson(j.at("cost"));
  b.costEvent = eventFromJson(j.at("costEvent"));
  b.costSpan = spanFromJson(j.at("costSpan"));
  if (!j.at("maximum").is_null())
    b.maximum = amountFromJson(j.at("maximum"));
  if (!j.at("initial").is_null())
    b.initial = amountFromJson(j.at("initial"));
  b.threshold = amountFromJson(j.at("threshold"));
  b.thresholdOp = j.at("thresholdOp").get<std::string>();
  b.consults = consultsFromJson(j.at("consults"));
  b.helpers = consultsFromJson(j.at("helpers"));
  for (const json &s : j.at("consultSites"))
    b.consultSites.push_back(spanFromJson(s));
  if (!j.at("ceiling").is_null())
    b.ceiling = j.at("ceiling").get<double>();
  return b;
}

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
