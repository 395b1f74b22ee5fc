#include "facts/FactsJson.h"

#include <gtest/gtest.h>

using namespace retrylint;

namespace {
TUFacts sampleTU() {
  TUFacts tu;
  tu.mainFile = "/src/a.cpp";
  tu.complete = false;
  tu.problems.push_back({SourceSpan{"/src/a.cpp", 3, 5, 3, 9, "  x;"}, "use of undeclared identifier"});
  RetryLoop loop;
  loop.functionUsr = "c:@F@Call#";
  loop.functionName = "Call";
  loop.loop = SourceSpan{"/src/a.cpp", 10, 3, 10, 6, "  for (;;) {"};
  loop.attempts.kind = AttemptBound::Kind::Symbolic;
  loop.attempts.symbol = "max_attempts";
  loop.delay.growth = GrowthKind::Exponential;
  loop.delay.multiplier = 2;
  loop.delay.jitter = JitterKind::None;
  SleepSite sleep;
  sleep.span = SourceSpan{"/src/a.cpp", 12, 5, 12, 40, "    sleep(d);"};
  sleep.sleepCall = "std::this_thread::sleep_for";
  sleep.scheduleMs = {100, 200, 400.5};
  sleep.jitterFix = FixIt{sleep.span, "jittered(d)", "full jitter"};
  loop.sleeps.push_back(sleep);
  loop.retriedCallUsrs = {"c:@F@Fetch#"};
  loop.scheduledThrough = {"c:@S@Retrier@F@Later#*$@S@Job#", 0, {"c:@S@Job@F@Run#"}};
  tu.retryLoops.push_back(loop);
  HelperSchedule later;
  later.helperUsr = "c:@S@Retrier@F@Later#*$@S@Job#";
  later.methodUsr = "c:@S@Job@F@Run#";
  later.methodName = "Job::Run";
  later.sleep = sleep;
  later.sleep.delayPolicyUsr = "c:@S@Retrier@F@Backoff#I#";
  later.attempts.kind = AttemptBound::Kind::Deadline;
  tu.helperSchedules.push_back(later);
  return tu;
}
} // namespace

TEST(FactsJson, RoundTripIsLossless) {
  TUFacts tu = sampleTU();
  std::string once = toJson(tu).dump();
  TUFacts back = tuFactsFromJson(nlohmann::json::parse(once));
  EXPECT_EQ(toJson(back).dump(), once);
  EXPECT_EQ(back.retryLoops[0].sleeps[0].scheduleMs[2], 400.5);
  EXPECT_EQ(back.retryLoops[0].attempts.symbol, "max_attempts");
  EXPECT_EQ(back.retryLoops[0].scheduledThrough.methodUsrs[0], "c:@S@Job@F@Run#");
  EXPECT_EQ(back.helperSchedules[0].sleep.delayPolicyUsr, "c:@S@Retrier@F@Backoff#I#");
  EXPECT_EQ(back.helperSchedules[0].attempts.kind, AttemptBound::Kind::Deadline);
}

TEST(FactsJson, AJitteredSleepKeepsItsBounds) {
  TUFacts tu = sampleTU();
  SleepSite &sleep = tu.retryLoops[0].sleeps[0];
  sleep.scheduleMs.clear(); // random: no schedule, but bounds
  sleep.lowestMs = {0, 0, 0};
  sleep.highestMs = {100, 200, 400};
  const std::string once = toJson(tu).dump();
  TUFacts back = tuFactsFromJson(nlohmann::json::parse(once));
  EXPECT_EQ(toJson(back).dump(), once);
  EXPECT_EQ(back.retryLoops[0].sleeps[0].highestMs[2], 400);
  // Facts written before the bounds existed still read: the fields are optional.
  auto j = nlohmann::json::parse(toJson(sampleTU()).dump());
  EXPECT_FALSE(j["retryLoops"][0]["sleeps"][0].contains("lowestMs"));
  EXPECT_TRUE(tuFactsFromJson(j).retryLoops[0].sleeps[0].highestMs.empty());
}

TEST(FactsJson, RejectsOtherVersionsAndMalformedDocuments) {
  auto j = nlohmann::json::parse(toJson(sampleTU()).dump());
  j["formatVersion"] = FactsFormatVersion + 1;
  EXPECT_ANY_THROW(tuFactsFromJson(j));
  j["formatVersion"] = FactsFormatVersion;
  j["retryLoops"][0]["delay"]["jitter"] = "sometimes";
  EXPECT_ANY_THROW(tuFactsFromJson(j));
  j.erase("mainFile");
  EXPECT_ANY_THROW(tuFactsFromJson(j));
}

TEST(FactsJson, TextReaderReadsAndChecksLikeTheDomReader) {
  TUFacts tu = sampleTU();
  const std::string once = toJson(tu).dump();
  EXPECT_EQ(toJson(tuFactsFromText(once)).dump(), once);
  auto j = nlohmann::json::parse(once);
  j["retryLoops"][0]["sleeps"][0]["span"]["column"] = -1;
  try {
    tuFactsFromText(j.dump());
    FAIL() << "a negative column was read";
  } catch (const FactsFieldError &e) {
    EXPECT_EQ(e.path(), "retryLoops[0].sleeps[0].span.column");
  }
  EXPECT_ANY_THROW(tuFactsFromText("{\"formatVersion\": "));
  EXPECT_ANY_THROW(tuFactsFromText("[]"));
}

