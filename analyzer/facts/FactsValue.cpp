#include "facts/FactsValue.h"

namespace retrylint {

using simdjson::dom::element_type;

bool FactsValue::isObject() const { return nl ? nl->is_object() : simd.is_object(); }
bool FactsValue::isArray() const { return nl ? nl->is_array() : simd.is_array(); }
bool FactsValue::isNull() const { return nl ? nl->is_null() : simd.is_null(); }
bool FactsValue::isString() const { return nl ? nl->is_string() : simd.is_string(); }
bool FactsValue::isBool() const { return nl ? nl->is_boolean() : simd.is_bool(); }
bool FactsValue::isNumber() const { return nl ? nl->is_number() : simd.is_number(); }

std::string FactsValue::typeName() const {
  if (nl)
    return nl->type_name();
  switch (simd.type()) {
  case element_type::ARRAY: return "array";
  case element_type::OBJECT: return "object";
  case element_type::STRING: return "string";
  case element_type::BOOL: return "boolean";
  case element_type::NULL_VALUE: return "null";
  default: return "number";
  }
}

std::string FactsValue::dump() const {
  std::string text = nl ? nl->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                        : simdjson::minify(simd);
  return text.size() > 100 ? text.substr(0, 100) + "..." : text;
}

std::optional<FactsValue> FactsValue::findMember(std::string_view name) const {
  if (nl) {
    if (!nl->is_object())
      return std::nullopt;
    auto it = nl->find(name);
    if (it == nl->end())
      return std::nullopt;
    return FactsValue(*it);
  }
  simdjson::dom::object object;
  if (!simdObject || simd.get_object().get(object))
    return std::nullopt;
  // From the resume point to the end, then from the first member up to it: a field out of
  // the writer's order is still found.
  for (auto it = nextMember; it != endMember; ++it)
    if (it.key_equals(name))
      return takeMember(it);
  for (auto it = object.begin(); it != nextMember; ++it)
    if (it.key_equals(name))
      return takeMember(it);
  return std::nullopt;
}

size_t FactsValue::size() const {
  if (nl)
    return nl->size();
  simdjson::dom::array array;
  return simd.get_array().get(array) ? 0 : array.size();
}

FactsValue::Integer FactsValue::integer(int64_t &negative, uint64_t &nonNegative) const {
  int64_t value = 0;
  if (nl) {
    if (nl->is_number_unsigned()) {
      nonNegative = nl->get<uint64_t>();
      return Integer::NonNegative;
    }
    if (!nl->is_number_integer())
      return Integer::None;
    value = nl->get<int64_t>();
  } else {
    switch (simd.type()) {
    case element_type::UINT64:
      nonNegative = uint64_t(simd.get_uint64());
      return Integer::NonNegative;
    case element_type::INT64:
      value = int64_t(simd.get_int64());
      break;
    default:
      return Integer::None;
    }
  }
  if (value >= 0) {
    nonNegative = static_cast<uint64_t>(value);
    return Integer::NonNegative;
  }
  negative = value;
  return Integer::Negative;
}

bool FactsValue::getBool() const { return nl ? nl->get<bool>() : bool(simd.get_bool()); }
double FactsValue::getDouble() const {
  if (nl)
    return nl->get<double>();
  // An integer is also a number: simdjson's get_double() refuses it.
  switch (simd.type()) {
  case element_type::INT64: return double(int64_t(simd.get_int64()));
  case element_type::UINT64: return double(uint64_t(simd.get_uint64()));
  default: return double(simd.get_double());
  }
}
std::string FactsValue::getString() const { return std::string(getStringView()); }
std::string_view FactsValue::getStringView() const {
  if (nl)
    return nl->get_ref<const std::string &>();
  return std::string_view(simd.get_string());
}

} // namespace retrylint
