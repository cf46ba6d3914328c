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

// From an object itself: without this overload a json::object argument would be copied into a temporary
// json::value, and the pointer returned would dangle.
inline const boost::json::value* at(const boost::json::object& o, path p) {
  if (p.size() == 0) return nullptr;
  auto key = p.begin();
  const boost::json::value* cur = o.if_contains(*key);
  for (++key; cur && key != p.end(); ++key) {
    const auto* next = cur->if_object();
    cur = next ? next->if_contains(*key) : nullptr;
  }
  return cur;
}

// The accessors below take a json::value or a json::object.
template <class Node>
const boost::json::object* object_at(const Node& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_object() : nullptr;
}

template <class Node>
const boost::json::array* array_at(const Node& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_array() : nullptr;
}

template <class Node>
std::string_view string_at(const Node& v, path p) {
  const auto* x = at(v, p);
  return x && x->is_string() ? std::string_view(x->get_string()) : std::string_view();
}

template <class Node>
bool has(const Node& v, path p) {
  const auto* x = at(v, p);
  return x && !x->is_null();
}

// Integers as JSON carries them (int64, uint64, or an integral double).
template <class Node>
std::optional<int64_t> int_at(const Node& v, path p) {
  const auto* x = at(v, p);
  if (!x) return std::nullopt;
  if (x->is_int64()) return x->get_int64();
  if (x->is_uint64()) return static_cast<int64_t>(x->get_uint64());
  if (x->is_double() && x->get_double() == static_cast<double>(static_cast<int64_t>(x->get_double())))
    return static_cast<int64_t>(x->get_double());
  return std::nullopt;
}

template <class Node>
bool bool_at(const Node& v, path p) {
  const auto* x = at(v, p);
  return x && x->is_bool() && x->get_bool();
}

}  // namespace navarch::api::jv
