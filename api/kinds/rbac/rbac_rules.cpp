#include "api/kinds/rbac/rbac_rules.hpp"

#include <boost/json.hpp>

#include "api/defaults/defaulting.hpp"
#include "api/table/cells.hpp"
#include "api/object/json_access.hpp"
#include "api/validation/names.hpp"

namespace navarch::api::rbac {

namespace json = boost::json;

namespace {

size_t list_size(const json::value& v, std::string_view key) {
  const auto* a = jv::array_at(v, {key});
  return a ? a->size() : 0;
}

// Go's %#v of a []string.
std::string go_string_slice(const json::array* a) {
  std::string out = "[]string{";
  if (a)
    for (size_t i = 0; i < a->size(); ++i)
      out += (i ? ", " : "") + go_quote((*a)[i].is_string() ? std::string_view((*a)[i].get_string()) : "");
  return out + "}";
}

void validate_rule(const json::value& rule, bool namespaced, const std::string& path, field_errors& errs) {
  if (list_size(rule, "verbs") == 0)
    errs.push_back(required(path + ".verbs", "verbs must contain at least one value"));
  if (list_size(rule, "nonResourceURLs") > 0) {
    std::string urls = go_string_slice(jv::array_at(rule, {"nonResourceURLs"}));
    if (namespaced)
      errs.push_back(invalid_raw(path + ".nonResourceURLs", urls, "namespaced rules cannot apply to non-resource URLs"));
    if (list_size(rule, "apiGroups") > 0 || list_size(rule, "resources") > 0 || list_size(rule, "resourceNames") > 0)
      errs.push_back(invalid_raw(path + ".nonResourceURLs", urls,
                                 "rules cannot apply to both regular resources and non-resource URLs"));
    return;
  }
  if (list_size(rule, "apiGroups") == 0)
    errs.push_back(required(path + ".apiGroups", "resource rules must supply at least one api group"));
  if (list_size(rule, "resources") == 0)
    errs.push_back(required(path + ".resources", "resource rules must supply at least one resource"));
}

void validate_subject(const json::value& s, bool namespaced, const std::string& path, field_errors& errs) {
  auto name = jv::string_at(s, {"name"});
  auto api_group = jv::string_at(s, {"apiGroup"});
  auto kind = jv::string_at(s, {"kind"});
  if (name.empty()) errs.push_back(required(path + ".name"));
  if (kind == "ServiceAccount") {
    if (!name.empty())
      for (const auto& m : check_dns1123_subdomain(name)) errs.push_back(invalid(path + ".name", name, m));
    if (!api_group.empty()) errs.push_back(not_supported(path + ".apiGroup", api_group, {""}));
    if (!namespaced && jv::string_at(s, {"namespace"}).empty()) errs.push_back(required(path + ".namespace"));
  } else if (kind == "User" || kind == "Group") {
    if (api_group != group_name) errs.push_back(not_supported(path + ".apiGroup", api_group, {group_name}));
  } else {
    errs.push_back(not_supported(path + ".kind", kind, {"ServiceAccount", "User", "Group"}));
  }
}

// Go's %#v of an rbac.RoleRef.
std::string role_ref_text(const json::value& obj) {
  return "rbac.RoleRef{APIGroup:" + go_quote(jv::string_at(obj, {"roleRef", "apiGroup"})) +
         ", Kind:" + go_quote(jv::string_at(obj, {"roleRef", "kind"})) +
         ", Name:" + go_quote(jv::string_at(obj, {"roleRef", "name"})) + "}";
}

}  // namespace

void validate_rules(const json::value& obj, bool namespaced, field_errors& errs) {
  if (const auto* rules = jv::array_at(obj, {"rules"}))
    for (size_t i = 0; i < rules->size(); ++i) validate_rule((*rules)[i], namespaced, index_path("rules", i), errs);
}

void validate_binding(const json::value& obj, bool namespaced, field_errors& errs) {
  auto api_group = jv::string_at(obj, {"roleRef", "apiGroup"});
  if (api_group != group_name) errs.push_back(not_supported("roleRef.apiGroup", api_group, {group_name}));
  auto kind = jv::string_at(obj, {"roleRef", "kind"});
  if (namespaced) {
    if (kind != "Role" && kind != "ClusterRole") errs.push_back(not_supported("roleRef.kind", kind, {"Role", "ClusterRole"}));
  } else if (kind != "ClusterRole") {
    errs.push_back(not_supported("roleRef.kind", kind, {"ClusterRole"}));
  }
  auto name = jv::string_at(obj, {"roleRef", "name"});
  if (name.empty()) errs.push_back(required("roleRef.name"));
  else
    for (const auto& m : name_is_path_segment(name, false)) errs.push_back(invalid("roleRef.name", name, m));
  if (const auto* subjects = jv::array_at(obj, {"subjects"}))
    for (size_t i = 0; i < subjects->size(); ++i)
      validate_subject((*subjects)[i], namespaced, index_path("subjects", i), errs);
}

void validate_binding_update(const json::value& obj, const json::value& old, field_errors& errs) {
  for (auto key : {"apiGroup", "kind", "name"})
    if (jv::string_at(obj, {"roleRef", key}) != jv::string_at(old, {"roleRef", key})) {
      errs.push_back(invalid_raw("roleRef", role_ref_text(obj), "cannot change roleRef"));
      return;
    }
}

void default_binding(json::object& obj) {
  if (jv::string_at(obj, {"roleRef", "apiGroup"}).empty()) child(obj, "roleRef")["apiGroup"] = group_name;
  for_each_object(obj, "subjects", [](json::object& s) {
    auto it = s.find("apiGroup");
    if (it != s.end() && it->value().is_string() && !it->value().get_string().empty()) return;
    auto kind = jv::string_at(s, {"kind"});
    if (kind == "ServiceAccount") s["apiGroup"] = "";
    else if (kind == "User" || kind == "Group") s["apiGroup"] = group_name;
  });
}

void binding_cells(const json::value& obj, std::chrono::system_clock::time_point now, json::array& out) {
  std::vector<std::string> users, groups, service_accounts;
  if (const auto* subjects = jv::array_at(obj, {"subjects"}))
    for (const auto& s : *subjects) {
      auto kind = jv::string_at(s, {"kind"});
      std::string name(jv::string_at(s, {"name"}));
      if (kind == "ServiceAccount") service_accounts.push_back(std::string(jv::string_at(s, {"namespace"})) + "/" + name);
      else if (kind == "User") users.push_back(name);
      else if (kind == "Group") groups.push_back(name);
    }
  out.push_back(json::string(cells::name_of(obj)));
  out.push_back(json::string(std::string(jv::string_at(obj, {"roleRef", "kind"})) + "/" +
                             std::string(jv::string_at(obj, {"roleRef", "name"}))));
  out.push_back(json::string(cells::age_of(obj, now)));
  out.push_back(json::string(cells::join(users, ", ")));
  out.push_back(json::string(cells::join(groups, ", ")));
  out.push_back(json::string(cells::join(service_accounts, ", ")));
}

}  // namespace navarch::api::rbac
