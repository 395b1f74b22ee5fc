// One JSON value of a facts document, read either from nlohmann's DOM (facts that arrive as
// CBOR from a worker or the cache, tests) or from simdjson's (facts files: `link`). The
// readers in JsonMapping.h are written once against this view, so every encoding is checked
// alike. simdjson parses a facts file ~30x faster than nlohmann's DOM (bench/README.md).
#pragma once

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace retrylint {

class FactsValue {
public:
  explicit FactsValue(const nlohmann::json &j) : nl(&j) {}
  explicit FactsValue(simdjson::dom::element e) : simd(e) {
    simdjson::dom::object object;
    if (!e.get_object().get(object)) {
      nextMember = object.begin();
      endMember = object.end();
      simdObject = true;
    }
  }

  bool isObject() const;
  bool isArray() const;
  bool isNull() const;
  bool isString() const;
  bool isBool() const;
  bool isNumber() const;
  /// "object", "array", "string", "number", "boolean" or "null", as nlohmann names them.
  std::string typeName() const;
  /// The value as compact JSON, for error messages (cut at 100 bytes).
  std::string dump() const;

  /// The member `key` of an object; none when absent (or when this is not an object). With
  /// a key written twice, which one is unspecified.
  std::optional<FactsValue> member(std::string_view key) const {
    // Readers ask for the fields in the order the writer wrote them: the next member is
    // compared here, and only a field out of that order or absent is looked for by
    // findMember (a million functions: bench/link-scale.sh). Not forced inline into every
    // reader: that cut 4% of the instructions but took 8% more time (bench/README.md).
    if (simdObject && nextMember != endMember && nextMember.key_length() == key.size() &&
        std::memcmp(nextMember.key_c_str(), key.data(), key.size()) == 0)
      return takeMember(nextMember);
    return findMember(key);
  }
  size_t size() const; // elements of an array
  /// Calls f(index, element) for each element of an array, in order.
  template <typename F> void forEachElement(F f) const {
    size_t i = 0;
    if (nl) {
      for (const nlohmann::json &e : *nl)
        f(i++, FactsValue(e));
    } else {
      for (simdjson::dom::element e : simdjson::dom::array(simd))
        f(i++, FactsValue(e));
    }
  }

  /// Whether this is an integer, and its value: `nonNegative` for one >= 0, `negative` for
  /// one below. One call where isInteger(), isUnsigned() and a getter would be three: a
  /// million functions' spans hold sixteen million of them.
  enum class Integer { None, Negative, NonNegative };
  Integer integer(int64_t &negative, uint64_t &nonNegative) const;

  bool getBool() const;
  double getDouble() const;
  std::string getString() const;
  /// The text of a string, where the document keeps it: valid while the document is.
  std::string_view getStringView() const;

private:
  std::optional<FactsValue> findMember(std::string_view key) const;
  /// The value of the member at `it`; the next lookup starts after it.
  FactsValue takeMember(simdjson::dom::object::iterator it) const {
    FactsValue value(it.value());
    nextMember = ++it;
    return value;
  }

  const nlohmann::json *nl = nullptr;
  simdjson::dom::element simd;
  /// Of simdjson's object: the member after the one member() found last (at first the
  /// first), and the end. nlohmann's DOM has no order to follow.
  mutable simdjson::dom::object::iterator nextMember, endMember;
  bool simdObject = false;
};

} // namespace retrylint
