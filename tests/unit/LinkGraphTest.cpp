// The link's graph pieces: USR interning and the components of a call graph in rows.
#include "link/CallGraphComponents.h"
#include "link/UsrIds.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace retrylint;

TEST(UsrIds, NumbersEachUsrOnceInFirstSeenOrder) {
  std::vector<std::string> usrs{"c:@F@a#", "c:@F@b#", "", "c:@F@a#"};
  std::string again = "c:@F@b#"; // the same text somewhere else
  UsrIds ids;
  EXPECT_EQ(ids.find("c:@F@a#"), NoUsrId);
  EXPECT_EQ(ids.intern(usrs[0]), 0u);
  EXPECT_EQ(ids.intern(usrs[1]), 1u);
  EXPECT_EQ(ids.intern(usrs[2]), 2u); // an empty USR is a USR too
  EXPECT_EQ(ids.intern(usrs[3]), 0u);
  EXPECT_EQ(ids.intern(again), 1u);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids.usr(1), "c:@F@b#");
  EXPECT_EQ(ids.find("c:@F@c#"), NoUsrId);
}

TEST(UsrIds, KeepsItsIdsWhileItGrows) {
  std::vector<std::string> usrs;
  for (int i = 0; i < 5000; ++i)
    usrs.push_back("c:@F@f" + std::to_string(i) + "#");
  UsrIds ids;
  for (const std::string &u : usrs)
    ids.intern(u);
  ASSERT_EQ(ids.size(), usrs.size());
  for (size_t i = 0; i < usrs.size(); ++i) {
    EXPECT_EQ(ids.find(usrs[i]), i);
    EXPECT_EQ(ids.usr(static_cast<UsrId>(i)), usrs[i]);
  }
}

TEST(CallGraphComponents, ACycleIsOneComponentAndCalleesCloseFirst) {
  // 0 -> 1 -> 2 -> 0 is a cycle; 2 -> 3 leaves it; 4 calls nothing and nobody calls it.
  CallGraphRows rows;
  rows.first = {0, 1, 2, 4, 4, 4};
  rows.targets = {1, 2, 0, 3};
  int count = 0;
  std::vector<int> component = stronglyConnectedComponents(rows, count);
  ASSERT_EQ(component.size(), 5u);
  EXPECT_EQ(count, 3);
  EXPECT_EQ(component[0], component[1]);
  EXPECT_EQ(component[1], component[2]);
  EXPECT_NE(component[3], component[0]);
  EXPECT_LT(component[3], component[2]); // an edge between components goes to the lower number
  EXPECT_NE(component[4], component[0]);
  EXPECT_NE(component[4], component[3]);
}
