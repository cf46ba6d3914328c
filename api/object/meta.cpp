// One implementation for both representations: each reader is a template over a "node" (a nullable Boost.JSON
// value pointer, or a simdjson view) and the few primitives below; the public overloads instantiate it.
#include "api/object/meta.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"
#include "api/object/object_view.hpp"

namespace navarch::api {

namespace {

using boost_node = const boost::json::value*;

boost_node member(boost_node n, std::string_view key) {
  const auto* o = n ? n->if_object() : nullptr;
  return o ? o->if_contains(key) : nullptr;
}
object_view member(const object_view& n, std::string_view key) { return n[key]; }

bool is_string(boost_node n) { return n && n->is_string(); }
bool is_string(const object_view& n) { return n.is_string(); }
std::string_view text(boost_node n) { return jv::string_of(n); }
std::string_view text(const object_view& n) { return n.string(); }
std::optional<int64_t> integer(boost_node n) { return jv::int_of(n); }
std::optional<int64_t> integer(const object_view& n) { return n.integer(); }
bool boolean(boost_node n) { return n && n->is_bool() && n->get_bool(); }
bool boolean(const object_view& n) { return n.boolean(); }

template <class F>
void each_element(boost_node n, F&& f) {
  if (const auto* a = n ? n->if_array() : nullptr)
    for (const auto& v : *a) f(&v);
}
template <class F>
void each_element(const object_view& n, F&& f) {
  n.each_element(f);
}

template <class N>
N metadata(const N& obj) {
  return member(obj, "metadata");
}

template <class N>
std::string_view meta_string(const N& obj, std::string_view field) {
  return text(member(metadata(obj), field));
}

template <class N>
std::string key_of(const N& obj) {
  auto name = meta_string(obj, "name");
  if (name.empty()) return {};
  auto ns = meta_string(obj, "namespace");
  if (ns.empty()) return std::string(name);
  std::string k;
  k.reserve(ns.size() + 1 + name.size());
  return k.append(ns).append("/").append(name);
}

template <class N>
std::optional<std::string_view> map_entry(const N& obj, std::string_view map, std::string_view key) {
  auto v = member(member(metadata(obj), map), key);
  if (!is_string(v)) return std::nullopt;
  return text(v);
}

template <class N>
std::vector<std::string_view> finalizers_of(const N& obj) {
  std::vector<std::string_view> out;
  each_element(member(metadata(obj), "finalizers"), [&](const auto& f) {
    if (is_string(f)) out.push_back(text(f));
  });
  return out;
}

template <class N>
bool has_finalizer_of(const N& obj, std::string_view finalizer) {
  auto all = finalizers_of(obj);
  return std::find(all.begin(), all.end(), finalizer) != all.end();
}

template <class N>
std::vector<meta::owner_reference> owners_of(const N& obj) {
  std::vector<meta::owner_reference> out;
  each_element(member(metadata(obj), "ownerReferences"), [&](const auto& r) {
    out.push_back({text(member(r, "apiVersion")), text(member(r, "kind")), text(member(r, "name")),
                   text(member(r, "uid")), boolean(member(r, "controller")),
                   boolean(member(r, "blockOwnerDeletion"))});
  });
  return out;
}

template <class N>
std::optional<meta::owner_reference> controller_ref(const N& obj) {
  for (const auto& r : owners_of(obj))
    if (r.controller) return r;
  return std::nullopt;
}

template <class N>
std::optional<condition> condition_of(const N& obj, std::string_view type) {
  std::optional<condition> out;
  each_element(member(member(obj, "status"), "conditions"), [&](const auto& c) {
    if (out || text(member(c, "type")) != type) return;
    out = condition{text(member(c, "type")), text(member(c, "status")), text(member(c, "reason")),
                    text(member(c, "message")), text(member(c, "lastTransitionTime"))};
  });
  return out;
}

}  // namespace

namespace meta {

std::string_view name(const boost::json::value& obj) { return meta_string(&obj, "name"); }
std::string_view name(const object_view& obj) { return meta_string(obj, "name"); }
std::string_view namespace_of(const boost::json::value& obj) { return meta_string(&obj, "namespace"); }
std::string_view namespace_of(const object_view& obj) { return meta_string(obj, "namespace"); }
std::string_view uid(const boost::json::value& obj) { return meta_string(&obj, "uid"); }
std::string_view uid(const object_view& obj) { return meta_string(obj, "uid"); }
std::string_view resource_version(const boost::json::value& obj) { return meta_string(&obj, "resourceVersion"); }
std::string_view resource_version(const object_view& obj) { return meta_string(obj, "resourceVersion"); }
int64_t generation(const boost::json::value& obj) { return integer(member(metadata(&obj), "generation")).value_or(0); }
int64_t generation(const object_view& obj) { return integer(member(metadata(obj), "generation")).value_or(0); }

std::string key(const boost::json::value& obj) { return key_of(&obj); }
std::string key(const object_view& obj) { return key_of(obj); }

std::optional<std::string_view> label(const boost::json::value& obj, std::string_view key) {
  return map_entry(&obj, "labels", key);
}
std::optional<std::string_view> label(const object_view& obj, std::string_view key) {
  return map_entry(obj, "labels", key);
}
std::optional<std::string_view> annotation(const boost::json::value& obj, std::string_view key) {
  return map_entry(&obj, "annotations", key);
}
std::optional<std::string_view> annotation(const object_view& obj, std::string_view key) {
  return map_entry(obj, "annotations", key);
}

std::vector<std::string_view> finalizers(const boost::json::value& obj) { return finalizers_of(&obj); }
std::vector<std::string_view> finalizers(const object_view& obj) { return finalizers_of(obj); }
bool has_finalizer(const boost::json::value& obj, std::string_view f) { return has_finalizer_of(&obj, f); }
bool has_finalizer(const object_view& obj, std::string_view f) { return has_finalizer_of(obj, f); }

std::string_view deletion_timestamp(const boost::json::value& obj) { return meta_string(&obj, "deletionTimestamp"); }
std::string_view deletion_timestamp(const object_view& obj) { return meta_string(obj, "deletionTimestamp"); }
bool being_deleted(const boost::json::value& obj) { return !deletion_timestamp(obj).empty(); }
bool being_deleted(const object_view& obj) { return !deletion_timestamp(obj).empty(); }

std::vector<owner_reference> owner_references(const boost::json::value& obj) { return owners_of(&obj); }
std::vector<owner_reference> owner_references(const object_view& obj) { return owners_of(obj); }
std::optional<owner_reference> controller_of(const boost::json::value& obj) { return controller_ref(&obj); }
std::optional<owner_reference> controller_of(const object_view& obj) { return controller_ref(obj); }

}  // namespace meta

std::optional<condition> find_condition(const boost::json::value& obj, std::string_view type) {
  return condition_of(&obj, type);
}
std::optional<condition> find_condition(const object_view& obj, std::string_view type) {
  return condition_of(obj, type);
}
std::string_view condition_status(const boost::json::value& obj, std::string_view type) {
  auto c = find_condition(obj, type);
  return c ? c->status : std::string_view();
}
std::string_view condition_status(const object_view& obj, std::string_view type) {
  auto c = find_condition(obj, type);
  return c ? c->status : std::string_view();
}
bool condition_true(const boost::json::value& obj, std::string_view type) { return condition_status(obj, type) == "True"; }
bool condition_true(const object_view& obj, std::string_view type) { return condition_status(obj, type) == "True"; }

}  // namespace navarch::api
