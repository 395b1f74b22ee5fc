#include "facts/FactsJson.h"
#include "link/Program.h"

#include <gtest/gtest.h>

using namespace retrylint;

namespace {

/// Classic incident 2: +0.1 per request, 1 per retry, no maximum.
Budget incidentTwo(const std::string &file = "/src/budget.cpp") {
  Budget b;
  b.usr = "c:@N@payments@S@RetryBudget@FI@tokens_";
  b.className = "payments::RetryBudget";
  b.balance = "payments::RetryBudget::tokens_";
  b.balanceType = "double";
  b.decl = SourceSpan{file, 34, 10, 34, 17, "  double tokens_ = 0;"};
  b.credit = {"0.1", 0.1};
  b.creditSpan = SourceSpan{file, 20, 5, 20, 19, "    tokens_ += 0.1;"};
  b.creditFunction = "payments::RetryBudget::OnRequest";
  b.cost = {"1", 1.0};
  b.costSpan = SourceSpan{file, 26, 7, 26, 19, "      tokens_ -= 1;"};
  b.threshold = {"1", 1.0};
  b.thresholdOp = ">=";
  b.initial = BudgetAmount{"0", 0.0};
  b.consults.push_back({"c:@N@payments@S@RetryBudget@F@TryRetry#", "payments::RetryBudget::TryRetry",
                        SourceSpan{file, 23, 8, 23, 16, "  bool TryRetry() {"}});
  b.consultSites.push_back(SourceSpan{file, 59, 10, 59, 27, "    if (!budget.TryRetry()) break;"});
  b.ceiling = 0.1;
  return b;
}

TUFacts tuWith(const Budget &b, const std::string &mainFile) {
  TUFacts tu;
  tu.mainFile = mainFile;
  tu.budgets.push_back(b);
  return tu;
}

} // namespace

TEST(BudgetFacts, RoundTripKeepsUnknownValuesUnknown) {
  TUFacts tu = tuWith(incidentTwo(), "/src/budget.cpp");
  Budget grpc = incidentTwo();
  grpc.usr = "c:@S@Throttle@FI@tokens_";
  grpc.credit = {"token_ratio_", std::nullopt};
  grpc.creditEvent = BudgetEvent::Success;
  grpc.costEvent = BudgetEvent::Failure;
  grpc.maximum = BudgetAmount{"max_tokens_", std::nullopt};
  grpc.thresholdOp = ">";
  grpc.ceiling.reset();
  tu.budgets.push_back(grpc);

  std::string once = toJson(tu).dump();
  TUFacts back = tuFactsFromJson(nlohmann::json::parse(once));
  EXPECT_EQ(toJson(back).dump(), once);
  ASSERT_EQ(back.budgets.size(), 2u);
  EXPECT_FALSE(back.budgets[0].maximum);
  EXPECT_EQ(*back.budgets[0].ceiling, 0.1);
  EXPECT_FALSE(back.budgets[1].credit.value);
  EXPECT_EQ(back.budgets[1].credit.text, "token_ratio_");
  EXPECT_EQ(back.budgets[1].creditEvent, BudgetEvent::Success);
  EXPECT_FALSE(back.budgets[1].ceiling);
}

TEST(BudgetFacts, RejectsUnknownEvents) {
  auto j = nlohmann::json::parse(toJson(tuWith(incidentTwo(), "/src/a.cpp")).dump());
  j["budgets"][0]["creditEvent"] = "sometimes";
  EXPECT_ANY_THROW(tuFactsFromJson(j));
}

TEST(BudgetFacts, LinkMergesOneBudgetSeenByTwoTUs) {
  Budget inA = incidentTwo("/src/budget.h");
  Budget inB = incidentTwo("/src/budget.h");
  inB.consultSites = {SourceSpan{"/src/b.cpp", 7, 3, 7, 20, "  budget.TryRetry();"}};
  inB.helpers.push_back({"c:@F@ShouldRetry#", "ShouldRetry", SourceSpan{"/src/b.cpp", 3, 6}});
  Program p = linkFacts({tuWith(inB, "/src/b.cpp"), tuWith(inA, "/src/a.cpp")});
  ASSERT_EQ(p.budgets.size(), 1u);
  EXPECT_EQ(p.budgets[0].consultSites.size(), 2u);
  EXPECT_EQ(p.budgets[0].consultSites[0].file, "/src/b.cpp"); // file order
  EXPECT_EQ(p.budgets[0].helpers.size(), 1u);
}

TEST(BudgetFacts, TwoProgramsClassesOfOneNameStayApart) {
  Program p = linkFacts({tuWith(incidentTwo("/src/a.cpp"), "/src/a.cpp"),
                         tuWith(incidentTwo("/src/b.cpp"), "/src/b.cpp")});
  EXPECT_EQ(p.budgets.size(), 2u);
}

TEST(BudgetFacts, LoopGateFindsPredicateOrHelper) {
  Budget b = incidentTwo();
  b.helpers.push_back({"c:@F@ShouldRetry#", "ShouldRetry", SourceSpan{}});
  std::vector<Budget> budgets{b};
  EXPECT_EQ(budgetConsultedBy(budgets, {"c:@N@payments@S@RetryBudget@F@TryRetry#"}), &budgets[0]);
  EXPECT_EQ(budgetConsultedBy(budgets, {"c:@X#", "c:@F@ShouldRetry#"}), &budgets[0]);
  EXPECT_EQ(budgetConsultedBy(budgets, {"c:@F@Send#"}), nullptr);
}
