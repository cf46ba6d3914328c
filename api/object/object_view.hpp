// Read-only views of object JSON parsed by simdjson, for the paths that only read: informers, list and watch
// filtering, the scheduler's decoding. Boost.JSON stays the mutable document and the writer (to_value converts).
// Lookups are tolerant like jv's: a missing field or one of another type reads as absent, never throws.
// This header pulls in simdjson.h (large): include it from .cpp files only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <simdjson.h>

#include "api/object/json_access.hpp"

namespace navarch::api {

// One JSON value inside a parsed_json (valid while it lives), or absent.
class object_view {
 public:
  object_view() = default;
  explicit object_view(simdjson::dom::element e) : e_(e), present_(true) {}

  bool present() const { return present_; }
  explicit operator bool() const { return present_; }
  bool is_object() const { return present_ && e_.type() == simdjson::dom::element_type::OBJECT; }
  bool is_array() const { return present_ && e_.type() == simdjson::dom::element_type::ARRAY; }
  bool is_string() const { return present_ && e_.type() == simdjson::dom::element_type::STRING; }
  bool is_null() const { return present_ && e_.type() == simdjson::dom::element_type::NULL_VALUE; }

  // The member `key` of an object; absent when this is not an object or has no such member.
  object_view operator[](std::string_view key) const;
  std::string_view string() const;           // "" unless a string
  std::optional<int64_t> integer() const;    // as jv::int_of: integral numbers that fit in int64
  bool boolean() const;                      // false unless true

  // Members of an object / elements of an array, in document order; nothing for other values.
  template <class F>
  void each_member(F&& f) const {
    simdjson::dom::object o;
    if (!present_ || e_.get_object().get(o)) return;
    for (auto field : o) f(field.key, object_view(field.value));
  }
  template <class F>
  void each_element(F&& f) const {
    simdjson::dom::array a;
    if (!present_ || e_.get_array().get(a)) return;
    for (auto v : a) f(object_view(v));
  }
  size_t size() const;  // members or elements; 0 for other values

  simdjson::dom::element element() const { return e_; }

 private:
  simdjson::dom::element e_;
  bool present_ = false;
};

// The parse of one JSON text: owns the simdjson document its views point into. Parsing reuses a per-thread
// parser, so documents are cheap to make; each keeps only its own tape and strings.
class parsed_json {
 public:
  struct result;
  // An error is simdjson's message (bad JSON, or input simdjson refuses, such as an integer past 64 bits).
  static result parse(std::string_view text);
  object_view root() const { return root_; }

 private:
  std::unique_ptr<simdjson::dom::document> doc_;
  object_view root_;
};

struct parsed_json::result {
  std::optional<parsed_json> json;
  std::string error;
  bool ok() const { return json.has_value(); }
};

// A Boost.JSON copy of a view (for the mutable side); numbers keep their kind (int64, uint64, double).
boost::json::value to_value(const object_view& v);

// A Boost.JSON object holding only the given paths of an object that exist (each path a list of member names):
// enough to run Boost-based matchers (selectors) without converting the whole object.
boost::json::value project(const object_view& v, const std::vector<std::vector<std::string>>& paths);

// jv's lookups over views, with the same names and meaning (see json_access.hpp).
namespace jv {
object_view at(const object_view& v, path p);
inline object_view object_at(const object_view& v, path p) {
  auto x = at(v, p);
  return x.is_object() ? x : object_view();
}
inline object_view array_at(const object_view& v, path p) {
  auto x = at(v, p);
  return x.is_array() ? x : object_view();
}
inline std::string_view string_at(const object_view& v, path p) { return at(v, p).string(); }
inline bool has(const object_view& v, path p) {
  auto x = at(v, p);
  return x.present() && !x.is_null();
}
inline std::optional<int64_t> int_at(const object_view& v, path p) { return at(v, p).integer(); }
inline bool bool_at(const object_view& v, path p) { return at(v, p).boolean(); }
}  // namespace jv

}  // namespace navarch::api
