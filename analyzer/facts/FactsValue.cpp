#include "facts/FactsValue.h"

namespace retrylint {

using simdjson::dom::element_type;

bool FactsValue::isObject() const { return nl ? nl->is_object() : simd.is_object(); }
bool FactsValue::isArray() const { return nl ? nl->is_array() : simd.is_array(); }
bool FactsValue::isNull() const { return nl ? nl->is_null() : simd.is_null(); }
bool FactsValue::isString() const { return nl ? nl->is_string() : simd.is_string(); }
bool FactsValue::isBool() const { return nl ? nl->is_boolean() : simd.is_bool(); }
bool FactsValue::isNumber() const { return nl ? nl->is_number() : simd.is_number(); }

bool FactsValue::isInteger() const {
  if (nl)
    return nl->is_number_integer();
  return simd.type() == element_type::INT64 || simd.type() == element_type::UINT64;
}

bool FactsValue::isUnsigned() const {
  if (nl)
    return nl->is_number_unsigned();
  return simd.type() == element_type::UINT64 ||
         (simd.type() == element_type::INT64 && int64_t(simd.get_int64()) >= 0);
}

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

std::optional<FactsValue> FactsValue::member(const char *key) const {
  if (nl) {
    if (!nl->is_object())
      return std::nullopt;
    auto it = nl->find(key);
    if (it == nl->end())
      return std::nullopt;
    return FactsValue(*it);
  }
  simdjson::dom::object object;
  if (simd.get_object().get(object))
    return std::nullopt;
  std::string_view name(key);
  auto from = hasNextMember ? nextMember : object.begin(), end = object.end();
  auto found = [&](simdjson::dom::object::iterator it) {
    FactsValue value(it.value());
    nextMember = ++it;
    hasNextMember = true;
    return value;
  };
  for (auto it = from; it != end; ++it)
    if (it.key_equals(name))
      return found(it);
  for (auto it = object.begin(); it != from; ++it)
    if (it.key_equals(name))
      return found(it);
  return std::nullopt;
}

size_t FactsValue::size() const {
  if (nl)
    return nl->size();
  simdjson::dom::array array;
  return simd.get_array().get(array) ? 0 : array.size();
}

bool FactsValue::getBool() const { return nl ? nl->get<bool>() : bool(simd.get_bool()); }
uint64_t FactsValue::getUnsigned() const {
  if (nl)
    return nl->get<uint64_t>();
  return simd.type() == element_type::UINT64 ? uint64_t(simd.get_uint64())
                                             : uint64_t(int64_t(simd.get_int64()));
}
int64_t FactsValue::getSigned() const { return nl ? nl->get<int64_t>() : int64_t(simd.get_int64()); }
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
