// nlohmann mappings of the facts types. A struct is an object of its fields in declaration
// order (written as ordered_json, so facts files read and diff in that order); an enum is
// its toString() name, and an unknown name is an error, where nlohmann's own enum macro
// would silently read it as the first enumerator. Internal to facts/*Json.cpp. Readers take a
// FactsValue, so nlohmann's DOM and simdjson's are read by the same checked code.
//
// Facts files come from elsewhere (a CI shard, a cache, a crafted file), so reading checks
// what nlohmann's own conversions would not: an integer field takes only an integer within
// its type's range (nlohmann wraps -1 into an unsigned and casts 1e300 with undefined
// behaviour), a floating-point field only a finite number. A bad value throws
// FactsFieldError naming the field's path ("retryLoops[0].sleeps[1].span.column").
#pragma once

#include "facts/FactsJson.h"
#include "facts/FactsValue.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace retrylint {

/// Reads `v` into `out`, checking numbers as described above.
template <typename T> void readValue(const FactsValue &v, T &out);

/// Reads `v`, the value of field `key`; an error in it names the field.
template <typename T> void readMember(const FactsValue &v, std::string_view key, T &out) {
  try {
    readValue(v, out);
  } catch (const FactsFieldError &e) {
    throw e.under(std::string(key));
  } catch (const std::exception &e) {
    throw FactsFieldError(std::string(key), e.what());
  }
}

/// Reads field `key` of object `j`; an error in it names the field.
template <typename T> void readField(const FactsValue &j, std::string_view key, T &out) {
  std::optional<FactsValue> v = j.member(key);
  if (!v && !j.isObject())
    throw FactsFieldError("", "expected an object, found " + j.typeName());
  if (!v)
    throw FactsFieldError(std::string(key), "missing");
  readMember(*v, key, out);
}

/// An optional field: absent or null leaves `out` empty. The member is looked up once.
template <typename T>
void readOptionalField(const FactsValue &j, std::string_view key, T &out, const T &absent) {
  if (!j.isObject())
    return readField(j, key, out); // which names what was found instead
  std::optional<FactsValue> v = j.member(key);
  if (!v || v->isNull())
    out = absent;
  else
    readMember(*v, key, out);
}

/// Throws unless lo <= value <= hi.
template <typename T> void checkRange(T value, T lo, T hi) {
  if (!(value >= lo && value <= hi))
    throw FactsFieldError("", std::to_string(value) + " is out of range (" + std::to_string(lo) +
                                  " to " + std::to_string(hi) + ")");
}

namespace detail {
template <typename T> struct IsVector : std::false_type {};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {};
template <typename T> struct IsOptional : std::false_type {};
template <typename T> struct IsOptional<std::optional<T>> : std::true_type {};
} // namespace detail

template <typename T> void readValue(const FactsValue &v, T &out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!v.isBool())
      throw FactsFieldError("", "expected true or false, found " + v.typeName());
    out = v.getBool();
  } else if constexpr (std::is_integral_v<T>) {
    int64_t i = 0;
    uint64_t u = 0;
    switch (v.integer(i, u)) {
    case FactsValue::Integer::None:
      throw FactsFieldError("", "expected an integer, found " + v.dump());
    case FactsValue::Integer::NonNegative:
      if (u > static_cast<uint64_t>(std::numeric_limits<T>::max()))
        throw FactsFieldError("", std::to_string(u) + " is out of range for this field");
      out = static_cast<T>(u);
      break;
    case FactsValue::Integer::Negative:
      if (i < static_cast<int64_t>(std::numeric_limits<T>::min()))
        throw FactsFieldError("", std::to_string(i) + " is out of range for this field");
      out = static_cast<T>(i);
      break;
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.isNumber())
      throw FactsFieldError("", "expected a number, found " + v.typeName());
    double d = v.getDouble();
    if (!std::isfinite(d))
      throw FactsFieldError("", "expected a finite number");
    out = static_cast<T>(d);
  } else if constexpr (detail::IsVector<T>::value) {
    if (!v.isArray())
      throw FactsFieldError("", "expected an array, found " + v.typeName());
    out.clear();
    out.resize(v.size());
    v.forEachElement([&](size_t i, const FactsValue &e) {
      try {
        if constexpr (std::is_same_v<typename T::value_type, bool>) {
          bool element = false; // vector<bool> has no element to refer to
          readValue(e, element);
          out[i] = element;
        } else {
          readValue(e, out[i]); // in place: a million functions, no copy each
        }
      } catch (const FactsFieldError &err) {
        throw err.under("[" + std::to_string(i) + "]");
      } catch (const std::exception &err) {
        throw FactsFieldError("[" + std::to_string(i) + "]", err.what());
      }
    });
  } else if constexpr (detail::IsOptional<T>::value) {
    if (v.isNull()) {
      out.reset();
    } else {
      typename T::value_type inner{};
      readValue(v, inner);
      out = std::move(inner);
    }
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, FilePath>) {
    if (!v.isString())
      throw FactsFieldError("", "expected a string, found " + v.typeName());
    out = T(v.getStringView()); // no string in between: the file of four million spans
  } else {
    readFacts(v, out); // a mapped struct or enum: its reader reads its own fields
  }
}

} // namespace retrylint

#define RETRYLINT_JSON_FROM(v1) readField(retrylint_v, #v1, nlohmann_json_t.v1);

/// to_json / from_json for a struct, field by field; a missing field throws. Each type is
/// mapped in one .cpp file (external linkage: a header may declare it for the others).
#define RETRYLINT_JSON_FIELDS(Type, ...)                                                       \
  void to_json(nlohmann::ordered_json &nlohmann_json_j, const Type &nlohmann_json_t) { \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))                  \
  }                                                                                            \
  void readFacts(const FactsValue &retrylint_v, Type &nlohmann_json_t) {                     \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(RETRYLINT_JSON_FROM, __VA_ARGS__))               \
  }                                                                                            \
  void from_json(const nlohmann::json &j, Type &t) { readFacts(FactsValue(j), t); }

/// to_json / from_json for an enum with a toString(); `...` lists every enumerator.
#define RETRYLINT_JSON_ENUM(Enum, ...)                                                         \
  void to_json(nlohmann::ordered_json &j, Enum e) { j = toString(e); }                \
  void readFacts(const FactsValue &v, Enum &e) {                                            \
    if (!v.isString())                                                                         \
      throw FactsFieldError("", "expected a string, found " + v.typeName());                  \
    e = enumFromString<Enum>(v.getString(), {__VA_ARGS__});                                   \
  }                                                                                            \
  void from_json(const nlohmann::json &j, Enum &e) { readFacts(FactsValue(j), e); }

namespace nlohmann {
/// An optional value is null when absent, so a reader never mistakes it for zero.
template <typename T> struct adl_serializer<std::optional<T>> {
  template <typename Json> static void to_json(Json &j, const std::optional<T> &v) {
    if (v)
      j = *v;
    else
      j = nullptr;
  }
  template <typename Json> static void from_json(const Json &j, std::optional<T> &v) {
    if (j.is_null())
      v.reset();
    else
      v = j.template get<T>();
  }
};
} // namespace nlohmann
