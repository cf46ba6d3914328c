// The API objects a kubelet keeps for its node: the Node (registration and status heartbeats) and its Lease.
#pragma once

#include <chrono>
#include <string>

#include <boost/json/object.hpp>

#include "actors/kubelet/core/machine_info.hpp"

namespace navarch::kubelet {

struct node_identity {
  std::string name;
  std::string internal_ip = "127.0.0.1";
  std::string pod_cidr;     // e.g. "10.244.0.0/24"; empty when pods use the host network
  int64_t max_pods = 110;
  std::string kubelet_version = "v1.31.0";
  std::string runtime_version = "navarch://0.1.0";
  // False when the node has no container runtime (not root): a NoSchedule taint keeps pods away, so they wait
  // in Pending with the reason instead of being bound to a node that cannot start them.
  bool runs_pods = true;
  // True when pods run without root (user namespaces): the Node carries the rootless annotation saying what that
  // means for them.
  bool rootless = false;
};

inline constexpr const char* no_runtime_taint = "node.navarch.io/no-container-runtime";
inline constexpr const char* rootless_annotation = "node.navarch.io/rootless";

// The Node to register: labels, addresses, capacity and allocatable, node info, and Ready conditions.
boost::json::object node_object(const node_identity& id, const machine_info& m, std::chrono::system_clock::time_point now);

// A status heartbeat: the Node's status as it is now (conditions with fresh heartbeat times), for a merge patch
// of the status subresource.
boost::json::object node_status_patch(const node_identity& id, const machine_info& m,
                                      std::chrono::system_clock::time_point now,
                                      std::chrono::system_clock::time_point ready_since);

// The node's Lease in kube-node-lease, renewed every few seconds (what the node lifecycle controller watches).
boost::json::object node_lease(const std::string& node, int lease_seconds, std::chrono::system_clock::time_point now);


}  // namespace navarch::kubelet
