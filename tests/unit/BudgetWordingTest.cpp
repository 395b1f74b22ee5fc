#include "checks/BudgetWording.h"
#include "report/ExplainBudgets.h"
#include "checks/Registry.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace retrylint;

namespace {

Budget bucket(double credit, double cost, BudgetEvent creditEvent = BudgetEvent::Request) {
  Budget b;
  b.usr = "c:@S@RetryBudget@FI@tokens_";
  b.className = "RetryBudget";
  b.balance = "RetryBudget::tokens_";
  b.balanceType = "double";
  b.decl = SourceSpan{"/src/b.cpp", 30, 10, 30, 17, "  double tokens_;"};
  b.credit = {std::to_string(credit), credit};
  b.creditEvent = creditEvent;
  b.creditSpan = SourceSpan{"/src/b.cpp", 12, 5, 12, 20, "    tokens_ += x;"};
  b.creditFunction = "RetryBudget::OnRequest";
  b.cost = {std::to_string(cost), cost};
  b.costSpan = SourceSpan{"/src/b.cpp", 18, 7, 18, 20, "      tokens_ -= y;"};
  b.threshold = {"1", 1.0};
  b.thresholdOp = ">=";
  b.ceiling = credit / cost;
  return b;
}

std::vector<Finding> uncappedFindings(const Budget &b) {
  Program p;
  p.budgets.push_back(b);
  std::vector<Finding> out;
  std::string error;
  for (const Check *c : selectChecks("-*,retry-budget-uncapped", error))
    c->check(p, out);
  return out;
}

} // namespace

TEST(BudgetWording, Numbers) {
  EXPECT_EQ(formatPercent(0.1), "10%");
  EXPECT_EQ(formatPercent(0.125), "12.5%");
  EXPECT_EQ(formatCount(360000), "360,000");
  EXPECT_EQ(formatCount(3600000), "3,600,000");
  EXPECT_EQ(formatCount(999), "999");
  EXPECT_EQ(formatCount(1.5), "1.5");
  EXPECT_EQ(eventPlural(BudgetEvent::Retry), "retries");
  EXPECT_EQ(eventPlural(BudgetEvent::Success), "successes");
}

TEST(BudgetWording, ClassicIncidentTwoCeiling) {
  Budget b = bucket(0.1, 1);
  EXPECT_EQ(ceilingPhrase(b), "retries capped at 10% of requests (+0.1 per request, 1 per retry)");
  ASSERT_TRUE(loadBound(b));
  EXPECT_DOUBLE_EQ(*loadBound(b), 1.1);
  EXPECT_EQ(outagePhrase(b), "under a full outage load stays at or below 1.1× the request rate");
}

TEST(BudgetWording, SuccessCreditedBudgetStopsUnderFullOutage) {
  Budget b = bucket(1, 5, BudgetEvent::Success); // AWS: refund 1 per success, 5 per retry
  b.maximum = BudgetAmount{"500", 500.0};
  b.threshold = {"5", 5.0};
  EXPECT_FALSE(loadBound(b));
  EXPECT_EQ(ceilingPhrase(b), "retries capped at 20% of successes (+1 per success, 5 per retry)");
  EXPECT_NE(outagePhrase(b).find("at most 100 retries from a full bucket of 500"), std::string::npos);
}

TEST(BudgetUncapped, NoMaximumNamesTheBankedTokens) {
  auto findings = uncappedFindings(bucket(0.1, 1));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].span.line, 12u);
  EXPECT_NE(findings[0].title.find("after 1 h at 1,000 requests/s, +0.1 per request banks 360,000 "
                                   "tokens = 360,000 unbudgeted retries"),
            std::string::npos)
      << findings[0].title;
  EXPECT_NE(findings[0].title.find("10% of requests"), std::string::npos);
  EXPECT_NE(findings[0].fixHint.find("std::min(tokens_ + "), std::string::npos);
}

TEST(BudgetUncapped, CappedBelowHundredPercentIsClean) {
  Budget b = bucket(0.1, 1);
  b.maximum = BudgetAmount{"kMaxTokens", 10.0};
  EXPECT_TRUE(uncappedFindings(b).empty());
}

TEST(BudgetUncapped, CeilingOfHundredPercentProtectsNothing) {
  Budget b = bucket(1, 1);
  b.maximum = BudgetAmount{"10", 10.0};
  auto findings = uncappedFindings(b);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].title.find("100% of requests"), std::string::npos);
  EXPECT_NE(findings[0].title.find("load reaches 2×"), std::string::npos);
  // Refunds on success at 100% still run dry under a full outage: no finding.
  Budget refund = bucket(5, 5, BudgetEvent::Success);
  refund.maximum = BudgetAmount{"500", 500.0};
  EXPECT_TRUE(uncappedFindings(refund).empty());
}

TEST(ExplainBudgets, ReportsCeilingAndLoadBound) {
  Program p;
  p.budgets.push_back(bucket(0.1, 1));
  std::ostringstream out;
  writeBudgetExplanation(p, "/src", out);
  std::string text = out.str();
  EXPECT_NE(text.find("b.cpp:30:10: retry budget RetryBudget, balance tokens_ (double)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("maximum:   none"), std::string::npos);
  EXPECT_NE(text.find("10% of requests"), std::string::npos);
  EXPECT_NE(text.find("1.1× the request rate"), std::string::npos);
  std::ostringstream none;
  writeBudgetExplanation(Program{}, "/src", none);
  EXPECT_EQ(none.str(), "no retry budget recognised\n");
}
