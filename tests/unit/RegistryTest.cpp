#include "checks/Registry.h"

#include <gtest/gtest.h>

using namespace retrylint;

TEST(Registry, ChecksAreSortedAndDocumented) {
  const auto &checks = allChecks();
  ASSERT_FALSE(checks.empty());
  for (size_t i = 0; i < checks.size(); ++i) {
    if (i > 0)
      EXPECT_LT(checks[i - 1]->rule().id, checks[i]->rule().id);
    EXPECT_FALSE(ruleHelpMarkdown(checks[i]->rule().id).empty())
        << "docs/checks/" << checks[i]->rule().id << ".md is missing";
  }
}

TEST(Registry, GlobsLaterOverrideEarlier) {
  std::string error;
  size_t all = selectChecks("*", error).size(), retry = 0;
  for (const auto &c : allChecks())
    retry += c->rule().id.rfind("retry-", 0) == 0;
  EXPECT_TRUE(selectChecks("-*", error).empty());
  EXPECT_EQ(selectChecks("-*,retry-*", error).size(), retry);
  EXPECT_EQ(selectChecks("-*,*", error).size(), all);
  EXPECT_EQ(selectChecks("*,-retry-backoff-no-jitter", error).size(), all - 1);
  EXPECT_EQ(selectChecks("-*,retry-backoff-no-jitter", error).size(), 1u);
  EXPECT_TRUE(error.empty());
}

TEST(Registry, UnknownRuleIsAnError) {
  std::string error;
  selectChecks("retry-backof-no-jitter", error);
  EXPECT_NE(error.find("unknown check 'retry-backof-no-jitter'"), std::string::npos);
}
