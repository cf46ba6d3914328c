// The container side of a node: the built-in runtime (navarch-shim), the local image store with the busybox
// image, and pod networking, assembled into the kubelet's container_port. Without root, pods run in user
// namespaces on the node's network and without resource limits (rootless), and the node says so.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "actors/kubelet/core/container_port.hpp"

namespace navarch::bootstrap {

struct node_runtime_options {
  std::filesystem::path data_dir;
  std::string pod_cidr = "10.244.0.0/24";
  bool pod_network = true;  // false: pods share the node's network namespace
  std::string container_runtime = "builtin";  // or "runc" (OCI bundles through runc)
};

struct node_runtime {
  std::shared_ptr<kubelet::container_port> port;  // null when pods cannot run here
  std::string note;                               // what the node should tell its user about pods
  bool rootless = false;                          // pods run without root: node network, no limits
};

node_runtime make_node_runtime(const node_runtime_options& opts);

// What `navarch cleanup` does: stops and removes every container the node started, the pods' network
// namespaces and veths, and the node's bridge. Errors are collected, not thrown, so one stuck container does not
// keep the rest.
struct clean_result {
  size_t containers = 0;
  size_t network_namespaces = 0;
  std::vector<std::string> errors;
};
clean_result clean_node(const std::filesystem::path& data_dir, const std::string& container_runtime = "builtin",
                        const std::string& pod_cidr = "10.244.0.0/24");

}  // namespace navarch::bootstrap
