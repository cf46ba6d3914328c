// The built-in resource types Navarch serves: names, scope, short names, categories and subresources.
// Discovery, routing, storage keys and printing all read this one table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace navarch::api {

struct resource_info {
  std::string group;     // "" for the core group
  std::string version;   // "v1"
  std::string kind;      // "Pod"
  std::string plural;    // "pods"
  std::string singular;  // "pod"
  bool namespaced = true;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool has_status = false;  // status subresource
  bool has_scale = false;   // scale subresource (autoscaling/v1 Scale)
  bool has_binding = false; // binding subresource (pods: how the scheduler assigns a node)
  std::vector<std::string> verbs{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  // Answered, not stored (the reviews): the kind's strategy answers each create.
  bool answered = false;

  bool serves(std::string_view verb) const;

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  std::string list_kind() const { return kind + "List"; }
  // "pods" or "deployments.apps": how Kubernetes names a resource in error messages.
  std::string qualified_name() const { return group.empty() ? plural : plural + "." + group; }
};

const std::vector<resource_info>& builtin_resources();
const resource_info* find_resource(std::string_view group, std::string_view version, std::string_view plural);
const resource_info* find_resource_by_kind(std::string_view group, std::string_view kind);

// The API groups served, each with its versions (discovery order).
struct api_group {
  std::string name;
  std::vector<std::string> versions;
};
std::vector<api_group> served_groups();  // excludes the core group

}  // namespace navarch::api
