#include "actors/apiserver/core/resources.hpp"

#include <algorithm>

#include "api/kinds/review_kinds.hpp"

namespace navarch::api {

namespace {

resource_info make(std::string group, std::string kind, std::string plural, std::string singular, bool namespaced,
                   std::vector<std::string> short_names, bool in_all, bool has_status, bool has_scale = false) {
  resource_info r;
  r.group = std::move(group);
  r.version = "v1";
  r.kind = std::move(kind);
  r.plural = std::move(plural);
  r.singular = std::move(singular);
  r.namespaced = namespaced;
  r.short_names = std::move(short_names);
  if (in_all) r.categories = {"all"};
  r.has_status = has_status;
  r.has_scale = has_scale;
  return r;
}

std::vector<resource_info> build_table() {
  std::vector<resource_info> table{
      make("", "Namespace", "namespaces", "namespace", false, {"ns"}, false, true),
      make("", "Node", "nodes", "node", false, {"no"}, false, true),
      make("", "Pod", "pods", "pod", true, {"po"}, true, true),
      make("", "Service", "services", "service", true, {"svc"}, true, true),
      make("", "Endpoints", "endpoints", "endpoints", true, {"ep"}, false, false),
      make("", "ConfigMap", "configmaps", "configmap", true, {"cm"}, false, false),
      make("", "Secret", "secrets", "secret", true, {}, false, false),
      make("", "Event", "events", "event", true, {"ev"}, false, false),
      make("", "ServiceAccount", "serviceaccounts", "serviceaccount", true, {"sa"}, false, false),
      make("apps", "Deployment", "deployments", "deployment", true, {"deploy"}, true, true, true),
      make("apps", "ReplicaSet", "replicasets", "replicaset", true, {"rs"}, true, true, true),
      make("apps", "DaemonSet", "daemonsets", "daemonset", true, {"ds"}, true, true),
      make("batch", "Job", "jobs", "job", true, {}, true, true),
      make("coordination.k8s.io", "Lease", "leases", "lease", true, {}, false, false),
  };
  for (auto& r : table) r.has_binding = r.kind == "Pod";
  for (const auto& k : review_kinds()) {
    resource_info r = make(k.group, k.kind, k.plural, k.singular, k.namespaced, k.short_names, false, false);
    r.verbs = k.verbs;
    r.answered = true;
    table.push_back(std::move(r));
  }
  return table;
}

}  // namespace

bool resource_info::serves(std::string_view verb) const {
  return std::find(verbs.begin(), verbs.end(), verb) != verbs.end();
}

const std::vector<resource_info>& builtin_resources() {
  static const std::vector<resource_info> table = build_table();
  return table;
}

const resource_info* find_resource(std::string_view group, std::string_view version, std::string_view plural) {
  for (const auto& r : builtin_resources())
    if (r.group == group && r.version == version && r.plural == plural) return &r;
  return nullptr;
}

const resource_info* find_resource_by_kind(std::string_view group, std::string_view kind) {
  for (const auto& r : builtin_resources())
    if (r.group == group && r.kind == kind) return &r;
  return nullptr;
}

std::vector<api_group> served_groups() {
  std::vector<api_group> groups;
  for (const auto& r : builtin_resources()) {
    if (r.group.empty()) continue;
    bool seen = false;
    for (const auto& g : groups) seen = seen || g.name == r.group;
    if (!seen) groups.push_back({r.group, {r.version}});
  }
  return groups;
}

}  // namespace navarch::api
