// Where a request goes: from an HTTP method and path to an API call, and from an API call to the resource
// type and store keys it touches.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "messages/api.hpp"

namespace navarch::api {

struct kind_strategy;
class kind_set;

// Parses /api/v1/... and /apis/<group>/<version>/... into an api_request (verb from the method and `watch`).
// Returns an error reply for paths that are not resource paths.
std::variant<msg::api_request, msg::api_response> parse_resource_path(
    std::string_view method, std::string_view path, const std::vector<std::pair<std::string, std::string>>& query);

struct route {
  const kind_strategy* resource = nullptr;
  std::string ns;
  std::string name;
  std::string subresource;
  std::string verb;
  // Who a write records as its field manager: the fieldManager parameter, else the user agent up to its first
  // '/' (Kubernetes' rule), else the user. `force` takes fields from other managers in a server-side apply.
  std::string field_manager;
  bool force = false;
};

// Checks the resource, scope, verb and subresource of a request against the registry's kinds (or `kinds`).
std::variant<route, msg::api_response> resolve(const msg::api_request& req);
std::variant<route, msg::api_response> resolve(const msg::api_request& req, const kind_set& kinds);

// Store keys follow Kubernetes: /registry/<resource>/<namespace>/<name>, cluster-scoped without namespace.
std::string object_key(const kind_strategy& r, std::string_view ns, std::string_view name);
// Prefix of every object of a resource, or of one namespace's objects when ns is not empty.
std::string collection_prefix(const kind_strategy& r, std::string_view ns);
// The smallest key greater than every key with this prefix (etcd's range_end for a prefix).
std::string prefix_end(std::string_view prefix);

}  // namespace navarch::api
