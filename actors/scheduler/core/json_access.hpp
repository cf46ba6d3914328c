// Tolerant readers for optional fields of Kubernetes JSON: a missing or mistyped field reads as absent.
#pragma once

#include <string_view>

#include <boost/json.hpp>

namespace navarch::scheduler::detail {

inline const boost::json::object* object_at(const boost::json::object* o, std::string_view key) {
  if (!o) return nullptr;
  const auto* v = o->if_contains(key);
  return v ? v->if_object() : nullptr;
}

inline const boost::json::array* array_at(const boost::json::object* o, std::string_view key) {
  if (!o) return nullptr;
  const auto* v = o->if_contains(key);
  return v ? v->if_array() : nullptr;
}

inline std::string_view string_at(const boost::json::object* o, std::string_view key) {
  if (!o) return {};
  const auto* v = o->if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

inline bool bool_at(const boost::json::object* o, std::string_view key) {
  if (!o) return false;
  const auto* v = o->if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

}  // namespace navarch::scheduler::detail
