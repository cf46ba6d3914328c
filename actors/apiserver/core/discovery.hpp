// Discovery documents: legacy (APIVersions, APIGroupList, APIResourceList) and aggregated
// (apidiscovery.k8s.io v2 and v2beta1, chosen by the Accept header as kubectl negotiates it).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace navarch::api {

struct discovery_document {
  std::string content_type;
  std::string body;
};

// Serves /api, /apis, /api/v1 and /apis/<group>/<version>; nullopt for any other path.
// `server_address` is host:port as the client reached us (for serverAddressByClientCIDRs).
std::optional<discovery_document> discovery(std::string_view path, std::string_view accept,
                                            std::string_view server_address);

}  // namespace navarch::api
