// The registry: every check, sorted by rule id, and the selection by --checks globs.
#pragma once

#include "Check.h"

#include <memory>
#include <string>
#include <vector>

namespace retrylint {

const std::vector<std::unique_ptr<Check>> &allChecks();

/// The rule's documentation page (docs/checks/<id>.md), embedded at build time.
const std::string &ruleHelpMarkdown(const std::string &id);

/// clang-tidy style globs ("-*,retry-*"): later globs override earlier ones, '-' disables.
/// A glob that names no registered rule is an error, reported in `error`.
std::vector<const Check *> selectChecks(const std::string &globs, std::string &error);

} // namespace retrylint
