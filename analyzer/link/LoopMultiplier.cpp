#include "link/LoopMultiplier.h"

#include <string>

namespace retrylint {
namespace {

/// Attempts taken from a call's argument up to this; a larger one is shown as written.
constexpr int64_t MaxArgumentAttempts = 1000000;

} // namespace

Multiplier attemptsOf(const RetryLoop &loop, const CallEdge *viaCall) {
  Multiplier m;
  if (!loop.reported)
    return m; // below the run's confidence threshold: not a retrying layer either
  switch (loop.attempts.kind) {
  case AttemptBound::Kind::Constant:
    m.value = static_cast<double>(loop.attempts.count);
    break;
  case AttemptBound::Kind::Symbolic: {
    size_t i = static_cast<size_t>(loop.attemptsParam);
    int64_t offset = loop.attempts.offset;
    auto withOffset = [&](std::string s) {
      return offset == 0 ? s : s + (offset > 0 ? " + " : " - ") + std::to_string(offset > 0 ? offset : -offset);
    };
    if (viaCall && loop.attemptsParam >= 0 && i < viaCall->args.size()) {
      // Retry(INT_MAX, fn) is "for ever" written as a number: name it, do not multiply it.
      const CallArgument &arg = viaCall->args[i];
      if (arg.known && arg.value >= 0 && arg.value + offset <= MaxArgumentAttempts)
        m.value = static_cast<double>(arg.value + offset);
      else
        m.symbol = withOffset(arg.text.empty() ? loop.attempts.symbol : arg.text);
    } else if (loop.attempts.effectivelyUnbounded) {
      m.unbounded = true;
    } else {
      m.symbol = withOffset(loop.attempts.symbol);
    }
    break;
  }
  case AttemptBound::Kind::Deadline:
    m.symbol = "attempts-until-deadline";
    break;
  case AttemptBound::Kind::Unbounded:
    m.unbounded = true;
    break;
  case AttemptBound::Kind::Unknown:
  case AttemptBound::Kind::UntilStopped: // a worker, not a layer of one request
    m.value = 1; // unknown bounds do not multiply: no guessing in a warning's numbers
    break;
  }
  return m;
}

Multiplier attemptsOf(const LibraryLayer &layer) {
  Multiplier m;
  switch (layer.attempts.kind) {
  case AttemptBound::Kind::Constant:
    m.value = static_cast<double>(layer.attempts.count);
    break;
  case AttemptBound::Kind::Symbolic:
    m.symbol = layer.attempts.symbol;
    break;
  case AttemptBound::Kind::Deadline:
    m.symbol = "attempts-until-deadline";
    break;
  default:
    break; // unknown: no layer, no guessing
  }
  return m;
}

} // namespace retrylint
