// nlohmann mappings of the facts types. A struct is an object of its fields in declaration
// order (written as ordered_json, so facts files read and diff in that order); an enum is
// its toString() name, and an unknown name is an error, where nlohmann's own enum macro
// would silently read it as the first enumerator. Internal to facts/*Json.cpp.
#pragma once

#include "facts/FactsJson.h"

#include <nlohmann/json.hpp>

#include <optional>

/// to_json / from_json for a struct, field by field; a missing field throws. Each type is
/// mapped in one .cpp file (external linkage: a header may declare it for the others).
#define RETRYLINT_JSON_FIELDS(Type, ...)                                                       \
  void to_json(nlohmann::ordered_json &nlohmann_json_j, const Type &nlohmann_json_t) { \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_TO, __VA_ARGS__))                  \
  }                                                                                            \
  void from_json(const nlohmann::json &nlohmann_json_j, Type &nlohmann_json_t) {       \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(NLOHMANN_JSON_FROM, __VA_ARGS__))                \
  }

/// to_json / from_json for an enum with a toString(); `...` lists every enumerator.
#define RETRYLINT_JSON_ENUM(Enum, ...)                                                         \
  void to_json(nlohmann::ordered_json &j, Enum e) { j = toString(e); }                \
  void from_json(const nlohmann::json &j, Enum &e) {                                   \
    e = enumFromString<Enum>(j.get<std::string>(), {__VA_ARGS__});                            \
  }

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
