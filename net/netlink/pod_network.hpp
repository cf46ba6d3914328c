// Pod networking on one node with libnl: a bridge in the node's network namespace and, per pod, a veth pair
// from that bridge into the pod's namespace. Every call blocks on a short-lived thread of its own (netns.hpp),
// which opens its own netlink sockets in the namespaces it works in; call it from a dedicated thread, not from a
// pooled actor. Errors throw netns_error naming the operation, the object and libnl's reason.
#pragma once

#include <optional>
#include <string>

#include "net/netlink/ipv4.hpp"
#include "net/netlink/netns.hpp"

namespace navarch::netlink {

// Makes `bridge` exist in node_netns as a bridge, with the interface address gateway (the podCIDR's first
// address, e.g. 10.244.0.1/24) and up. Idempotent; a link of that name that is not a bridge is an error. A new
// bridge gets the MAC 0a:58:<gateway's four bytes>, so it does not change as ports come and go.
void ensure_bridge(const std::string& node_netns, const std::string& bridge, const ipv4_cidr& gateway);

struct pod_attachment {
  std::string node_netns;  // "" = the caller's
  std::string bridge;      // made by ensure_bridge
  std::string pod_netns;   // made by create_netns
  std::string host_veth;   // node end of the veth pair (pod_net_names::host_veth); at most 15 characters
  ipv4_cidr pod_ip;        // the pod's address with the podCIDR's prefix, e.g. 10.244.0.7/24
  ipv4_address gateway;    // the bridge's address; must lie inside pod_ip's network
};

// Connects the pod: a veth pair whose node end host_veth is enslaved to the bridge and up, and whose other end is
// eth0 in the pod namespace (MAC 0a:58:<pod IP>) with pod_ip, up, with lo up and a default route via gateway.
// Re-attaching replaces an existing host_veth (and so its eth0). On failure nothing is left behind.
void attach_pod(const pod_attachment& pod);

// Deletes host_veth from node_netns, and with it the pod's eth0. Idempotent.
void detach_pod(const std::string& node_netns, const std::string& host_veth);

// Deletes the bridge from node_netns (what `navarch cleanup` does once no pod is attached). Idempotent.
void remove_bridge(const std::string& node_netns, const std::string& bridge);

// The IPv4 address of eth0 in pod_netns, or nullopt when it has none (re-adopting a running pod).
std::optional<ipv4_cidr> pod_address(const std::string& pod_netns);

}  // namespace navarch::netlink
