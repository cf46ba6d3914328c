#include "actors/client/object_cache.hpp"

#include <charconv>

#include <boost/json.hpp>

namespace navarch::client {
namespace json = boost::json;

namespace {

const json::object* metadata_of(const json::value& object) {
  const auto* o = object.if_object();
  if (!o) return nullptr;
  auto it = o->find("metadata");
  return it == o->end() ? nullptr : it->value().if_object();
}

std::string_view string_field(const json::object* o, std::string_view field) {
  if (!o) return {};
  auto it = o->find(field);
  if (it == o->end() || !it->value().is_string()) return {};
  const auto& s = it->value().get_string();
  return {s.data(), s.size()};
}

// Parses a decimal resourceVersion; false when it is not one.
bool parse_rv(std::string_view text, int64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size() && out >= 0;
}

// Whether a relisted object differs from the cached one.
bool changed(const json::value& cached, const json::value& listed) {
  auto a = string_field(metadata_of(cached), "resourceVersion");
  auto b = string_field(metadata_of(listed), "resourceVersion");
  if (!a.empty() || !b.empty()) return a != b;
  return cached != listed;
}

}  // namespace

std::string object_key(std::string_view ns, std::string_view name) {
  if (ns.empty()) return std::string(name);
  std::string key;
  key.reserve(ns.size() + 1 + name.size());
  key.append(ns).append("/").append(name);
  return key;
}

std::string object_key(const json::value& object) {
  const auto* meta = metadata_of(object);
  auto name = string_field(meta, "name");
  if (name.empty()) return {};
  return object_key(string_field(meta, "namespace"), name);
}

int64_t object_resource_version(const json::value& object) {
  int64_t rv = 0;
  return parse_rv(string_field(metadata_of(object), "resourceVersion"), rv) ? rv : 0;
}

int status_code(std::string_view status_json) {
  json::error_code ec;
  auto v = json::parse(status_json, ec);
  const auto* o = v.if_object();
  if (ec || !o || string_field(o, "kind") != "Status") return 0;
  auto it = o->find("code");
  if (it == o->end() || !it->value().is_int64()) return 0;
  return static_cast<int>(it->value().get_int64());
}

cache_result object_cache::apply_list(std::string_view body) {
  json::error_code ec;
  auto doc = json::parse(body, ec);
  if (ec) return {{}, "list: invalid JSON: " + ec.message()};
  auto* list = doc.if_object();
  if (!list) return {{}, "list: not a JSON object"};
  int64_t rv = 0;
  if (!parse_rv(string_field(metadata_of(doc), "resourceVersion"), rv))
    return {{}, "list: metadata.resourceVersion missing or not a number"};
  auto items_it = list->find("items");
  // An empty list may come as "items": null.
  if (items_it != list->end() && !items_it->value().is_array() && !items_it->value().is_null())
    return {{}, "list: items is not an array"};

  std::map<std::string, object_ptr, std::less<>> fresh;
  if (items_it != list->end() && items_it->value().is_array()) {
    for (auto& item : items_it->value().get_array()) {
      auto key = object_key(item);
      if (key.empty()) return {{}, "list: an item has no metadata.name"};
      fresh[std::move(key)] = std::make_shared<const json::value>(std::move(item));
    }
  }

  cache_result result;
  for (const auto& [key, old] : objects_) {
    if (!fresh.count(key)) result.deltas.push_back({cache_delta::deleted, old, old});
  }
  for (auto& [key, obj] : fresh) {
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      result.deltas.push_back({cache_delta::added, nullptr, obj});
    } else if (changed(*it->second, *obj)) {
      result.deltas.push_back({cache_delta::updated, it->second, obj});
    } else {
      obj = it->second;  // keep the snapshot readers may already hold
    }
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
