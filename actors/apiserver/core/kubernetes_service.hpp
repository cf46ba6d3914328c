// The `kubernetes` Service in `default`: how pods find the apiserver. Its ClusterIP is the first address of the
// service range and its port 443; its Endpoints and EndpointSlice point at the apiserver's address and port, and
// are brought up to date on every start (the port may change), as kube-apiserver's endpoint reconciler does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace navarch::api {

inline constexpr std::string_view kubernetes_service_ip = "10.96.0.1";

struct published_object {
  std::string group, version, resource;  // where it lives: "", "v1", "services"
  boost::json::object desired;           // the whole object to create when absent
  std::vector<std::string> owned;        // its top-level fields kept equal to `desired` when present
};

std::vector<published_object> kubernetes_service_objects(const std::string& ip, uint16_t port);

// The merge patch that brings `current` to `desired` on the owned fields; empty when nothing differs.
std::string catch_up_patch(const published_object& object, const boost::json::object& current);

}  // namespace navarch::api