TEST(FactsJson, TextReaderFindsFieldsInAnyOrder) {
  // The reader looks for each field after the one it found last (facts/FactsValue.h); keys
  // in another order (nlohmann::json sorts them) must still all be found.
  TUFacts tu = sampleTU();
  FunctionSummary f;
  f.usr = "c:@F@Call#";
  f.name = "Call";
  f.calls.push_back({"c:@F@Fetch#", "Fetch", SourceSpan{"/src/a.cpp", 11, 5, 11, 12, "  Fetch();"}, 0});
  tu.functions.push_back(f);
  const std::string written = toJson(tu).dump();
  const std::string sorted = nlohmann::json::parse(written).dump();
  ASSERT_NE(sorted, written);
  EXPECT_EQ(toJson(tuFactsFromText(sorted)).dump(), written);
  // Padded text is parsed where it lies, unpadded text through a copy: the same facts.
  std::string padded = written;
  padded.reserve(written.size() + FactsTextPadding);
  EXPECT_EQ(toJson(tuFactsFromText(padded)).dump(), written);
}

TEST(FactsJson, TextReaderSkipsMembersItDoesNotKnow) {
  // The reader compares each field with the next member in the file; a member it does not
  // know (a newer writer's, a hand-written note) before or between the fields it reads, and
  // holding keys of the same names, must not hide or replace them.
  TUFacts tu = sampleTU();
  const std::string written = toJson(tu).dump();
  const std::string key = "\"line\":", note = "\"note\":{\"line\":-1,\"file\":0},";
  std::string noted = written;
  for (size_t at = noted.find(key); at != std::string::npos;
       at = noted.find(key, at + note.size() + key.size()))
    noted.insert(at, note);
  noted.insert(1, "\"note\":[{\"formatVersion\":0}],");
  ASSERT_NE(noted, written);
  EXPECT_EQ(toJson(tuFactsFromText(noted)).dump(), written);
}

TEST(FactsJson, ACallsArgumentsAndLibraryLayerRoundTrip) {
  // In memory one vector of arguments and a shared layer; in the file three arrays and an
  // object, as before (facts/Facts.h, CallEdge).
  TUFacts tu = sampleTU();
  FunctionSummary f;
  f.usr = "c:@F@Call#";
  f.name = "Call";
  CallEdge via;
  via.calleeUsr = "c:@F@Call@Sa@F@operator()#";
  via.calleeName = "(lambda)";
  via.helperUsr = "c:@F@Retry#";
  via.callableArg = 1;
  via.args = {{"max_attempts_", 0, false}, {"[&] { return Fetch(); }", 0, false}, {"3", 3, true}};
  LibraryLayer layer;
  layer.library = "gRPC";
  layer.policy = "the gRPC service config's retryPolicy (maxAttempts 4)";
  layer.attempts.kind = AttemptBound::Kind::Constant;
  layer.attempts.count = 4;
  via.library = std::make_shared<const LibraryLayer>(layer);
  f.calls.push_back(via);
  f.calls.push_back({"c:@F@Fetch#", "Fetch", SourceSpan{"/src/a.cpp", 11, 5, 11, 12, "  Fetch();"}, 0});
  tu.functions.push_back(f);
  const std::string written = toJson(tu).dump();
  auto j = nlohmann::json::parse(written);
  EXPECT_EQ(j["functions"][0]["calls"][0]["argTexts"][2], "3");
  EXPECT_EQ(j["functions"][0]["calls"][0]["argValues"][2], 3);
  EXPECT_EQ(j["functions"][0]["calls"][0]["argKnown"][0], false);
  EXPECT_EQ(j["functions"][0]["calls"][0]["library"]["attempts"]["count"], 4);
  EXPECT_TRUE(j["functions"][0]["calls"][1]["library"].is_null());
  TUFacts back = tuFactsFromText(written);
  EXPECT_EQ(toJson(back).dump(), written);
  ASSERT_EQ(back.functions[0].calls[0].args.size(), 3u);
  EXPECT_EQ(back.functions[0].calls[0].args[2].value, 3);
  EXPECT_TRUE(back.functions[0].calls[0].args[2].known);
  EXPECT_EQ(back.functions[0].calls[0].args[0].text, "max_attempts_");
  ASSERT_TRUE(back.functions[0].calls[0].library);
  EXPECT_EQ(back.functions[0].calls[0].library->policy, layer.policy);
  EXPECT_FALSE(back.functions[0].calls[1].library);
  EXPECT_EQ(toJson(tuFactsFromJson(j)).dump(), written);
  // The three arrays must agree: the error names the field.
  j["functions"][0]["calls"][0]["argValues"] = nlohmann::json::array({1});
  try {
    tuFactsFromText(j.dump());
    FAIL() << "arguments of different lengths were read";
  } catch (const FactsFieldError &e) {
    EXPECT_EQ(e.path(), "functions[0].calls[0].argValues");
  }
}
