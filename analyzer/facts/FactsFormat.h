// The facts format's version, apart from the facts types: bench/link_scale.cpp writes facts
// files with nothing but this header and nlohmann.
#pragma once

namespace retrylint {

/// Bumped whenever the facts layout changes; `link` refuses other versions.
inline constexpr int FactsFormatVersion = 8;

} // namespace retrylint
