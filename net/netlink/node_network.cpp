#include "net/netlink/node_network.hpp"

#include <utility>

#include "net/netlink/netns.hpp"
#include "net/netlink/pod_net_names.hpp"
#include "net/netlink/pod_network.hpp"

namespace navarch::netlink {

node_network::node_network(node_network_config config)
    : config_(std::move(config)), ips_(load_pod_ips(config_.state_file, config_.pod_cidr)) {
  ensure_bridge(config_.node_netns, config_.bridge, ips_.gateway_cidr());
  if (config_.enable_forwarding) set_ip_forwarding(config_.node_netns, true);
}

pod_network_info node_network::add_pod(const std::string& pod_uid) {
  const auto names = pod_net_names_for(pod_uid);
  const bool had_address = ips_.address_of(pod_uid).has_value();
  const auto ip = ips_.allocate(pod_uid);
  pod_network_info info{netns_path(names.netns), ip};
  if (had_address && netns_exists(names.netns) && pod_address(names.netns) == ip) return info;
  try {
    save();
    create_netns(names.netns);
    attach_pod({.node_netns = config_.node_netns, .bridge = config_.bridge, .pod_netns = names.netns,
                .host_veth = names.host_veth, .pod_ip = ip, .gateway = ips_.gateway()});
  } catch (...) {
    try {
      remove_pod(pod_uid);
    } catch (...) {
      // The first error is the one to report.
    }
    throw;
  }
  return info;
}

void node_network::remove_pod(const std::string& pod_uid) {
  const auto names = pod_net_names_for(pod_uid);
  detach_pod(config_.node_netns, names.host_veth);
  delete_netns(names.netns);
  if (ips_.release(pod_uid)) save();
}

void node_network::save() const { save_pod_ips(config_.state_file, ips_); }

}  // namespace navarch::netlink
