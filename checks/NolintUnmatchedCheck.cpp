#include "NolintUnmatchedCheck.h"

#include "link/Suppressions.h"

namespace retrylint {

const RuleInfo &NolintUnmatchedCheck::rule() const {
  static const RuleInfo info{
      "nolint-unmatched",
      "NolintUnmatched",
      "NOLINTBEGIN without NOLINTEND, or the reverse",
      "A NOLINTBEGIN comment has no matching NOLINTEND with the same check list (or a "
      "NOLINTEND has no BEGIN). An unmatched comment suppresses nothing, as in clang-tidy.",
      Level::Warning,
      {"maintainability", "suppression"},
      "very-high"};
  return info;
}

void NolintUnmatchedCheck::check(const Program &program, std::vector<Finding> &out) const {
  for (const Suppression *s : unmatchedSuppressions(program)) {
    bool begin = s->kind == Suppression::Kind::Begin;
    SourceSpan span{s->file, s->line, s->column, s->line,
                    s->column + static_cast<unsigned>(begin ? 11 : 9), s->lineText};
    out.push_back(finding(span,
                          begin ? "unmatched NOLINTBEGIN: no NOLINTEND with the same check list "
                                  "follows, so it suppresses nothing"
                                : "unmatched NOLINTEND: no NOLINTBEGIN with the same check list "
                                  "precedes it",
                          begin ? "add // NOLINTEND" + (s->checks.empty() ? "" : "(" + s->checks + ")") +
                                      " after the region"
                                : "remove it, or add the NOLINTBEGIN it closes"));
  }
}

} // namespace retrylint
