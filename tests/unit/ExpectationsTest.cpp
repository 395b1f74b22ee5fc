#include "Expectations.h"

#include <gtest/gtest.h>

using namespace retrylint::corpus;

TEST(Expectations, ParsesClausesIdsAndAttributes) {
  auto e = parseExpectations(
      "int a;\n"
      "f();  // expect: retry-backoff-no-jitter; expect-pending: retry-unbudgeted, retry-unbounded\n"
      "g();  // expect: retry-nested-fanout fanout=27\n"
      "h();  // a comment that says nothing about expect\n");
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].line, 2u);
  EXPECT_EQ(e[0].ruleId, "retry-backoff-no-jitter");
  EXPECT_FALSE(e[0].pending);
  EXPECT_TRUE(e[1].pending);
  EXPECT_EQ(e[2].ruleId, "retry-unbounded");
  EXPECT_EQ(e[3].line, 3u);
  EXPECT_EQ(e[3].attributes.at("fanout"), "27");
}

TEST(Expectations, QuotedMessagesKeepTheirBlanksCommasAndSemicolons) {
  auto e = parseExpectations(
      "for (;;) {  // expect: retry-unbounded says=\"waits through `W::Wait`, then; more\", retry-no-backoff\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].attributes.at("says"), "waits through `W::Wait`, then; more");
  EXPECT_EQ(e[1].ruleId, "retry-no-backoff");
}

TEST(Expectations, StandardFromTheFirstLineOnly) {
  EXPECT_EQ(corpusStandard("// corpus-std: c++20\nint a;\n"), "c++20");
  EXPECT_EQ(corpusStandard("int a;\n// corpus-std: c++20\n"), "c++17");
  EXPECT_EQ(corpusStandard("int a;  // expect: retry-no-backoff\n"), "c++17");
}
