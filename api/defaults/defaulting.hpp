// The two moves of every kind's defaulting: reach (creating) a child object, and fill a field a user left out.
#pragma once

#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace navarch::api {

// o[key] as an object, replacing whatever non-object was there.
inline boost::json::object& child(boost::json::object& o, std::string_view key) {
  auto& v = o[key];
  if (!v.is_object()) v = boost::json::object{};
  return v.as_object();
}

// Sets o[key] when it is missing or null.
inline void set_default(boost::json::object& o, std::string_view key, boost::json::value v) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) o[key] = std::move(v);
}

// Each object element of o[key], when that is an array.
template <class F>
void for_each_object(boost::json::object& o, std::string_view key, F&& f) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_array()) return;
  for (auto& e : it->value().as_array())
    if (auto* eo = e.if_object()) f(*eo);
}

}  // namespace navarch::api
