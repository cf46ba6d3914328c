#include "actors/apiserver/core/discovery.hpp"

#include <boost/json.hpp>

#include "api/registry/registry.hpp"

namespace navarch::api {

namespace json = boost::json;

namespace {

const json::array& subresource_verbs() {
  static const json::array verbs{"get", "patch", "update"};
  return verbs;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object kind_ref(std::string_view group, std::string_view version, std::string_view kind) {
  return {{"group", group}, {"version", version}, {"kind", kind}};
}

// --- aggregated discovery ---------------------------------------------------------------------------------

json::object aggregated_resource(const kind_strategy& r) {
  json::object o{{"resource", r.plural},
                 {"responseKind", kind_ref(r.group, r.version, r.kind)},
                 {"scope", r.namespaced ? "Namespaced" : "Cluster"},
                 {"singularResource", r.singular},
                 {"verbs", strings(r.verbs)}};
  if (!r.short_names.empty()) o["shortNames"] = strings(r.short_names);
  if (!r.categories.empty()) o["categories"] = strings(r.categories);
  json::array subs;
  if (r.has_status)
    subs.push_back(json::object{{"subresource", "status"},
                                {"responseKind", kind_ref(r.group, r.version, r.kind)},
                                {"verbs", subresource_verbs()}});
  for (const auto& sub : r.subresources)
    subs.push_back(json::object{{"subresource", sub.name},
                                {"responseKind", kind_ref(sub.group, sub.version, sub.kind)},
                                {"verbs", strings(sub.verbs)}});
  if (r.has_scale)
    subs.push_back(json::object{{"subresource", "scale"},
                                {"responseKind", kind_ref("autoscaling", "v1", "Scale")},
                                {"verbs", subresource_verbs()}});
  if (!subs.empty()) o["subresources"] = std::move(subs);
  return o;
}

// One group's document; its versions in preference order, each with its kinds.
json::object aggregated_group(const kind_set& kinds, const api_group& group) {
  json::array versions;
  for (const auto& version : group.versions) {
    json::array resources;
    for (const auto& r : kinds.all())
      if (r->group == group.name && r->version == version) resources.push_back(aggregated_resource(*r));
    versions.push_back(json::object{{"version", version}, {"freshness", "Current"}, {"resources", resources}});
  }
  json::object meta;
  meta["name"] = group.name;
  return {{"metadata", meta}, {"versions", versions}};
}

discovery_document aggregated(const kind_set& kinds, std::string_view path, std::string_view version) {
  json::array items;
  if (path == "/api") {
    items.push_back(aggregated_group(kinds, api_group{"", {"v1"}}));
  } else {
    for (const auto& g : kinds.groups()) items.push_back(aggregated_group(kinds, g));
  }
  json::object doc{{"kind", "APIGroupDiscoveryList"},
                   {"apiVersion", std::string("apidiscovery.k8s.io/") + std::string(version)},
                   {"metadata", json::object{}},
                   {"items", items}};
  return {"application/json;g=apidiscovery.k8s.io;v=" + std::string(version) + ";as=APIGroupDiscoveryList",
          json::serialize(doc)};
}

// --- legacy discovery -------------------------------------------------------------------------------------

json::object legacy_group(const api_group& g) {
  json::array versions;
  for (const auto& v : g.versions) versions.push_back(json::object{{"groupVersion", g.name + "/" + v}, {"version", v}});
  return {{"name", g.name},
          {"versions", versions},
          {"preferredVersion", json::object{{"groupVersion", g.name + "/" + g.versions.front()},
                                            {"version", g.versions.front()}}}};
}

json::object subresource_entry(const kind_strategy& r, std::string_view name, std::string_view group,
                               std::string_view version, std::string_view kind, json::array verbs) {
  json::object o{{"name", r.plural + "/" + std::string(name)}, {"singularName", ""}, {"namespaced", r.namespaced}};
  if (group != r.group || version != r.version) {
    o["group"] = group;
    o["version"] = version;
  }
  o["kind"] = kind;
  o["verbs"] = std::move(verbs);
  return o;
}

std::optional<json::object> resource_list(const kind_set& kinds, std::string_view group, std::string_view version) {
  json::array resources;
  for (const auto& k : kinds.all()) {
    const kind_strategy& r = *k;
    if (r.group != group || r.version != version) continue;
    json::object o{{"name", r.plural}, {"singularName", r.singular}, {"namespaced", r.namespaced},
                   {"kind", r.kind},   {"verbs", strings(r.verbs)}};
    if (!r.short_names.empty()) o["shortNames"] = strings(r.short_names);
    if (!r.categories.empty()) o["categories"] = strings(r.categories);
    resources.push_back(std::move(o));
    if (r.has_status)
      resources.push_back(subresource_entry(r, "status", r.group, r.version, r.kind, subresource_verbs()));
    for (const auto& sub : r.subresources)
      resources.push_back(subresource_entry(r, sub.name, sub.group, sub.version, sub.kind, strings(sub.verbs)));
    if (r.has_scale)
      resources.push_back(subresource_entry(r, "scale", "autoscaling", "v1", "Scale", subresource_verbs()));
  }
  if (resources.empty()) return std::nullopt;
  std::string gv = group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
  return json::object{{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", gv},
                      {"resources", resources}};
}

// kubectl lists the aggregated types it accepts in preference order; answer the first we serve.
std::optional<std::string_view> aggregated_version(std::string_view accept) {
  for (size_t pos = 0; pos < accept.size();) {
    size_t end = accept.find(',', pos);
    if (end == std::string_view::npos) end = accept.size();
    std::string_view part = accept.substr(pos, end - pos);
    if (part.find("as=APIGroupDiscoveryList") != std::string_view::npos &&
        part.find("g=apidiscovery.k8s.io") != std::string_view::npos) {
      if (part.find("v=v2beta1") != std::string_view::npos) return "v2beta1";
      if (part.find("v=v2") != std::string_view::npos) return "v2";
    }
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<discovery_document> discovery(std::string_view path, std::string_view accept,
                                            std::string_view server_address) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto kinds = kind_registry().snapshot();
  if (path == "/api" || path == "/apis") {
    if (auto v = aggregated_version(accept)) return aggregated(*kinds, path, *v);
    if (path == "/api") {
      json::object doc{{"kind", "APIVersions"},
                       {"versions", json::array{"v1"}},
                       {"serverAddressByClientCIDRs",
                        json::array{json::object{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}}}};
      return discovery_document{"application/json", json::serialize(doc)};
    }
    json::array groups;
    for (const auto& g : kinds->groups()) groups.push_back(legacy_group(g));
    json::object doc{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
    return discovery_document{"application/json", json::serialize(doc)};
  }
  std::optional<json::object> list;
  if (path == "/api/v1") {
    list = resource_list(*kinds, "", "v1");
  } else if (path.starts_with("/apis/")) {
    std::string_view rest = path.substr(6);
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) {
      for (const auto& g : kinds->groups())
        if (g.name == rest) {
          json::object doc = legacy_group(g);
          doc["kind"] = "APIGroup";
          doc["apiVersion"] = "v1";
          return discovery_document{"application/json", json::serialize(doc)};
        }
      return std::nullopt;
    }
    if (rest.find('/', slash + 1) == std::string_view::npos)
      list = resource_list(*kinds, rest.substr(0, slash), rest.substr(slash + 1));
  }
  if (!list) return std::nullopt;
  return discovery_document{"application/json", json::serialize(*list)};
}

}  // namespace navarch::api
