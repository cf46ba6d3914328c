#include "runtime/bootstrap/node_runtime.hpp"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

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

size_t clean_node(const fs::path& data_dir, const std::string& container_runtime, const std::string& pod_cidr) {
  size_t removed = 0;
  if (fs::exists(data_dir / "containers")) {
    auto rt = make_runtime(data_dir, container_runtime);
    auto all = rt->list();
    for (const auto& c : all) rt->remove(c.id);
    removed = all.size();
  }
  if (fs::exists(data_dir / "pod-ips")) {
    auto ips = netlink::load_pod_ips(data_dir / "pod-ips", netlink::ipv4_cidr::parse_network(pod_cidr));
    for (const auto& [uid, ip] : ips.allocations()) {
      auto names = netlink::pod_net_names_for(uid);
      netlink::detach_pod("", names.host_veth);
      netlink::delete_netns(names.netns);
    }
    fs::remove(data_dir / "pod-ips");
  }
  return removed;
}

}  // namespace navarch::bootstrap
