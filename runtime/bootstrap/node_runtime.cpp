#include "runtime/bootstrap/node_runtime.hpp"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <tuple>

#include "actors/kubelet/runtime_port/pod_runtime_port.hpp"
#include "net/netlink/ipv4.hpp"
#include "net/netlink/netns.hpp"
#include "net/netlink/node_network.hpp"
#include "net/netlink/pod_ip_allocator.hpp"
#include "net/netlink/pod_net_names.hpp"
#include "net/netlink/pod_network.hpp"
#include "runtime/container/builtin_runtime.hpp"
#include "runtime/oci/runc_runtime.hpp"
#include "runtime/images/busybox_image.hpp"
#include "runtime/images/image_store.hpp"

namespace fs = std::filesystem;

namespace navarch::bootstrap {

namespace {

// Whether this (unprivileged) user may make a user namespace: tried in a child, which exits at once.
bool user_namespaces_usable() {
  const pid_t child = ::fork();
  if (child < 0) return false;
  if (child == 0) ::_exit(::unshare(CLONE_NEWUSER) == 0 ? 0 : 1);
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::shared_ptr<runtime::container_runtime> make_runtime(const fs::path& data_dir, const std::string& kind) {
  runtime::runtime_options ro;
  ro.state_root = data_dir / "containers";
  ro.shim_path = runtime::shim_next_to_executable();
  if (kind == "runc") {
    runtime::runc_options rc;
    rc.runc_root = (data_dir / "runc").string();
    return std::make_shared<runtime::runc_runtime>(ro, rc);
  }
  if (kind != "builtin") throw std::invalid_argument("unknown container runtime '" + kind + "' (builtin or runc)");
  return std::make_shared<runtime::builtin_runtime>(ro);
}

}  // namespace

node_runtime make_node_runtime(const node_runtime_options& opts) {
  const bool rootless = geteuid() != 0;
  if (rootless && opts.container_runtime != "builtin")
    return {nullptr, "not running as root: the " + opts.container_runtime +
                         " runtime needs root, so the node registers but cannot run pods (the builtin runtime can)"};
  if (rootless && !user_namespaces_usable())
    return {nullptr, "not running as root and unprivileged user namespaces are disabled: the node registers but "
                     "cannot run pods"};
  if (!fs::exists(runtime::shim_next_to_executable())) return {nullptr, "navarch-shim not found beside navarch: pods cannot run"};
  auto images = std::make_shared<images::image_store>(opts.data_dir / "images");
  images::ensure_busybox_image(*images);
  kubelet::pod_runtime_port::network_factory network;
  std::string note = "pods run in containers (" + opts.container_runtime + " runtime)";
  if (rootless) {
    note = "not running as root: pods run in user namespaces on the node's network, without resource limits";
  } else if (opts.pod_network) {
    netlink::node_network_config nc;
    nc.pod_cidr = netlink::ipv4_cidr::parse_network(opts.pod_cidr);
    nc.state_file = opts.data_dir / "pod-ips";
    network = [nc] { return std::make_shared<netlink::node_network>(nc); };
    note += ", each with its own IP from " + opts.pod_cidr + " on bridge navarch0";
  } else {
    note += " on the node's network";
  }
  auto port = std::make_shared<kubelet::pod_runtime_port>(make_runtime(opts.data_dir, opts.container_runtime), images, network,
                                                          opts.data_dir / "pod-logs");
  return {port, note, rootless};
}

namespace {

// Removes every container under the data dir; returns how many went and the uids of their pods. Listed again
// until none is left, so a container whose shim was still starting it when the node stopped goes too.
std::pair<size_t, std::set<std::string>> remove_containers(runtime::container_runtime& rt, std::vector<std::string>& errors) {
  size_t removed = 0;
  std::set<std::string> pod_uids, failed;
  for (int round = 0; round < 5; ++round) {
    bool any = false;
    for (const auto& c : rt.list()) {
      if (failed.contains(c.id)) continue;
      any = true;
      if (!c.pod_uid.empty()) pod_uids.insert(c.pod_uid);
      try {
        rt.remove(c.id);
        ++removed;
      } catch (const std::exception& e) {
        failed.insert(c.id);
        errors.push_back(e.what());
      }
    }
    if (!any) break;
  }
  return {removed, pod_uids};
}

}  // namespace

clean_result clean_node(const fs::path& data_dir, const std::string& container_runtime, const std::string& pod_cidr) {
  clean_result result;
  std::set<std::string> pod_uids;
  if (fs::exists(data_dir / "containers")) {
    auto rt = make_runtime(data_dir, container_runtime);
    std::tie(result.containers, pod_uids) = remove_containers(*rt, result.errors);
  }
  const fs::path ips_file = data_dir / "pod-ips";
  if (fs::exists(ips_file)) {
    netlink::node_network_config defaults;
    auto ips = netlink::load_pod_ips(ips_file, netlink::ipv4_cidr::parse_network(pod_cidr));
    for (const auto& [uid, ip] : ips.allocations()) pod_uids.insert(uid);
    for (const auto& uid : pod_uids) {
      auto names = netlink::pod_net_names_for(uid);
      try {
        netlink::detach_pod("", names.host_veth);
        if (netlink::netns_exists(names.netns)) {
          netlink::delete_netns(names.netns);
          ++result.network_namespaces;
        }
      } catch (const std::exception& e) {
        result.errors.push_back(e.what());
      }
    }
    try {
      netlink::remove_bridge("", defaults.bridge);
    } catch (const std::exception& e) {
      result.errors.push_back(e.what());
    }
    if (result.errors.empty()) fs::remove(ips_file);
  }
  return result;
}

}  // namespace navarch::bootstrap
