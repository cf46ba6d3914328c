#include "api/patch/json_equal.hpp"

#include <algorithm>

namespace navarch::patch {
namespace {

double as_double(const boost::json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  return static_cast<double>(v.get_uint64());
}

}  // namespace

bool json_equal(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number() && (a.is_double() || b.is_double())) return as_double(a) == as_double(b);
  if (a.is_object() && b.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    return x.size() == y.size() && std::all_of(x.begin(), x.end(), [&](const auto& member) {
             const auto* other = y.if_contains(member.key());
             return other && json_equal(member.value(), *other);
           });
  }
  if (a.is_array() && b.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](const auto& l, const auto& r) { return json_equal(l, r); });
  }
  return a == b;  // scalars; Boost.JSON already equates equal int64 and uint64 values
}

}  // namespace navarch::patch
