// --diff's reading of unified diffs (link/ChangedLines.h).
#include "link/ChangedLines.h"

#include <gtest/gtest.h>

namespace retrylint {
namespace {

ChangedLines parse(const std::string &diff) {
  ChangedLines changes;
  EXPECT_EQ(parseUnifiedDiff(diff, "/repo", changes), "");
  return changes;
}

TEST(ChangedLinesTest, ZeroContextAdditionsAndModifications) {
  ChangedLines c = parse("diff --git a/src/x.cpp b/src/x.cpp\n"
                         "--- a/src/x.cpp\n+++ b/src/x.cpp\n"
                         "@@ -0,0 +1,2 @@\n+// one\n+// two\n"
                         "@@ -10 +12 @@\n-  for (int i = 0; i < 3; ++i) {\n+  for (int i = 0; i < 4; ++i) {\n");
  EXPECT_TRUE(c.changed("/repo/src/x.cpp", 1));
  EXPECT_TRUE(c.changed("/repo/src/x.cpp", 2));
  EXPECT_FALSE(c.changed("/repo/src/x.cpp", 3));
  EXPECT_TRUE(c.changed("/repo/src/x.cpp", 12));
  EXPECT_FALSE(c.changed("/repo/src/x.cpp", 11));
  EXPECT_FALSE(c.changed("/repo/src/y.cpp", 1));
}

TEST(ChangedLinesTest, ContextLinesAreNotChanges) {
  ChangedLines c = parse("--- a/x.cpp\n+++ b/x.cpp\n"
                         "@@ -4,3 +4,4 @@ int f() {\n a\n+b\n c\n d\n");
  EXPECT_FALSE(c.changed("/repo/x.cpp", 4));
  EXPECT_TRUE(c.changed("/repo/x.cpp", 5));
  EXPECT_FALSE(c.changed("/repo/x.cpp", 6));
}

TEST(ChangedLinesTest, ARemovalTouchesItsNeighboursButChangesNoLine) {
  ChangedLines c = parse("--- a/x.cpp\n+++ b/x.cpp\n@@ -7,2 +6,0 @@\n-a\n-b\n");
  EXPECT_FALSE(c.changed("/repo/x.cpp", 6));
  EXPECT_FALSE(c.changed("/repo/x.cpp", 7));
  EXPECT_TRUE(c.touched("/repo/x.cpp", 6, 6));
  EXPECT_TRUE(c.touched("/repo/x.cpp", 7, 9));
  EXPECT_FALSE(c.touched("/repo/x.cpp", 8, 9));
}

TEST(ChangedLinesTest, DeletedFilesAndMalformedHunks) {
  ChangedLines c = parse("--- a/gone.cpp\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n");
  EXPECT_TRUE(c.files.empty());
  ChangedLines bad;
  EXPECT_NE(parseUnifiedDiff("@@ -1 +1 @@\n", "/repo", bad), "");
  EXPECT_NE(parseUnifiedDiff("+++ b/x.cpp\n@@ -1,2 +1,2 @@\n x\n", "/repo", bad), "");
}

} // namespace
} // namespace retrylint
