// JSON form of the per-TU facts: the seam between the per-TU step and the link step.
#pragma once

#include "facts/Facts.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>

namespace retrylint {

/// Bumped whenever the facts layout changes; `link` refuses other versions.
inline constexpr int FactsFormatVersion = 5;

nlohmann::ordered_json toJson(const TUFacts &);
/// Throws nlohmann::json::exception on a malformed document.
TUFacts tuFactsFromJson(const nlohmann::json &);

nlohmann::ordered_json toJson(const SourceSpan &);
void to_json(nlohmann::ordered_json &, const SourceSpan &);
void from_json(const nlohmann::json &, SourceSpan &);

/// The enumerator of `all` whose toString() is `s`; throws std::invalid_argument if none.
template <typename Enum> Enum enumFromString(const std::string &s, std::initializer_list<Enum> all) {
  for (Enum e : all)
    if (s == toString(e))
      return e;
  throw std::invalid_argument("unknown value '" + s + "' in facts");
}
/// Throws nlohmann::json::exception on a malformed span.
SourceSpan spanFromJson(const nlohmann::json &);

} // namespace retrylint
