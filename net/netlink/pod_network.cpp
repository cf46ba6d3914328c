#include "net/netlink/pod_network.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>

#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/route.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "net/netlink/pod_net_names.hpp"
#include "net/netlink/unique_fd.hpp"

namespace navarch::netlink {
namespace {

template <class T, void (*Free)(T*)>
struct freer {
  void operator()(T* p) const { Free(p); }
};
using sock_ptr = std::unique_ptr<nl_sock, freer<nl_sock, nl_socket_free>>;
using link_ptr = std::unique_ptr<rtnl_link, freer<rtnl_link, rtnl_link_put>>;
using nladdr_ptr = std::unique_ptr<nl_addr, freer<nl_addr, nl_addr_put>>;
using addr_ptr = std::unique_ptr<rtnl_addr, freer<rtnl_addr, rtnl_addr_put>>;
using route_ptr = std::unique_ptr<rtnl_route, freer<rtnl_route, rtnl_route_put>>;
using cache_ptr = std::unique_ptr<nl_cache, freer<nl_cache, nl_cache_free>>;

void check(int err, const std::string& doing) {
  if (err < 0) throw netns_error(doing + ": " + nl_geterror(err));
}

std::string in_ns(const std::string& netns) { return netns.empty() ? "the caller's netns" : "netns " + netns; }

// A route netlink socket in the calling thread's current namespace; it stays there.
sock_ptr open_socket(const std::string& doing) {
  sock_ptr sk(nl_socket_alloc());
  if (!sk) throw netns_error(doing + ": out of memory for a netlink socket");
  check(nl_connect(sk.get(), NETLINK_ROUTE), doing + ": opening a netlink socket");
  return sk;
}

// The link called name, or null when there is none.
link_ptr find_link(nl_sock* sk, const std::string& name, const std::string& doing) {
  rtnl_link* raw = nullptr;
  const int err = rtnl_link_get_kernel(sk, 0, name.c_str(), &raw);
  if (err == -NLE_NODEV || err == -NLE_OBJ_NOTFOUND) return nullptr;
  check(err, doing + ": looking up link " + name);
  return link_ptr(raw);
}

link_ptr need_link(nl_sock* sk, const std::string& name, const std::string& where, const std::string& doing) {
  auto link = find_link(sk, name, doing);
  if (!link) throw netns_error(doing + ": link " + name + " does not exist in " + where);
  return link;
}

nladdr_ptr to_nl(ipv4_address a, int prefix_length) {
  const unsigned char bytes[4] = {static_cast<unsigned char>(a.bits >> 24), static_cast<unsigned char>(a.bits >> 16),
                                  static_cast<unsigned char>(a.bits >> 8), static_cast<unsigned char>(a.bits)};
  nladdr_ptr out(nl_addr_build(AF_INET, bytes, sizeof bytes));
  if (!out) throw std::bad_alloc();
  nl_addr_set_prefixlen(out.get(), prefix_length);
  return out;
}

// A locally administered MAC from an IPv4 address (the 0a:58 prefix, as OVN-Kubernetes uses): stable for an
// address, so neighbours' ARP caches stay right when an address is handed out again.
nladdr_ptr mac_for(ipv4_address a) {
  const unsigned char bytes[6] = {0x0a, 0x58, static_cast<unsigned char>(a.bits >> 24),
                                  static_cast<unsigned char>(a.bits >> 16), static_cast<unsigned char>(a.bits >> 8),
                                  static_cast<unsigned char>(a.bits)};
  nladdr_ptr out(nl_addr_build(AF_LLC, bytes, sizeof bytes));
  if (!out) throw std::bad_alloc();
  return out;
}

void set_up(nl_sock* sk, rtnl_link* link, const std::string& doing) {
  if (rtnl_link_get_flags(link) & IFF_UP) return;
  link_ptr change(rtnl_link_alloc());
  rtnl_link_set_flags(change.get(), IFF_UP);
  check(rtnl_link_change(sk, link, change.get(), 0),
        doing + ": bringing up " + rtnl_link_get_name(link));
}

// Adds an interface address; one already there is fine.
void add_address(nl_sock* sk, int ifindex, const ipv4_cidr& address, const std::string& doing) {
  addr_ptr a(rtnl_addr_alloc());
  rtnl_addr_set_ifindex(a.get(), ifindex);
  check(rtnl_addr_set_local(a.get(), to_nl(address.address, address.prefix_length).get()), doing);
  const int err = rtnl_addr_add(sk, a.get(), 0);
  if (err != -NLE_EXIST) check(err, doing + ": adding address " + address.str());
}

void delete_link(nl_sock* sk, const std::string& name, const std::string& doing) {
  const auto link = find_link(sk, name, doing);
  if (!link) return;
  const int err = rtnl_link_delete(sk, link.get());
  if (err != -NLE_NODEV && err != -NLE_OBJ_NOTFOUND) check(err, doing + ": deleting link " + name);
}

void check_interface_name(const std::string& name, const std::string& doing) {
  if (!valid_interface_name(name))
    throw std::invalid_argument(doing + ": \"" + name + "\" is not a valid interface name (1..15 characters)");
}

// The pod's side of attach_pod, run with a socket in the pod's namespace.
void configure_pod_side(nl_sock* sk, const pod_attachment& pod, const std::string& doing) {
  const auto where = "pod " + in_ns(pod.pod_netns);
  const auto eth0 = need_link(sk, "eth0", where, doing);
  add_address(sk, rtnl_link_get_ifindex(eth0.get()), pod.pod_ip, doing + ": eth0");
  set_up(sk, need_link(sk, "lo", where, doing).get(), doing);
  set_up(sk, eth0.get(), doing);

  route_ptr route(rtnl_route_alloc());
  rtnl_route_set_family(route.get(), AF_INET);
  rtnl_route_set_table(route.get(), RT_TABLE_MAIN);
  rtnl_route_set_protocol(route.get(), RTPROT_BOOT);
  rtnl_route_set_scope(route.get(), RT_SCOPE_UNIVERSE);
  check(rtnl_route_set_dst(route.get(), to_nl(ipv4_address{0}, 0).get()), doing);
  rtnl_nexthop* hop = rtnl_route_nh_alloc();
  rtnl_route_nh_set_ifindex(hop, rtnl_link_get_ifindex(eth0.get()));
  rtnl_route_nh_set_gateway(hop, to_nl(pod.gateway, 32).get());
  rtnl_route_add_nexthop(route.get(), hop);  // the route owns hop now
  check(rtnl_route_add(sk, route.get(), NLM_F_REPLACE),
        doing + ": adding the default route via " + pod.gateway.str());
}

}  // namespace

void ensure_bridge(const std::string& node_netns, const std::string& bridge, const ipv4_cidr& gateway) {
  const auto doing = "ensure_bridge " + bridge + " in " + in_ns(node_netns);
  check_interface_name(bridge, doing);
  run_in_netns(node_netns, [&] {
    const auto sk = open_socket(doing);
    auto link = find_link(sk.get(), bridge, doing);
    if (!link) {
      link_ptr fresh(rtnl_link_bridge_alloc());
      rtnl_link_set_name(fresh.get(), bridge.c_str());
      rtnl_link_set_addr(fresh.get(), mac_for(gateway.address).get());
      const int err = rtnl_link_add(sk.get(), fresh.get(), NLM_F_CREATE | NLM_F_EXCL);
      if (err != -NLE_EXIST) check(err, doing + ": creating the bridge");
      link = need_link(sk.get(), bridge, in_ns(node_netns), doing);
    }
    if (!rtnl_link_is_bridge(link.get())) {
      const char* type = rtnl_link_get_type(link.get());
      throw netns_error(doing + ": link " + bridge + " exists but is " + (type ? std::string("a ") + type : "no") +
                        " device, not a bridge");
    }
    add_address(sk.get(), rtnl_link_get_ifindex(link.get()), gateway, doing);
    set_up(sk.get(), link.get(), doing);
  });
}

void attach_pod(const pod_attachment& pod) {
  const auto doing = "attach_pod " + pod.host_veth + " (pod " + in_ns(pod.pod_netns) + ", " + pod.pod_ip.str() + ")";
  check_interface_name(pod.bridge, doing);
  check_interface_name(pod.host_veth, doing);
  if (pod.pod_netns.empty()) throw std::invalid_argument(doing + ": the pod netns is empty");
  if (!pod.pod_ip.contains(pod.gateway))
    throw std::invalid_argument(doing + ": gateway " + pod.gateway.str() + " is outside " + pod.pod_ip.str());

  const auto pod_path = netns_path(pod.pod_netns);
  const unique_fd pod_fd(::open(pod_path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!pod_fd) throw netns_error(doing + ": opening " + pod_path + ": " + std::strerror(errno));

  run_in_netns(pod.node_netns, [&] {
    const auto node_sk = open_socket(doing);
    const auto bridge = find_link(node_sk.get(), pod.bridge, doing);
    if (!bridge)
      throw netns_error(doing + ": bridge " + pod.bridge + " does not exist in " + in_ns(pod.node_netns) +
                        " (call ensure_bridge first)");
    delete_link(node_sk.get(), pod.host_veth, doing);

    // One request makes both ends: the node end enslaved and up, the peer created as eth0 right inside the pod
    // namespace, so no name in the node namespace can clash with it.
    link_ptr veth(rtnl_link_veth_alloc());
    if (!veth) throw std::bad_alloc();
    rtnl_link_set_name(veth.get(), pod.host_veth.c_str());
    rtnl_link_set_master(veth.get(), rtnl_link_get_ifindex(bridge.get()));
    rtnl_link_set_flags(veth.get(), IFF_UP);
    {
      link_ptr peer(rtnl_link_veth_get_peer(veth.get()));  // a new reference
      rtnl_link_set_name(peer.get(), "eth0");
      rtnl_link_set_ns_fd(peer.get(), pod_fd.get());
      rtnl_link_set_addr(peer.get(), mac_for(pod.pod_ip.address).get());
    }
    const int err = rtnl_link_add(node_sk.get(), veth.get(), NLM_F_CREATE | NLM_F_EXCL);
    if (err == -NLE_EXIST)
      throw netns_error(doing + ": creating the veth pair: " + nl_geterror(err) +
                        " (does the pod netns already have an eth0?)");
    check(err, doing + ": creating the veth pair");

    try {
      // This thread is ours alone and ends after this call, so it may switch to the pod namespace; node_sk
      // still talks to the node's.
      if (::setns(pod_fd.get(), CLONE_NEWNET) != 0)
        throw netns_error(doing + ": entering " + pod_path + ": " + std::strerror(errno));
      configure_pod_side(open_socket(doing).get(), pod, doing);
    } catch (...) {
      try {
        delete_link(node_sk.get(), pod.host_veth, doing);
      } catch (...) {
        // The first error is the one to report.
      }
      throw;
    }
  });
}

void detach_pod(const std::string& node_netns, const std::string& host_veth) {
  const auto doing = "detach_pod " + host_veth + " in " + in_ns(node_netns);
  check_interface_name(host_veth, doing);
  run_in_netns(node_netns, [&] { delete_link(open_socket(doing).get(), host_veth, doing); });
}

void remove_bridge(const std::string& node_netns, const std::string& bridge) {
  const auto doing = "remove_bridge " + bridge + " in " + in_ns(node_netns);
  check_interface_name(bridge, doing);
  run_in_netns(node_netns, [&] { delete_link(open_socket(doing).get(), bridge, doing); });
}

std::optional<ipv4_cidr> pod_address(const std::string& pod_netns) {
  const auto doing = "pod_address of pod " + in_ns(pod_netns);
  std::optional<ipv4_cidr> found;
  run_in_netns(pod_netns, [&] {
    const auto sk = open_socket(doing);
    const auto eth0 = find_link(sk.get(), "eth0", doing);
    if (!eth0) return;
    nl_cache* raw = nullptr;
    check(rtnl_addr_alloc_cache(sk.get(), &raw), doing + ": listing addresses");
    const cache_ptr cache(raw);
    for (auto* obj = nl_cache_get_first(cache.get()); obj && !found; obj = nl_cache_get_next(obj)) {
      auto* a = reinterpret_cast<rtnl_addr*>(obj);
      if (rtnl_addr_get_ifindex(a) != rtnl_link_get_ifindex(eth0.get()) || rtnl_addr_get_family(a) != AF_INET)
        continue;
      const nl_addr* local = rtnl_addr_get_local(a);
      if (!local || nl_addr_get_len(local) != 4) continue;
      const auto* b = static_cast<const unsigned char*>(nl_addr_get_binary_addr(local));
      found = ipv4_cidr{{(std::uint32_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3]}, rtnl_addr_get_prefixlen(a)};
    }
  });
  return found;
}

}  // namespace navarch::netlink
