#include "api/fieldmanager/field_set.hpp"

#include <algorithm>
#include <iterator>

#include <boost/json.hpp>

#include "api/patch/json_equal.hpp"

namespace navarch::api::fields {

namespace json = boost::json;

namespace {

// Fields the server owns; they never count as set by a manager.
bool server_owned(const path& at, std::string_view key) {
  if (at.empty()) return key == "apiVersion" || key == "kind" || key == "status";
  return at.size() == 1 && at[0] == "f:metadata" &&
         (key == "name" || key == "namespace" || key == "uid" || key == "resourceVersion" || key == "generation" ||
          key == "creationTimestamp" || key == "managedFields" || key == "deletionTimestamp" ||
          key == "deletionGracePeriodSeconds" || key == "selfLink");
}

std::string element_key(std::string_view merge_key, const json::value& element) {
  json::object k;
  if (const auto* o = element.if_object())
    if (const auto* v = o->if_contains(merge_key)) k[merge_key] = *v;
  return "k:" + json::serialize(k);
}

void collect(const json::object& obj, const patch::schema_node* node, path& at, field_set& out);

void collect_value(const json::value& v, const patch::field_meta* meta, path& at, field_set& out) {
  const patch::schema_node* child = meta ? meta->type : nullptr;
  if (const auto* o = v.if_object(); o && !o->empty()) {
    collect(*o, child, at, out);
    return;
  }
  const auto* a = v.if_array();
  if (!a || !meta || !meta->merge) {
    out.insert(at);  // a scalar, an empty map or an atomic list
    return;
  }
  for (const auto& el : *a) {
    const bool keyed = !meta->merge_key.empty() && el.is_object();
    at.push_back(keyed ? element_key(meta->merge_key, el) : "v:" + json::serialize(el));
    out.insert(at);  // the element itself
    if (keyed) collect(el.as_object(), child, at, out);
    at.pop_back();
  }
}

void collect(const json::object& obj, const patch::schema_node* node, path& at, field_set& out) {
  for (const auto& kv : obj) {
    if (server_owned(at, kv.key())) continue;
    at.push_back("f:" + std::string(kv.key()));
    collect_value(kv.value(), node ? node->field(kv.key()) : nullptr, at, out);
    at.pop_back();
  }
}

// The list element a "k:{...}" or "v:..." key names. The key is parsed once per list, not once per element:
// this runs for every field of every write.
json::array::const_iterator find_element(const json::array& list, std::string_view key) {
  json::error_code ec;
  const json::value want = json::parse(key.substr(2), ec);
  if (ec) return list.end();
  if (key.starts_with("v:"))
    return std::find_if(list.begin(), list.end(), [&](const json::value& el) { return patch::json_equal(el, want); });
  if (!want.is_object()) return list.end();
  return std::find_if(list.begin(), list.end(), [&](const json::value& el) {
    if (!el.is_object()) return false;
    for (const auto& kv : want.as_object()) {
      const auto* have = el.as_object().if_contains(kv.key());
      if (!have || !patch::json_equal(*have, kv.value())) return false;
    }
    return true;
  });
}

void add_to_tree(json::object& tree, const path& p, size_t i) {
  json::value& child = tree[p[i]];
  if (!child.is_object()) child = json::object{};
  if (i + 1 < p.size()) add_to_tree(child.as_object(), p, i + 1);
}

void read_tree(const json::object& tree, path& at, field_set& out) {
  for (const auto& kv : tree) {
    if (kv.key() == ".") {
      out.insert(at);
      continue;
    }
    at.push_back(std::string(kv.key()));
    const auto* sub = kv.value().if_object();
    if (!sub || sub->empty()) out.insert(at);
    else read_tree(*sub, at, out);
    at.pop_back();
  }
}

}  // namespace

field_set fields_of(const json::object& obj, const patch::schema_node* schema) {
  field_set out;
  path at;
  collect(obj, schema, at, out);
  return out;
}

const json::value* value_at(const json::value& doc, const path& p) {
  const json::value* cur = &doc;
  for (const auto& key : p) {
    if (key.starts_with("f:")) {
      const auto* o = cur->if_object();
      cur = o ? o->if_contains(std::string_view(key).substr(2)) : nullptr;
    } else if (const auto* a = cur->if_array()) {
      auto it = find_element(*a, key);
      cur = it == a->end() ? nullptr : &*it;
    } else {
      cur = nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

void erase_at(json::value& doc, const path& p) {
  if (p.empty()) return;
  // value_at only reads; the document is ours to change.
  auto* parent = const_cast<json::value*>(value_at(doc, path(p.begin(), p.end() - 1)));
  if (!parent) return;
  const std::string& last = p.back();
  if (last.starts_with("f:")) {
    if (auto* o = parent->if_object()) o->erase(std::string_view(last).substr(2));
  } else if (auto* a = parent->if_array()) {
    if (auto it = find_element(*a, last); it != a->end()) a->erase(it);
  }
}

namespace {

// Go maps (not structs) own themselves too once a write creates them: Kubernetes records `".": {}` in them.
bool is_map_field(std::string_view key) {
  for (std::string_view m : {"f:labels", "f:annotations", "f:data", "f:binaryData", "f:matchLabels", "f:nodeSelector",
                             "f:limits", "f:requests"})
    if (key == m) return true;
  return false;
}

}  // namespace

field_set changed_fields(const json::object& before, const json::object& after, const patch::schema_node* schema) {
  const json::value b = before, a = after;
  field_set out;
  for (const auto& p : fields_of(after, schema)) {
    for (size_t n = 1; n < p.size(); ++n)
      if (is_map_field(p[n - 1])) {
        path map(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n));
        if (!value_at(b, map)) out.insert(std::move(map));
      }
    const auto* old_value = value_at(b, p);
    const auto* new_value = value_at(a, p);
    // A list element or map that exists on both sides changed only through its own fields.
    const bool container = new_value && (new_value->is_object() && !new_value->as_object().empty());
    if (!old_value || (!container && !patch::json_equal(*old_value, *new_value))) out.insert(p);
  }
  for (const auto& p : fields_of(before, schema))
    if (!value_at(a, p)) out.insert(p);
  return out;
}

field_set from_fields_v1(const json::object& fields_v1) {
  field_set out;
  path at;
  read_tree(fields_v1, at, out);
  return out;
}

json::object to_fields_v1(const field_set& set) {
  json::object tree;
  for (const auto& p : set)
    if (!p.empty()) add_to_tree(tree, p, 0);
  // A member that also leads to other members is marked "." inside its node.
  for (const auto& p : set) {
    json::object* node = &tree;
    for (size_t i = 0; i + 1 < p.size() && node; ++i) node = node->at(p[i]).if_object();
    if (!node || p.empty()) continue;
    auto& leaf = node->at(p.back());
    if (leaf.is_object() && !leaf.as_object().empty()) leaf.as_object()["."] = json::object{};
  }
  return tree;
}

std::string path_string(const path& p) {
  std::string out;
  for (const auto& key : p) {
    std::string_view rest = std::string_view(key).substr(2);
    if (key.starts_with("f:")) {
      out += ".";
      out += rest;
    } else if (key.starts_with("v:")) {
      out += "[=" + std::string(rest) + "]";
    } else {
      // k:{"name":"web","port":80} -> [name="web",port=80]
      json::error_code ec;
      auto k = json::parse(rest, ec);
      out += "[";
      bool first = true;
      if (!ec && k.is_object())
        for (const auto& kv : k.as_object()) {
          if (!first) out += ",";
          first = false;
          out += std::string(kv.key()) + "=" + json::serialize(kv.value());
        }
      out += "]";
    }
  }
  return out;
}

field_set set_union(const field_set& a, const field_set& b) {
  field_set out = a;
  out.insert(b.begin(), b.end());
  return out;
}

field_set set_difference(const field_set& a, const field_set& b) {
  field_set out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

field_set set_intersection(const field_set& a, const field_set& b) {
  field_set out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace navarch::api::fields
