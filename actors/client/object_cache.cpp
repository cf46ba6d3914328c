#include "actors/client/object_cache.hpp"

#include <charconv>

#include <boost/json.hpp>

#include "api/object/meta.hpp"
#include "api/object/object_view.hpp"

namespace navarch::client {
namespace json = boost::json;

namespace {

// Parses a decimal resourceVersion; false when it is not one.
bool parse_rv(std::string_view text, int64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

// Whether a relisted object differs from the cached one: by resourceVersion, or by content without one.
bool changed(const json::value& cached, const api::object_view& listed) {
  auto a = api::meta::resource_version(cached);
  auto b = api::meta::resource_version(listed);
  if (!a.empty() || !b.empty()) return a != b;
  return cached != api::to_value(listed);
}

}  // namespace

std::string object_key(std::string_view ns, std::string_view name) {
  if (ns.empty()) return std::string(name);
  std::string key;
  key.reserve(ns.size() + 1 + name.size());
  key.append(ns).append("/").append(name);
  return key;
}

std::string object_key(const json::value& object) { return api::meta::key(object); }

int64_t object_resource_version(const json::value& object) {
  int64_t rv = 0;
  return parse_rv(api::meta::resource_version(object), rv) ? rv : 0;
}

int status_code(std::string_view status_json) {
  auto doc = api::parsed_json::parse(status_json);
  if (!doc.ok()) return 0;
  auto root = doc.json->root();
  if (api::jv::string_at(root, {"kind"}) != "Status") return 0;
  return static_cast<int>(api::jv::int_at(root, {"code"}).value_or(0));
}

// The list is read with simdjson; only objects new or changed since the cache last saw them become Boost.JSON,
// so a relist of a mostly unchanged collection costs little more than the parse.
cache_result object_cache::apply_list(std::string_view body) {
  auto doc = api::parsed_json::parse(body);
  if (!doc.ok()) return {{}, "list: invalid JSON: " + doc.error};
  auto list = doc.json->root();
  if (!list.is_object()) return {{}, "list: not a JSON object"};
  int64_t rv = 0;
  if (!parse_rv(api::meta::resource_version(list), rv))
    return {{}, "list: metadata.resourceVersion missing or not a number"};
  auto items = list["items"];
  // An empty list may come as "items": null.
  if (items && !items.is_array() && !items.is_null()) return {{}, "list: items is not an array"};

  std::map<std::string, object_ptr, std::less<>> fresh;
  std::string error;
  items.each_element([&](const api::object_view& item) {
    if (!error.empty()) return;
    auto key = api::meta::key(item);
    if (key.empty()) return void(error = "list: an item has no metadata.name");
    auto it = objects_.find(key);
    if (it != objects_.end() && !changed(*it->second, item))
      fresh[std::move(key)] = it->second;  // keep the snapshot readers may already hold
    else
      fresh[std::move(key)] = std::make_shared<const json::value>(api::to_value(item));
  });
  if (!error.empty()) return {{}, std::move(error)};

  cache_result result;
  for (const auto& [key, old] : objects_) {
    if (!fresh.count(key)) result.deltas.push_back({cache_delta::deleted, old, old});
  }
  for (auto& [key, obj] : fresh) {
    auto it = objects_.find(key);
    if (it == objects_.end())
      result.deltas.push_back({cache_delta::added, nullptr, obj});
    else if (it->second != obj)
      result.deltas.push_back({cache_delta::updated, it->second, obj});
  }
  objects_ = std::move(fresh);
  resource_version_ = rv;
  return result;
}

cache_result object_cache::apply_event(std::string_view type, std::string_view object_json,
                                       int64_t resource_version) {
  const bool upsert = type == "ADDED" || type == "MODIFIED";
  if (!upsert && type != "DELETED" && type != "BOOKMARK")
    return {{}, "watch: unexpected event type '" + std::string(type) + "'"};
  json::error_code ec;
  auto doc = json::parse(object_json, ec);
  if (ec) return {{}, "watch: invalid object JSON: " + ec.message()};
  if (!doc.is_object()) return {{}, "watch: the object is not a JSON object"};
  const int64_t rv = resource_version > 0 ? resource_version : object_resource_version(doc);

  cache_result result;
  if (type != "BOOKMARK") {
    auto key = object_key(doc);
    if (key.empty()) return {{}, "watch: the object has no metadata.name"};
    auto it = objects_.find(key);
    auto obj = std::make_shared<const json::value>(std::move(doc));
    if (upsert && it == objects_.end()) {
      result.deltas.push_back({cache_delta::added, nullptr, obj});
      objects_.emplace(std::move(key), std::move(obj));
    } else if (upsert) {
      result.deltas.push_back({cache_delta::updated, it->second, obj});
      it->second = std::move(obj);
    } else if (it != objects_.end()) {
      result.deltas.push_back({cache_delta::deleted, it->second, std::move(obj)});
      objects_.erase(it);
    }
  }
  if (rv > 0) resource_version_ = rv;
  return result;
}

object_ptr object_cache::get(std::string_view ns, std::string_view name) const {
  return get(object_key(ns, name));
}

object_ptr object_cache::get(const std::string& key) const {
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : it->second;
}

std::vector<object_ptr> object_cache::list() const {
  std::vector<object_ptr> out;
  out.reserve(objects_.size());
  for (const auto& [key, obj] : objects_) out.push_back(obj);
  return out;
}

std::vector<object_ptr> object_cache::list(std::string_view ns) const {
  if (ns.empty()) return list();
  std::vector<object_ptr> out;
  const std::string prefix = std::string(ns) + "/";
  for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.starts_with(prefix); ++it)
    out.push_back(it->second);
  return out;
}

}  // namespace navarch::client
