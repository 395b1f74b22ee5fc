// The link's closing of re-invocations through a helper of another TU (link/HelperScheduleJoin).
#include "link/HelperScheduleJoin.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace retrylint;

namespace {

const std::string Later = "c:@S@Retrier@F@Later#*$@S@Job#";

RetryLoop through(const std::string &name, std::vector<std::string> methods) {
  RetryLoop site;
  site.functionName = name;
  site.reinvokes = name;
  site.attempts.kind = AttemptBound::Kind::Unknown;
  site.sleeps.push_back(SleepSite{});
  site.sleeps[0].unseen = true;
  site.scheduledThrough = {Later, 0, std::move(methods)};
  return site;
}

} // namespace

TEST(HelperScheduleJoin, KeepsTheSitesTheHelperClosesAndRenumbersTheirCalls) {
  std::vector<TUFacts> tus(2);
  RetryLoop loop; // a plain loop, before and after the sites
  loop.functionName = "Loop";
  tus[0].retryLoops = {through("Probe::OnReply", {"c:@S@Job@F@Abort#"}), loop,
                       through("Upload::OnSent", {"c:@S@Job@F@Cancel#", "c:@S@Job@F@Run#"})};
  FunctionSummary f;
  for (int i : {0, 1, 2, -1}) {
    CallEdge call;
    call.retryLoop = i;
    f.calls.push_back(call);
  }
  tus[0].functions.push_back(f);
  HelperSchedule run;
  run.helperUsr = Later;
  run.methodUsr = "c:@S@Job@F@Run#";
  run.sleep.sleepCall = "Executor::RunAfter";
  run.sleep.delayPolicyUsr = "c:@S@Retrier@F@Backoff#I#";
  run.delay.growth = GrowthKind::Unknown;
  run.attempts.kind = AttemptBound::Kind::Deadline;
  tus[1].helperSchedules.push_back(run);

  joinHelperSchedules(tus);

  ASSERT_EQ(tus[0].retryLoops.size(), 2u); // the probe's helper runs no Abort: no cycle
  EXPECT_EQ(tus[0].retryLoops[0].functionName, "Loop");
  const RetryLoop &upload = tus[0].retryLoops[1];
  EXPECT_EQ(upload.functionName, "Upload::OnSent");
  EXPECT_TRUE(upload.scheduledThrough.helperUsr.empty());
  ASSERT_EQ(upload.sleeps.size(), 1u);
  EXPECT_FALSE(upload.sleeps[0].unseen);
  EXPECT_EQ(upload.sleeps[0].delayPolicyUsr, "c:@S@Retrier@F@Backoff#I#");
  EXPECT_EQ(upload.attempts.kind, AttemptBound::Kind::Deadline);
  EXPECT_TRUE(upload.evidence.waits && upload.evidence.bounded);
  std::vector<int> renumbered;
  for (const CallEdge &call : tus[0].functions[0].calls)
    renumbered.push_back(call.retryLoop);
  EXPECT_EQ(renumbered, (std::vector<int>{-1, 0, 1, -1}));
}

TEST(HelperScheduleJoin, DropsASiteWhoseHelperIsInNoTU) {
  std::vector<TUFacts> tus(1);
  tus[0].retryLoops = {through("Upload::OnSent", {"c:@S@Job@F@Run#"})};
  joinHelperSchedules(tus);
  EXPECT_TRUE(tus[0].retryLoops.empty());
}
