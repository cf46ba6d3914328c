// The API's fixed, non-resource endpoints: /version, health checks, OpenAPI and discovery.
#pragma once

#include <optional>
#include <string_view>

#include "messages/api.hpp"

namespace navarch::api {

// The Kubernetes version we answer as. kubectl's dispatcher runs the kubectl of this minor version
// (research/kubectl-wire.md §1); 1.32+ send protobuf bodies for generator commands, which api/protobuf decodes.
inline constexpr std::string_view kube_minor_version = "33";
inline constexpr std::string_view kube_git_version = "v1.33.0";

// Paths any client may read without credentials, as Kubernetes' system:public-info-viewer role allows.
bool is_public_path(std::string_view path);

// The reply for a fixed endpoint, or nullopt when the path is a resource path (or unknown).
std::optional<msg::api_response> fixed_endpoint(std::string_view method, std::string_view path,
                                                 std::string_view accept, std::string_view server_address);

}  // namespace navarch::api
