// THE read-only accessor of API objects held as Boost.JSON, for every component: a missing field or one of another
// type reads as absent, so validators, printers, the scheduler and the kubelet never throw on odd input.
// Two shapes: from a value along a path (`string_at(pod, {"spec", "nodeName"})`), and one key of an object that may
// be missing (`string_at(object_at(meta, "labels"), "app")`), so lookups chain without a check at every step.
// The same names read simdjson views (api/object/object_view.hpp), so code written against them reads either.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

inline const boost::json::value* at(const boost::json::object* o, std::string_view key) {
  return o ? o->if_contains(key) : nullptr;
}

inline const boost::json::object* object_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_object() : nullptr;
}

inline const boost::json::object* object_at(const boost::json::object* o, std::string_view key) {
  const auto* x = at(o, key);
  return x ? x->if_object() : nullptr;
}

inline const boost::json::array* array_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x ? x->if_array() : nullptr;
}

inline const boost::json::array* array_at(const boost::json::object* o, std::string_view key) {
  const auto* x = at(o, key);
  return x ? x->if_array() : nullptr;
}

inline std::string_view string_of(const boost::json::value* x) {
  return x && x->is_string() ? std::string_view(x->get_string()) : std::string_view();
}

inline std::string_view string_at(const boost::json::value& v, path p) { return string_of(at(v, p)); }

inline std::string_view string_at(const boost::json::object* o, std::string_view key) { return string_of(at(o, key)); }

// The strings of an array of strings (command, args, finalizers...); other elements are skipped.
inline std::vector<std::string> strings_of(const boost::json::value* x) {
  std::vector<std::string> out;
  if (const auto* a = x ? x->if_array() : nullptr)
    for (const auto& e : *a)
      if (e.is_string()) out.emplace_back(e.get_string());
  return out;
}

inline std::vector<std::string> strings_at(const boost::json::value& v, path p) { return strings_of(at(v, p)); }

inline std::vector<std::string> strings_at(const boost::json::object* o, std::string_view key) {
  return strings_of(at(o, key));
}

inline bool has(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x && !x->is_null();
}

// Integers as JSON carries them (int64, uint64, or an integral double such as 3.0 or 1e3); absent when the number
// has a fraction or does not fit in int64.
inline std::optional<int64_t> int_of(const boost::json::value* x) {
  if (!x) return std::nullopt;
  if (x->is_int64()) return x->get_int64();
  if (x->is_uint64()) {
    if (x->get_uint64() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(x->get_uint64());
  }
  if (x->is_double()) {
    double d = x->get_double();
    // 2^63 is exactly representable; anything at or past it would not fit.
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return std::nullopt;
    if (d != static_cast<double>(static_cast<int64_t>(d))) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

inline std::optional<int64_t> int_at(const boost::json::value& v, path p) { return int_of(at(v, p)); }

inline std::optional<int64_t> int_at(const boost::json::object* o, std::string_view key) { return int_of(at(o, key)); }

inline bool bool_at(const boost::json::value& v, path p) {
  const auto* x = at(v, p);
  return x && x->is_bool() && x->get_bool();
}

inline bool bool_at(const boost::json::object* o, std::string_view key) {
  const auto* x = at(o, key);
  return x && x->is_bool() && x->get_bool();
}

// From an object itself, by path. Without these a json::object argument converts to a temporary json::value and
// the pointer or view returned would point into it (defaulting code walks the json::object it is changing).
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
inline const boost::json::object* object_at(const boost::json::object& o, path p) {
  const auto* x = at(o, p);
  return x ? x->if_object() : nullptr;
}
inline const boost::json::array* array_at(const boost::json::object& o, path p) {
  const auto* x = at(o, p);
  return x ? x->if_array() : nullptr;
}
inline std::string_view string_at(const boost::json::object& o, path p) { return string_of(at(o, p)); }
inline bool has(const boost::json::object& o, path p) {
  const auto* x = at(o, p);
  return x && !x->is_null();
}
inline std::optional<int64_t> int_at(const boost::json::object& o, path p) { return int_of(at(o, p)); }
inline bool bool_at(const boost::json::object& o, path p) {
  const auto* x = at(o, p);
  return x && x->is_bool() && x->get_bool();
}

}  // namespace navarch::api::jv
