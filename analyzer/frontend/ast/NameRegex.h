// A regular expression over names (callees, fields, constants), searched anywhere in the
// name. RE2, not llvm::Regex: the models ask these of every call and constant they meet, and
// llvm::Regex's backtracking engine spent up to 30,000 instructions on one match (a pattern
// such as ".*WOULD_?BLOCK.*"), more than the parse of the call cost.
#pragma once

#include "llvm/ADT/StringRef.h"

#include <re2/re2.h>

#include <cassert>
#include <memory>
#include <mutex>

namespace retrylint {

class NameRegex {
public:
  enum Case { IgnoreCase, MatchCase };
  /// `pattern` must outlive the object (a literal). It is compiled on the first match: a
  /// TU whose calls never reach a pattern does not pay the ~300,000 instructions of its
  /// compilation.
  NameRegex(const char *pattern, Case c) : pattern(pattern), caseMode(c) {}
  bool match(llvm::StringRef name) const {
    std::call_once(compiled, [this] {
      RE2::Options o;
      o.set_case_sensitive(caseMode == MatchCase);
      o.set_never_capture(true); // only whether it matches
      regex = std::make_unique<RE2>(pattern, o);
      assert(regex->ok() && "a name pattern does not compile");
    });
    return RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), *regex);
  }

private:
  const char *pattern;
  Case caseMode;
  mutable std::once_flag compiled;
  mutable std::unique_ptr<RE2> regex;
};

} // namespace retrylint
