// JSON form of the per-TU facts: the seam between the per-TU step and the link step.
#pragma once

#include "Facts.h"

#include <nlohmann/json.hpp>

namespace retrylint {

/// Bumped whenever the facts layout changes; `link` refuses other versions.
inline constexpr int FactsFormatVersion = 2;

nlohmann::ordered_json toJson(const TUFacts &);
/// Throws nlohmann::json::exception on a malformed document.
TUFacts tuFactsFromJson(const nlohmann::json &);

nlohmann::ordered_json toJson(const SourceSpan &);
/// Throws nlohmann::json::exception on a malformed span.
SourceSpan spanFromJson(const nlohmann::json &);

} // namespace retrylint
