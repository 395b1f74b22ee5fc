// Runs a loop's iterations abstractly under the assumption that every attempt fails:
// exits that test the outcome are never taken, exits that test a counter are evaluated.
// This yields the attempts a user would count and the delays each sleep actually waits.
#pragma once

#include "frontend/ast/DelayEvaluator.h"
#include "frontend/loops/LoopAnatomy.h"

#include <map>
#include <vector>

namespace retrylint {

struct FailureRun {
  bool terminated = false;  // the loop gave up within the simulated iterations
  int attempts = 0;         // iterations in which an attempt ran
  /// Delay of each executed sleep in ms, per sleep event (index into anatomy.events);
  /// NaN where the delay could not be evaluated.
  std::map<size_t, std::vector<double>> sleepsMs;
  bool sleptAfterFinalAttempt = false;
};

/// Simulates at most `maxIterations` iterations.
FailureRun simulateFailure(const LoopAnatomy &anatomy, DelayEvaluator &eval,
                           int maxIterations = 64);

/// A jittered delay has no schedule, but it has bounds: the delays of each sleep (per event
/// index, like FailureRun::sleepsMs) when every random draw takes its lowest value, and its
/// highest (DelayEvaluator::DrawAt). NaN where a bound could not be evaluated.
struct DelayBounds {
  std::map<size_t, std::vector<double>> lowestMs, highestMs;
};
DelayBounds simulateDelayBounds(const LoopAnatomy &anatomy, clang::ASTContext &ctx,
                                int maxIterations = 64);

} // namespace retrylint
