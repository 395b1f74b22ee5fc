// A check: a predicate over linked facts that words its findings. Rule metadata lives
// beside it, and the registry is the one list that drives --checks, SARIF rules and docs.
#pragma once

#include "facts/Finding.h"
#include "link/Program.h"

#include <string>
#include <vector>

namespace retrylint {

struct RuleInfo {
  std::string id;               // retry-backoff-no-jitter
  std::string name;             // RetryBackoffNoJitter (SARIF rule name)
  std::string shortDescription; // one line
  std::string fullDescription;  // a paragraph
  Level level = Level::Warning;
  std::vector<std::string> tags;
  std::string precision;        // SARIF: very-high, high, medium, low
};

class Check {
public:
  virtual ~Check() = default;
  virtual const RuleInfo &rule() const = 0;
  virtual void check(const Program &program, std::vector<Finding> &out) const = 0;

protected:
  /// A finding of this check's rule at `span`, at the rule's default level.
  Finding finding(const SourceSpan &span, std::string title, std::string fixHint) const {
    Finding f;
    f.ruleId = rule().id;
    f.level = rule().level;
    f.span = span;
    f.title = std::move(title);
    f.fixHint = std::move(fixHint);
    return f;
  }

  /// A finding about a retry loop: it carries the loop's confidence.
  Finding finding(const RetryLoop &loop, const SourceSpan &span, std::string title,
                  std::string fixHint) const {
    Finding f = finding(span, std::move(title), std::move(fixHint));
    f.confidence = toString(loop.confidence);
    return f;
  }
};

} // namespace retrylint
