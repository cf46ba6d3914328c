#include "api/validation/object_meta.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "api/object/json_access.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

constexpr int64_t total_annotation_size_limit = 256 * 1024;

std::string join(const messages& m) {
  std::string s;
  for (const auto& x : m) s += (s.empty() ? "" : "; ") + x;
  return s;
}

void validate_owner_references(const json::value& obj, field_errors& errs) {
  const auto* refs = jv::array_at(obj, {"metadata", "ownerReferences"});
  if (!refs) return;
  const std::string path = "metadata.ownerReferences";
  int controllers = 0;
  for (const auto& ref : *refs) {
    if (jv::string_at(ref, {"apiVersion"}).empty())
      errs.push_back(invalid(path + ".apiVersion", "", "version must not be empty"));
    if (jv::string_at(ref, {"kind"}).empty()) errs.push_back(invalid(path + ".kind", "", "kind must not be empty"));
    if (jv::string_at(ref, {"name"}).empty()) errs.push_back(invalid(path + ".name", "", "name must not be empty"));
    if (jv::string_at(ref, {"uid"}).empty()) errs.push_back(invalid(path + ".uid", "", "uid must not be empty"));
    if (jv::bool_at(ref, {"controller"})) ++controllers;
  }
  if (controllers > 1)
    errs.push_back(invalid_raw(path, json::serialize(*refs), "Only one reference can have Controller set to true"));
}

void validate_finalizers(const json::value& obj, field_errors& errs) {
  const auto* fins = jv::array_at(obj, {"metadata", "finalizers"});
  if (!fins) return;
  for (size_t i = 0; i < fins->size(); ++i) {
    const auto& f = (*fins)[i];
    std::string_view name = f.is_string() ? std::string_view(f.get_string()) : std::string_view();
    for (const auto& m : check_qualified_name(name))
      errs.push_back(invalid(index_path("metadata.finalizers", i), name, m));
  }
}

// ValidateImmutableField, for metadata fields the server may fill in when a writer leaves them out.
void immutable_if_set(const json::value& obj, const json::value& old, std::string_view key, field_errors& errs) {
  auto now = jv::string_at(obj, {"metadata", key});
  auto before = jv::string_at(old, {"metadata", key});
  if (!now.empty() && now != before) errs.push_back(field_immutable("metadata." + std::string(key), now));
}

}  // namespace

void validate_labels(const json::value* labels, std::string_view path, field_errors& errs) {
  if (!labels || labels->is_null()) return;
  const auto* o = labels->if_object();
  if (!o) {
    errs.push_back(invalid_raw(std::string(path), json::serialize(*labels), "must be a map of strings"));
    return;
  }
  for (const auto& [k, v] : *o) {
    if (auto m = check_qualified_name(k); !m.empty()) errs.push_back(invalid(std::string(path), k, join(m)));
    if (!v.is_string()) {
      errs.push_back(invalid_raw(std::string(path), json::serialize(v), "label values must be strings"));
      continue;
    }
    for (const auto& m : check_label_value(v.get_string())) errs.push_back(invalid(std::string(path), v.get_string(), m));
  }
}

void validate_annotations(const json::value* annotations, std::string_view path, field_errors& errs) {
  if (!annotations || annotations->is_null()) return;
  const auto* o = annotations->if_object();
  if (!o) {
    errs.push_back(invalid_raw(std::string(path), json::serialize(*annotations), "must be a map of strings"));
    return;
  }
  int64_t total = 0;
  for (const auto& [k, v] : *o) {
    std::string lower(k);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& m : check_qualified_name(lower)) errs.push_back(invalid(std::string(path), k, m));
    total += static_cast<int64_t>(k.size()) + (v.is_string() ? static_cast<int64_t>(v.get_string().size()) : 0);
  }
  if (total > total_annotation_size_limit) errs.push_back(too_long(std::string(path), total_annotation_size_limit));
}

void validate_object_meta(const json::value& obj, scope sc, name_check name_fn, field_errors& errs) {
  const auto* meta = jv::object_at(obj, {"metadata"});
  if (!meta) {
    errs.push_back(required("metadata.name", "name or generateName is required"));
    return;
  }
  auto generate_name = jv::string_at(obj, {"metadata", "generateName"});
  if (!generate_name.empty())
    for (const auto& m : name_fn(generate_name, true)) errs.push_back(invalid("metadata.generateName", generate_name, m));
  auto name = jv::string_at(obj, {"metadata", "name"});
  if (name.empty()) {
    errs.push_back(required("metadata.name", "name or generateName is required"));
  } else {
    for (const auto& m : name_fn(name, false)) errs.push_back(invalid("metadata.name", name, m));
  }
  auto ns = jv::string_at(obj, {"metadata", "namespace"});
  if (sc == scope::namespaced && ns.empty()) {
    errs.push_back(required("metadata.namespace"));
  } else if (sc == scope::cluster && !ns.empty()) {
    errs.push_back(forbidden("metadata.namespace", "not allowed on this type"));
  } else if (!ns.empty()) {
    for (const auto& m : check_dns1123_label(ns)) errs.push_back(invalid("metadata.namespace", ns, m));
  }
  if (auto gen = jv::int_at(obj, {"metadata", "generation"}); gen && *gen < 0)
    errs.push_back(invalid("metadata.generation", *gen, "must be greater than or equal to 0"));
  validate_labels(meta->if_contains("labels"), "metadata.labels", errs);
  validate_annotations(meta->if_contains("annotations"), "metadata.annotations", errs);
  validate_owner_references(obj, errs);
  validate_finalizers(obj, errs);
}

void validate_object_meta_update(const json::value& obj, const json::value& old, field_errors& errs) {
  auto name = jv::string_at(obj, {"metadata", "name"});
  if (name != jv::string_at(old, {"metadata", "name"})) errs.push_back(field_immutable("metadata.name", name));
  auto ns = jv::string_at(obj, {"metadata", "namespace"});
  if (ns != jv::string_at(old, {"metadata", "namespace"})) errs.push_back(field_immutable("metadata.namespace", ns));
  // A writer may leave uid and creationTimestamp out (kubectl replace does): the server keeps the old ones.
  immutable_if_set(obj, old, "uid", errs);
  immutable_if_set(obj, old, "creationTimestamp", errs);
}

}  // namespace navarch::api
