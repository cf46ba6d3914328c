#include "actors/apiserver/core/server_side_apply.hpp"

#include <boost/json.hpp>

#include "api/patch/smp_schema.hpp"
#include "api/patch/strategic_merge_patch.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

// Fields the server owns; they never count as applied.
bool server_owned(std::string_view path_top, std::string_view key) {
  if (path_top.empty()) return key == "apiVersion" || key == "kind" || key == "status";
  return path_top == "metadata" &&
         (key == "name" || key == "namespace" || key == "uid" || key == "resourceVersion" || key == "generation" ||
          key == "creationTimestamp" || key == "managedFields" || key == "deletionTimestamp" || key == "selfLink");
}

std::string element_key(std::string_view merge_key, const json::value& element) {
  json::object k;
  if (const auto* o = element.if_object())
    if (const auto* v = o->if_contains(merge_key)) k[merge_key] = *v;
  return "k:" + json::serialize(k);
}

// The FieldsV1 set of a configuration: maps by "f:<field>", keyed list elements by "k:{...}", merged primitive
// lists by "v:<value>"; every other value is a leaf ({}).
json::object fields_of(const json::object& obj, const patch::schema_node* node, std::string_view top) {
  json::object set;
  for (const auto& kv : obj) {
    if (server_owned(top, kv.key())) continue;
    const patch::field_meta* meta = node ? node->field(kv.key()) : nullptr;
    const patch::schema_node* child = meta ? meta->type : nullptr;
    json::object entry;
    if (const auto* o = kv.value().if_object()) {
      entry = fields_of(*o, child, top.empty() ? std::string_view(kv.key()) : std::string_view("-"));
    } else if (const auto* a = kv.value().if_array(); a && meta && meta->merge) {
      for (const auto& el : *a) {
        if (!meta->merge_key.empty() && el.is_object())
          entry[element_key(meta->merge_key, el)] = fields_of(el.as_object(), child, "-");
        else
          entry["v:" + json::serialize(el)] = json::object{};
      }
    }
    set[std::string("f:") + std::string(kv.key())] = std::move(entry);
  }
  return set;
}

void remove_unapplied(json::value& live, const json::object& before, const json::object& now);

void remove_from_list(json::array& list, const std::string& key, const json::object& before_entry,
                      const json::object* now_entry) {
  for (auto it = list.begin(); it != list.end(); ++it) {
    bool match = false;
    if (key.starts_with("v:")) {
      match = json::serialize(*it) == key.substr(2);
    } else if (auto want = json::parse(key.substr(2)); want.is_object() && it->is_object()) {
      match = true;
      for (const auto& kv : want.as_object())
        match = match && it->as_object().contains(kv.key()) && it->as_object().at(kv.key()) == kv.value();
    }
    if (!match) continue;
    if (!now_entry) list.erase(it);
    else remove_unapplied(*it, before_entry, *now_entry);
    return;
  }
}

// Removes from `live` what the manager applied before (`before`) but no longer applies (`now`).
void remove_unapplied(json::value& live, const json::object& before, const json::object& now) {
  for (const auto& kv : before) {
    std::string key(kv.key());
    const json::object* before_entry = kv.value().if_object();
    const json::value* now_value = now.if_contains(key);
    const json::object* now_entry = now_value ? now_value->if_object() : nullptr;
    if (key.starts_with("f:")) {
      auto* obj = live.if_object();
      if (!obj) continue;
      std::string field = key.substr(2);
      auto it = obj->find(field);
      if (it == obj->end()) continue;
      if (!now_entry) obj->erase(it);
      else if (before_entry && !before_entry->empty()) remove_unapplied(it->value(), *before_entry, *now_entry);
    } else if (auto* list = live.if_array(); list && before_entry) {
      remove_from_list(*list, key, *before_entry, now_entry);
    }
  }
}

}  // namespace

apply_result server_side_apply(const json::object& live, const json::object& applied, std::string_view manager,
                               const patch::schema_node* schema, std::string_view time) {
  apply_result out;
  json::object now_set = fields_of(applied, schema, "");
  json::value base = live;
  json::array managed;
  if (auto* meta = live.if_contains("metadata"); meta && meta->is_object())
    if (auto* mf = meta->as_object().if_contains("managedFields"); mf && mf->is_array()) managed = mf->as_array();
  for (auto it = managed.begin(); it != managed.end(); ++it) {
    const auto* e = it->if_object();
    if (!e || !e->contains("manager") || e->at("manager") != json::value(manager) ||
        !e->contains("operation") || e->at("operation") != json::value("Apply"))
      continue;
    if (const auto* f = e->if_contains("fieldsV1"); f && f->is_object()) remove_unapplied(base, f->as_object(), now_set);
    managed.erase(it);
    break;
  }
  auto merged = patch::strategic_merge_patch(base, applied, schema);
  if (!merged.ok || !merged.doc.is_object()) {
    out.ok = false;
    out.error = merged.error.empty() ? "the applied configuration is not an object" : merged.error;
    return out;
  }
  auto api_version = applied.if_contains("apiVersion");
  managed.push_back(json::object{{"manager", manager},
                                 {"operation", "Apply"},
                                 {"apiVersion", api_version ? *api_version : json::value("v1")},
                                 {"time", time},
                                 {"fieldsType", "FieldsV1"},
                                 {"fieldsV1", std::move(now_set)}});
  out.object = std::move(merged.doc.as_object());
  auto& meta = out.object["metadata"];
  if (!meta.is_object()) meta = json::object{};
  meta.as_object()["managedFields"] = std::move(managed);
  return out;
}

}  // namespace navarch::api
