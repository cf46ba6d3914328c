// The node's real container_port: pod containers become runtime container_specs — image layers from the local
// image store as the root filesystem, the image config merged with the container's command, args, env and
// workingDir, resource limits, the pod's network namespace, a log file per run.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>

#include "actors/kubelet/core/container_port.hpp"

namespace navarch::runtime {
class container_runtime;
}
namespace navarch::images {
class image_store;
}
namespace navarch::netlink {
class node_network;
}

namespace navarch::kubelet {

class pod_runtime_port final : public container_port {
 public:
  // Makes the node's pod network on first use (so a node that never runs a pod changes no host interface);
  // empty: pods share the node's network (no root, or no pod CIDR).
  using network_factory = std::function<std::shared_ptr<netlink::node_network>()>;
  pod_runtime_port(std::shared_ptr<runtime::container_runtime> runtime, std::shared_ptr<images::image_store> images,
                   network_factory network, std::filesystem::path log_root);

  start_result start(const boost::json::object& pod, const boost::json::object& container, int attempt,
                     const pod_inputs& inputs) override;
  std::optional<container_exit> poll(const std::string& container_id) override;
  void signal(const std::string& container_id, int signal) override;
  exec_outcome exec(const std::string& container_id, const std::vector<std::string>& argv,
                    std::chrono::milliseconds timeout) override;
  exec_pipes exec_stream(const std::string& container_id, const std::vector<std::string>& argv,
                         bool with_stdin) override;
  void remove(const std::string& container_id) override;
  std::vector<running_container> running_containers(const std::string& pod_uid) override;
  std::string log_path(const boost::json::object& pod, const std::string& container, bool previous) override;
  void pod_finished(const std::string& pod_uid) override;

 private:
  std::filesystem::path log_dir(const boost::json::object& pod, const std::string& container) const;
  std::filesystem::path volume_dir(const std::string& pod_uid, const std::string& volume) const;

  std::shared_ptr<runtime::container_runtime> runtime_;
  std::shared_ptr<images::image_store> images_;
  netlink::node_network* network();  // null when pods share the node's network
  network_factory make_network_;
  std::shared_ptr<netlink::node_network> network_;
  std::filesystem::path log_root_;
};

}  // namespace navarch::kubelet
