// A node's pod network in one object, for the kubelet: the bridge, the pod IP allocations kept in a state file,
// and per pod a network namespace attached to the bridge. Not thread-safe; every call blocks for about a
// millisecond on threads of its own (netns.hpp). Call it from one dedicated thread.
#pragma once

#include <filesystem>
#include <string>

#include "net/netlink/ipv4.hpp"
#include "net/netlink/pod_ip_allocator.hpp"

namespace navarch::netlink {

struct node_network_config {
  std::string node_netns;              // "" = the caller's (the host's, in production)
  std::string bridge = "navarch0";     // at most 15 characters
  ipv4_cidr pod_cidr;                  // the node's podCIDR, e.g. 10.244.1.0/24
  std::filesystem::path state_file;    // pod IP allocations; survives restarts
  bool enable_forwarding = true;       // set net.ipv4.ip_forward in node_netns (routing to other nodes)
};

struct pod_network_info {
  std::string netns_path;  // /run/netns/navarch-<uid>: the runtime joins it with setns(CLONE_NEWNET)
  ipv4_cidr ip;            // eth0's address; ip.address.str() is the pod's status.podIP
};

class node_network {
 public:
  // Loads the allocations, makes the bridge with the podCIDR's first address and turns on forwarding.
  // Throws (std::invalid_argument, std::runtime_error, netns_error) with a message naming what failed.
  explicit node_network(node_network_config config);

  // Gives the pod a namespace with eth0 on the bridge and an address (the one it had, if any), and saves the
  // allocations. Idempotent: a pod already attached with its address is left untouched, so a restarted kubelet
  // can call it for running pods. On failure nothing of the pod is left and its address is freed.
  pod_network_info add_pod(const std::string& pod_uid);

  // Detaches the pod, deletes its namespace, frees its address and saves. Idempotent.
  void remove_pod(const std::string& pod_uid);

  const pod_ip_allocator& allocations() const { return ips_; }
  const node_network_config& config() const { return config_; }

 private:
  void save() const;

  node_network_config config_;
  pod_ip_allocator ips_;
};

}  // namespace navarch::netlink
