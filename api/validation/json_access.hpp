// Read-only lookups into API objects held as Boost.JSON: a missing field or one of another type reads as absent,
// so validators and printers never throw on odd input.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace navarch::api::jv {

using path = std::initializer_list<std::string_view>;

inline const boost::json::value* at(const boost::json::value& v, path p) {
  const boost::json::value* cur = &v;
  for (auto key : p) {
    const auto* o = cur->if_object();
    if (!o) return nullptr;
    cur = o->if_contains(key);
    if (!cur) return nullptr;
  }
  return cur;
}

inline const boost::json::object* object_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_object() : nullptr;
}

inline const boost::json::array* array_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_array() : nullptr;
}

inline std::string_view string_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x && x->is_string() ? std::string_view(x->get_string()) : std::string_view();
}

inline bool has(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x && !x->is_null();
}

// Integers as JSON carries them (int64, uint64, or an integral double).
inline std::optional<int64_t> int_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  if (!x) return std::nullopt;
  if (x->is_int64()) return x->get_int64();
  if (x->is_uint64()) return static_cast<int64_t>(x->get_uint64());
  if (x->is_double() && x->get_double() == static_cast<double>(static_cast<int64_t>(x->get_double())))
    return static_cast<int64_t>(x->get_double());
  return std::nullopt;
}

inline bool bool_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x && x->is_bool() && x->get_bool();
}

}  // namespace navarch::api::jv
