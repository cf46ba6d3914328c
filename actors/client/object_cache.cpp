#include "actors/client/object_cache.hpp"

#include <charconv>

#include <boost/json.hpp>

#include "api/object/list_scan.hpp"
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

// The list is scanned with simdjson's on-demand parser, which builds no tree: an item the cache holds at the same
// resourceVersion keeps its snapshot and is never decoded, so a relist of a mostly unchanged collection costs
// little more than the scan; new and changed items are parsed from their own text.
cache_result object_cache::apply_list(std::string_view body) {
  std::map<std::string, object_ptr, std::less<>> fresh;
  std::string error;
  auto scan = api::scan_list(body, [&](const api::list_item& item) {
    if (!error.empty()) return;
    if (item.name.empty()) return void(error = "list: an item has no metadata.name");
    auto key = object_key(item.ns, item.name);
    auto it = objects_.find(key);
    if (it != objects_.end() && !item.resource_version.empty() &&
        api::meta::resource_version(*it->second) == item.resource_version)
      return void(fresh[std::move(key)] = it->second);  // keep the snapshot readers may already hold
    json::error_code ec;
    auto obj = json::parse(item.json, ec);
    if (ec) return void(error = "list: invalid JSON: " + ec.message());
    // Without resourceVersions, the content decides (as before, unchanged content keeps its snapshot).
    if (it != objects_.end() && item.resource_version.empty() && api::meta::resource_version(*it->second).empty() &&
        *it->second == obj)
      return void(fresh[std::move(key)] = it->second);
    fresh[std::move(key)] = std::make_shared<const json::value>(std::move(obj));
  });
  if (!scan.ok()) return {{}, "list: " + scan.error};
  if (!error.empty()) return {{}, std::move(error)};
  int64_t rv = 0;
  if (!parse_rv(scan.resource_version, rv)) return {{}, "list: metadata.resourceVersion missing or not a number"};

  // Both maps are in key order: walk them side by side, deletions first, then additions and updates.
  cache_result result;
  auto walk = [&](auto&& on_pair) {
    auto o = objects_.begin();
    auto f = fresh.begin();
    while (o != objects_.end() || f != fresh.end()) {
      if (f == fresh.end() || (o != objects_.end() && o->first < f->first)) on_pair(&o->second, nullptr), ++o;
      else if (o == objects_.end() || f->first < o->first) on_pair(nullptr, &f->second), ++f;
      else on_pair(&o->second, &f->second), ++o, ++f;
    }
  };
  walk([&](const object_ptr* old, const object_ptr* now) {
    if (!now) result.deltas.push_back({cache_delta::deleted, *old, *old});
  });
  walk([&](const object_ptr* old, const object_ptr* now) {
    if (now && !old) result.deltas.push_back({cache_delta::added, nullptr, *now});
    else if (now && *old != *now) result.deltas.push_back({cache_delta::updated, *old, *now});
  });
  objects_ = std::move(fresh);
  resource_version_ = rv;
  return result;
}

// A watch event's object is always kept, so it is parsed straight into Boost.JSON: a simdjson parse followed by a
// conversion costs about twice as much (bench/object_bench).
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
