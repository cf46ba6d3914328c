#include "api/object/object_view.hpp"

#include <boost/json.hpp>

namespace navarch::api {

namespace json = boost::json;
using simdjson::dom::element_type;

object_view object_view::operator[](std::string_view key) const {
  simdjson::dom::object o;
  if (!present_ || e_.get_object().get(o)) return {};
  simdjson::dom::element v;
  if (o.at_key(key).get(v)) return {};
  return object_view(v);
}

std::string_view object_view::string() const {
  std::string_view s;
  if (!present_ || e_.get_string().get(s)) return {};
  return s;
}

std::optional<int64_t> object_view::integer() const {
  if (!present_) return std::nullopt;
  switch (e_.type()) {
    case element_type::INT64: return int64_t(e_.get_int64());
    case element_type::DOUBLE: {
      // The same reading as jv::int_of, so both sides agree on 3.0 and 1e3.
      json::value d(double(e_.get_double()));
      return jv::int_of(&d);
    }
    default: return std::nullopt;  // UINT64 here is always past int64
  }
}

bool object_view::boolean() const {
  bool b = false;
  return present_ && !e_.get_bool().get(b) && b;
}

size_t object_view::size() const {
  if (is_object()) return simdjson::dom::object(e_).size();
  if (is_array()) return simdjson::dom::array(e_).size();
  return 0;
}

namespace {

simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

}  // namespace

parsed_json::result parsed_json::parse(std::string_view text) {
  parsed_json p;
  p.doc_ = std::make_unique<simdjson::dom::document>();
  simdjson::dom::element root;
  // Copies the text into the parser's padded buffer, so any string_view will do.
  auto err = thread_parser().parse_into_document(*p.doc_, text.data(), text.size()).get(root);
  if (err == simdjson::NUMBER_ERROR || err == simdjson::NUMBER_OUT_OF_RANGE) {
    // simdjson refuses integers past 64 bits, which Boost.JSON reads as doubles: rewrite the text the way Boost.JSON
    // reads it, so both sides accept the same documents. Rare, so the detour costs nothing in the common case.
    json::error_code ec;
    auto v = json::parse(text, ec);
    if (!ec) {
      auto normalized = json::serialize(v);
      err = thread_parser().parse_into_document(*p.doc_, normalized.data(), normalized.size()).get(root);
    }
  }
  if (err) return {std::nullopt, simdjson::error_message(err)};
  p.root_ = object_view(root);
  return {std::move(p), {}};
}

json::value to_value(const object_view& v) {
  if (!v) return nullptr;
  const auto e = v.element();
  switch (e.type()) {
    case element_type::OBJECT: {
      json::object o;
      o.reserve(v.size());
      v.each_member([&](std::string_view k, const object_view& m) { o.insert_or_assign(k, to_value(m)); });
      return o;
    }
    case element_type::ARRAY: {
      json::array a;
      a.reserve(v.size());
      v.each_element([&](const object_view& x) { a.push_back(to_value(x)); });
      return a;
    }
    case element_type::STRING: return json::string(v.string());
    case element_type::INT64: return int64_t(e.get_int64());
    case element_type::UINT64: return uint64_t(e.get_uint64());
    case element_type::DOUBLE: return double(e.get_double());
    case element_type::BOOL: return bool(e.get_bool());
    case element_type::NULL_VALUE: return nullptr;
  }
  return nullptr;
}

json::value project(const object_view& v, const std::vector<std::vector<std::string>>& paths) {
  json::value out = json::object();
  for (const auto& p : paths) {
    object_view cur = v;
    for (const auto& key : p) cur = cur[key];
    if (!cur || p.empty()) continue;
    json::value* slot = &out;
    for (const auto& key : p) {
      auto& o = slot->as_object();
      auto it = o.find(key);
      if (it == o.end() || !it->value().is_object()) it = o.insert_or_assign(key, json::object()).first;
      slot = &it->value();
    }
    *slot = to_value(cur);
  }
  return out;
}

namespace jv {

object_view at(const object_view& v, path p) {
  object_view cur = v;
  for (auto key : p) {
    cur = cur[key];
    if (!cur) return {};
  }
  return cur;
}

}  // namespace jv

}  // namespace navarch::api
