// The text a span keeps of its source line: the whole line, or for a very long one (minified
// or generated code, a 50 MB single-line file) a bounded excerpt around the column, so facts
// and reports stay small whatever the input.
#pragma once

#include <string>
#include <string_view>

namespace retrylint {

/// Lines up to this many bytes are kept whole.
inline constexpr size_t MaxLineTextBytes = 4096;

/// `line`, or at most MaxLineTextBytes of it around byte column `column` (1-based), cut at
/// UTF-8 character boundaries. `firstColumn` gets the column of the excerpt's first byte.
std::string lineExcerpt(std::string_view line, unsigned column, unsigned &firstColumn);

} // namespace retrylint
