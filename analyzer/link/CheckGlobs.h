// clang-tidy style check globs ("-*,retry-*"), shared by --checks and NOLINT(...).
#pragma once

#include <string>

namespace retrylint {

/// '*' matches any run of characters; everything else matches itself.
bool globMatches(const std::string &glob, const std::string &text);

/// Whether a comma-separated glob list enables `id`: later globs override earlier ones and
/// a leading '-' disables. An empty list enables everything.
bool globListEnables(const std::string &globs, const std::string &id);

} // namespace retrylint
