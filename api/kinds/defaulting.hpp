// What defaulting functions share: reach a nested object (creating it) and fill a field a writer left out or null.
#pragma once

#include <string_view>

#include <boost/json.hpp>

namespace navarch::api {

inline boost::json::object& child(boost::json::object& o, std::string_view key) {
  auto& v = o[key];
  if (!v.is_object()) v = boost::json::object{};
  return v.as_object();
}

inline void set_default(boost::json::object& o, std::string_view key, boost::json::value v) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) o[key] = std::move(v);
}

// Each object element of o[key] when it is an array.
template <class F>
void for_each_object(boost::json::object& o, std::string_view key, F&& f) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_array()) return;
  for (auto& e : it->value().as_array())
    if (auto* eo = e.if_object()) f(*eo);
}

}  // namespace navarch::api
