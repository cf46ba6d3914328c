// Reading fields of API objects (boost::json) without a chain of checks at every call: a missing or mistyped
// field reads as null / empty. Shared by the components (kubelet, scheduler).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace navarch::client {

inline const boost::json::object* object_at(const boost::json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_object() ? &v->as_object() : nullptr;
}

inline const boost::json::array* array_at(const boost::json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_array() ? &v->as_array() : nullptr;
}

inline std::string string_at(const boost::json::object* o, std::string_view key) {
  const auto* v = o ? o->if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}

}  // namespace navarch::client
