// JSON form of the per-TU facts: the seam between the per-TU step and the link step.
#pragma once

#include "facts/Facts.h"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

namespace retrylint {

/// A facts document that does not hold what its schema says: what() is "path: problem",
/// e.g. "retryLoops[0].sleeps[0].span.column: -1 is out of range for this field".
class FactsFieldError : public std::invalid_argument {
public:
  FactsFieldError(std::string path, std::string problem);
  /// The same error one level up: under("sleeps") turns "[0].span" into "sleeps[0].span".
  FactsFieldError under(const std::string &parent) const;
  const std::string &path() const { return fieldPath; }
  const std::string &problem() const { return fieldProblem; }

private:
  std::string fieldPath, fieldProblem;
};

/// Bumped whenever the facts layout changes; `link` refuses other versions.
inline constexpr int FactsFormatVersion = 7;

/// The text of a JSON document. Bytes that are not valid UTF-8 (a Latin-1 comment on a
/// reported line, a file name) become U+FFFD, so the output is always valid JSON.
std::string dumpJson(const nlohmann::ordered_json &j, int indent = -1);

nlohmann::ordered_json toJson(const TUFacts &);
/// Throws FactsFieldError (or nlohmann::json::exception) on a malformed document: a wrong
/// type, a number out of range, arrays that disagree, an index to nothing.
TUFacts tuFactsFromJson(const nlohmann::json &);
/// The same from the text of a facts file, parsed with simdjson (~30x faster than nlohmann's
/// DOM; bench/README.md) and checked alike. Throws std::invalid_argument on text that is not
/// JSON (or not UTF-8). Text with FactsTextPadding bytes of spare capacity is parsed where it
/// is; other text is copied once into the parser's padded buffer.
TUFacts tuFactsFromText(const std::string &text);
inline constexpr size_t FactsTextPadding = 64;

nlohmann::ordered_json toJson(const SourceSpan &);
void to_json(nlohmann::ordered_json &, const SourceSpan &);
void from_json(const nlohmann::json &, SourceSpan &);
class FactsValue;
void readFacts(const FactsValue &, SourceSpan &);

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
