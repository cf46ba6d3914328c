// Pod networking end to end in the kernel. Each test makes its own "node" network namespace and does everything
// inside it, so the host's interfaces, addresses and routes are never touched.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "net/netlink/netns.hpp"
#include "net/netlink/node_network.hpp"
#include "net/netlink/pod_ip_allocator.hpp"
#include "net/netlink/pod_net_names.hpp"
#include "net/netlink/pod_network.hpp"

namespace nl = navarch::netlink;

namespace {

struct run_result {
  int status;
  std::string output;
};

// Runs a shell command, returning its exit status and its stdout and stderr.
run_result sh(const std::string& command) {
  run_result r{-1, {}};
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (const auto n = std::fread(buf.data(), 1, buf.size(), p)) r.output.append(buf.data(), n);
  r.status = ::pclose(p);
  return r;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string thread_netns() {
  return std::filesystem::read_symlink("/proc/thread-self/ns/net").string();
}

ino_t inode_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

struct fd_guard {
  int fd = -1;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

sockaddr_in endpoint(nl::ipv4_address a, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(a.bits);
  return sa;
}

// A TCP socket created inside netns; it keeps using that namespace whichever thread uses it later.
int tcp_socket_in(const std::string& netns) {
  int fd = -1;
  nl::run_in_netns(netns, [&] { fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0); });
  timeval two_seconds{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &two_seconds, sizeof two_seconds);  // bounds connect() too
  return fd;
}

// Connects from client_netns to listener (listening at `to`), exchanges a line, and returns the address the
// listener saw the connection come from (empty on failure).
std::string tcp_round_trip(const std::string& client_netns, int listener, nl::ipv4_address to, std::uint16_t port) {
  fd_guard client{tcp_socket_in(client_netns)};
  const auto sa = endpoint(to, port);
  if (::connect(client.fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) return "";
  sockaddr_in peer{};
  socklen_t len = sizeof peer;
  fd_guard server{::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC)};
  if (server.fd < 0) return "";
  const std::string hello = "hello from pod A\n";
  if (::write(server.fd, hello.data(), hello.size()) != static_cast<ssize_t>(hello.size())) return "";
  std::array<char, 64> got{};
  const auto n = ::read(client.fd, got.data(), got.size());
  if (n <= 0 || std::string(got.data(), n) != hello) return "";
  return nl::ipv4_address{ntohl(peer.sin_addr.s_addr)}.str();
}

class PodNetwork : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: creates network namespaces, a bridge and veth pairs";
    node_ = "nvtest-node-" + std::to_string(::getpid());
    try {
      nl::create_netns(node_);
    } catch (const std::exception& e) {
      GTEST_SKIP() << "cannot create network namespaces here: " << e.what();
    }
  }

  void TearDown() override {
    for (const auto& ns : made_) nl::delete_netns(ns);
    if (!node_.empty()) nl::delete_netns(node_);
  }

  // A pod uid unique to this test process, so concurrent test runs never share a /run/netns name.
  static std::string uid(const std::string& name) { return name + "-" + std::to_string(::getpid()); }

  // A pod netns that TearDown removes even when the test fails half way.
  std::string make_pod_netns(const std::string& pod_uid) {
    const auto names = nl::pod_net_names_for(pod_uid);
    made_.push_back(names.netns);
    nl::create_netns(names.netns);
    return names.netns;
  }

  std::string ip_in(const std::string& netns, const std::string& args) {
    return sh("ip -n " + netns + " " + args).output;
  }

  std::string node_;
  std::vector<std::string> made_;
  const std::string bridge_ = "nvbr0";
  const nl::ipv4_cidr pod_cidr_ = nl::ipv4_cidr::parse_network("10.244.7.0/24");
};

TEST_F(PodNetwork, CreateNetnsFromAThreadOfAMultiThreadedProcessLeavesEveryThreadWhereItWas) {
  const auto main_ns = thread_netns();
  // Another thread is alive throughout, so the process is multi-threaded when the namespace is made.
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::string other_ns_after;
  std::thread other([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
    other_ns_after = thread_netns();
  });
  const auto name = "nvtest-ns-" + std::to_string(::getpid());
  made_.push_back(name);
  std::thread([&] { nl::create_netns(name); }).join();
  {
    std::lock_guard lock(m);
    done = true;
  }
  cv.notify_one();
  other.join();

  EXPECT_EQ(thread_netns(), main_ns);
  EXPECT_EQ(other_ns_after, main_ns);
  EXPECT_TRUE(nl::netns_exists(name));
  const auto inode = inode_of("/run/netns/" + name);
  EXPECT_NE(inode, inode_of("/proc/thread-self/ns/net")) << "the new namespace must not be the caller's";
  EXPECT_NE(inode, inode_of("/run/netns/" + node_));
  EXPECT_TRUE(contains(sh("ip netns list").output, name));
  // A fresh namespace holds only lo, down.
  const auto links = ip_in(name, "-o link show");
  EXPECT_TRUE(contains(links, "1: lo:")) << links;
  EXPECT_FALSE(contains(links, "2: ")) << links;

  nl::create_netns(name);  // idempotent: the same namespace stays
  EXPECT_EQ(inode_of("/run/netns/" + name), inode);

  nl::delete_netns(name);
  EXPECT_FALSE(std::filesystem::exists("/run/netns/" + name));
  EXPECT_FALSE(contains(sh("ip netns list").output, name));
  EXPECT_NO_THROW(nl::delete_netns(name));
  EXPECT_THROW(nl::create_netns("a/b"), std::invalid_argument);
}

TEST_F(PodNetwork, EnsureBridgeIsIdempotentAndStaysInTheNodeNamespace) {
  const nl::pod_ip_allocator ips(pod_cidr_);
  nl::ensure_bridge(node_, bridge_, ips.gateway_cidr());
  nl::ensure_bridge(node_, bridge_, ips.gateway_cidr());
  const auto link = ip_in(node_, "-o link show " + bridge_);
  EXPECT_TRUE(contains(link, ",UP")) << link;
  EXPECT_TRUE(contains(link, "link/ether 0a:58:0a:f4:07:01")) << link;
  EXPECT_TRUE(contains(ip_in(node_, "-d -o link show " + bridge_), "bridge ")) << link;
  const auto addrs = ip_in(node_, "-o -4 addr show dev " + bridge_);
  EXPECT_TRUE(contains(addrs, "inet 10.244.7.1/24")) << addrs;
  EXPECT_EQ(std::count(addrs.begin(), addrs.end(), '\n'), 1) << addrs;
  EXPECT_NE(sh("ip link show " + bridge_).status, 0) << "the bridge leaked into the host namespace";

  // A link of that name that is no bridge is refused with a clear message.
  ASSERT_EQ(sh("ip -n " + node_ + " link add nvnotbr type veth peer name nvnotbr1").status, 0);
  try {
    nl::ensure_bridge(node_, "nvnotbr", ips.gateway_cidr());
    FAIL() << "ensure_bridge accepted a veth";
  } catch (const nl::netns_error& e) {
    EXPECT_TRUE(contains(e.what(), "nvnotbr exists but is a veth device, not a bridge")) << e.what();
  }
  EXPECT_THROW(nl::ensure_bridge(node_, "a-name-longer-than-15", ips.gateway_cidr()), std::invalid_argument);
}

TEST_F(PodNetwork, TwoPodsReachEachOtherAndTheNodeReachesThemThenNothingIsLeft) {
  nl::pod_ip_allocator ips(pod_cidr_);
  nl::ensure_bridge(node_, bridge_, ips.gateway_cidr());

  struct pod {
    std::string uid;
    nl::pod_net_names names;
    nl::ipv4_cidr ip;
  };
  std::vector<pod> pods;
  for (const auto& pod_uid : {uid("pod-a"), uid("pod-b")}) {
    pod p{pod_uid, nl::pod_net_names_for(pod_uid), ips.allocate(pod_uid)};
    make_pod_netns(pod_uid);
    const auto start = std::chrono::steady_clock::now();
    nl::attach_pod({.node_netns = node_, .bridge = bridge_, .pod_netns = p.names.netns,
                    .host_veth = p.names.host_veth, .pod_ip = p.ip, .gateway = ips.gateway()});
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    std::printf("attach_pod took %lld us\n", static_cast<long long>(us.count()));
    pods.push_back(p);
  }
  const auto& a = pods[0];
  const auto& b = pods[1];
  EXPECT_EQ(a.ip.str(), "10.244.7.2/24");
  EXPECT_EQ(b.ip.str(), "10.244.7.3/24");

  // What `ip` sees: node ends enslaved and up, eth0 with the address and MAC, lo up, the default route.
  for (const auto& p : pods) {
    const auto host_end = ip_in(node_, "-o link show " + p.names.host_veth);
    EXPECT_TRUE(contains(host_end, "master " + bridge_)) << host_end;
    EXPECT_TRUE(contains(host_end, "state UP")) << host_end;
    const auto eth0 = ip_in(p.names.netns, "-o -4 addr show dev eth0");
    EXPECT_TRUE(contains(eth0, "inet " + p.ip.str())) << eth0;
    const auto link = ip_in(p.names.netns, "-o link show eth0");
    EXPECT_TRUE(contains(link, "state UP")) << link;
    EXPECT_TRUE(contains(ip_in(p.names.netns, "-o link show lo"), "UP")) << ip_in(p.names.netns, "link");
    const auto routes = ip_in(p.names.netns, "-4 route show");
    EXPECT_TRUE(contains(routes, "default via 10.244.7.1 dev eth0")) << routes;
    EXPECT_EQ(nl::pod_address(p.names.netns), p.ip);
  }
  EXPECT_NE(sh("ip link show " + a.names.host_veth).status, 0) << "a veth leaked into the host namespace";

  // Real TCP: a listener in pod A, reached from pod B (seen as B's own address: no NAT on the bridge) and from
  // the node (seen as the bridge's address).
  fd_guard listener{tcp_socket_in(a.names.netns)};
  const std::uint16_t port = 8080;
  const auto any = endpoint(nl::ipv4_address{0}, port);
  ASSERT_EQ(::bind(listener.fd, reinterpret_cast<const sockaddr*>(&any), sizeof any), 0);
  ASSERT_EQ(::listen(listener.fd, 4), 0);
  EXPECT_EQ(tcp_round_trip(b.names.netns, listener.fd, a.ip.address, port), b.ip.address.str());
  EXPECT_EQ(tcp_round_trip(node_, listener.fd, a.ip.address, port), "10.244.7.1");
  // And ICMP, from the other side.
  const auto ping = sh("ip netns exec " + a.names.netns + " ping -c1 -W2 " + b.ip.address.str());
  EXPECT_EQ(ping.status, 0) << ping.output;
  const auto node_ping = sh("ip netns exec " + node_ + " ping -c1 -W2 " + b.ip.address.str());
  EXPECT_EQ(node_ping.status, 0) << node_ping.output;

  // Attaching again replaces the pair rather than failing.
  nl::attach_pod({.node_netns = node_, .bridge = bridge_, .pod_netns = a.names.netns, .host_veth = a.names.host_veth,
                  .pod_ip = a.ip, .gateway = ips.gateway()});
  EXPECT_EQ(tcp_round_trip(b.names.netns, listener.fd, a.ip.address, port), b.ip.address.str());

  for (const auto& p : pods) {
    nl::detach_pod(node_, p.names.host_veth);
    nl::detach_pod(node_, p.names.host_veth);  // idempotent
    EXPECT_FALSE(contains(ip_in(p.names.netns, "-o link show"), "eth0"));
    EXPECT_EQ(nl::pod_address(p.names.netns), std::nullopt);
    nl::delete_netns(p.names.netns);
    ips.release(p.uid);
    EXPECT_FALSE(std::filesystem::exists("/run/netns/" + p.names.netns));
  }
  const auto links = ip_in(node_, "-o link show");
  EXPECT_FALSE(contains(links, "veth")) << links;
  const auto netns_list = sh("ip netns list").output;
  for (const auto& p : pods) EXPECT_FALSE(contains(netns_list, p.names.netns)) << netns_list;
  EXPECT_EQ(ips.allocated(), 0u);
}

TEST_F(PodNetwork, FailuresAreClearAndLeaveNothingBehind) {
  nl::pod_ip_allocator ips(pod_cidr_);
  const auto pod_uid = uid("pod-err");
  const auto netns = make_pod_netns(pod_uid);
  const auto names = nl::pod_net_names_for(pod_uid);
  const nl::pod_attachment attach{.node_netns = node_, .bridge = bridge_, .pod_netns = netns,
                                  .host_veth = names.host_veth, .pod_ip = ips.allocate(pod_uid),
                                  .gateway = ips.gateway()};
  try {
    nl::attach_pod(attach);
    FAIL() << "attached without a bridge";
  } catch (const nl::netns_error& e) {
    EXPECT_TRUE(contains(e.what(), "bridge nvbr0 does not exist in netns " + node_ + " (call ensure_bridge first)"))
        << e.what();
  }
  nl::ensure_bridge(node_, bridge_, ips.gateway_cidr());
  auto missing = attach;
  missing.pod_netns = "nvtest-no-such-netns";
  try {
    nl::attach_pod(missing);
    FAIL() << "attached to a missing netns";
  } catch (const nl::netns_error& e) {
    EXPECT_TRUE(contains(e.what(), "opening /run/netns/nvtest-no-such-netns: No such file or directory")) << e.what();
  }
  // A pod netns that already has an eth0: the pair cannot be made, and the node end is not left over.
  ASSERT_EQ(sh("ip -n " + netns + " link add eth0 type veth peer name other").status, 0);
  try {
    nl::attach_pod(attach);
    FAIL() << "attached over an existing eth0";
  } catch (const nl::netns_error& e) {
    EXPECT_TRUE(contains(e.what(), "attach_pod " + names.host_veth)) << e.what();
    EXPECT_TRUE(contains(e.what(), "creating the veth pair")) << e.what();
  }
  EXPECT_FALSE(contains(ip_in(node_, "-o link show"), names.host_veth));
  auto outside = attach;
  outside.gateway = nl::ipv4_address::parse("10.9.9.1");
  EXPECT_THROW(nl::attach_pod(outside), std::invalid_argument);
  EXPECT_NO_THROW(nl::detach_pod(node_, "vethnotthere"));
  EXPECT_THROW(nl::run_in_netns("nvtest-no-such-netns", [] {}), nl::netns_error);
}

TEST_F(PodNetwork, IpForwardingIsSetInTheNodeNamespaceOnly) {
  const auto host_before = sh("cat /proc/sys/net/ipv4/ip_forward").output;
  // A new namespace inherits the host's setting (net.core.devconf_inherit_init_net), so start from off.
  nl::set_ip_forwarding(node_, false);
  EXPECT_FALSE(nl::ip_forwarding(node_));
  nl::set_ip_forwarding(node_, true);
  EXPECT_TRUE(nl::ip_forwarding(node_));
  EXPECT_EQ(sh("ip netns exec " + node_ + " cat /proc/sys/net/ipv4/ip_forward").output, "1\n");
  EXPECT_EQ(sh("cat /proc/sys/net/ipv4/ip_forward").output, host_before);
}

TEST_F(PodNetwork, NodeNetworkKeepsPodAddressesAcrossARestart) {
  const auto state_dir = std::filesystem::temp_directory_path() / ("nvtest-node-net-" + std::to_string(::getpid()));
  std::filesystem::create_directories(state_dir);
  const nl::node_network_config config{.node_netns = node_, .bridge = bridge_, .pod_cidr = pod_cidr_,
                                       .state_file = state_dir / "pod-ips"};
  const auto a_uid = uid("pod-a"), b_uid = uid("pod-b");
  const auto a_names = nl::pod_net_names_for(a_uid);
  made_ = {a_names.netns, nl::pod_net_names_for(b_uid).netns};
  nl::pod_network_info a, b;
  {
    nl::node_network net(config);
    EXPECT_TRUE(nl::ip_forwarding(node_));
    a = net.add_pod(a_uid);
    b = net.add_pod(b_uid);
    EXPECT_EQ(a.netns_path, "/run/netns/" + a_names.netns);
    EXPECT_EQ(a.ip.str(), "10.244.7.2/24");
    EXPECT_EQ(b.ip.str(), "10.244.7.3/24");
  }
  const auto host_end_before = ip_in(node_, "-o link show " + a_names.host_veth);
  {
    // A restarted kubelet: the running pod keeps its address and its veth (same ifindex: not re-made).
    nl::node_network net(config);
    EXPECT_EQ(net.allocations().allocated(), 2u);
    EXPECT_EQ(net.add_pod(a_uid).ip, a.ip);
    EXPECT_EQ(ip_in(node_, "-o link show " + a_names.host_veth), host_end_before);

    fd_guard listener{tcp_socket_in(a.netns_path)};
    const auto any = endpoint(nl::ipv4_address{0}, 9090);
    ASSERT_EQ(::bind(listener.fd, reinterpret_cast<const sockaddr*>(&any), sizeof any), 0);
    ASSERT_EQ(::listen(listener.fd, 4), 0);
    EXPECT_EQ(tcp_round_trip(b.netns_path, listener.fd, a.ip.address, 9090), b.ip.address.str());

    net.remove_pod(a_uid);
    net.remove_pod(a_uid);  // idempotent
    net.remove_pod(b_uid);
    EXPECT_EQ(net.allocations().allocated(), 0u);
  }
  std::ifstream state(state_dir / "pod-ips");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(state), {}), "cidr 10.244.7.0/24\n");
  EXPECT_FALSE(std::filesystem::exists(a.netns_path));
  EXPECT_FALSE(std::filesystem::exists(b.netns_path));
  const auto links = ip_in(node_, "-o link show");
  EXPECT_FALSE(contains(links, "veth")) << links;
  std::filesystem::remove_all(state_dir);
}

TEST_F(PodNetwork, AttachLatency) {
  nl::pod_ip_allocator ips(pod_cidr_);
  nl::ensure_bridge(node_, bridge_, ips.gateway_cidr());
  std::vector<long long> create_us, attach_us;
  for (int i = 0; i < 20; ++i) {
    const auto pod_uid = uid("lat" + std::to_string(i));
    const auto names = nl::pod_net_names_for(pod_uid);
    auto t0 = std::chrono::steady_clock::now();
    make_pod_netns(pod_uid);
    auto t1 = std::chrono::steady_clock::now();
    nl::attach_pod({.node_netns = node_, .bridge = bridge_, .pod_netns = names.netns, .host_veth = names.host_veth,
                    .pod_ip = ips.allocate(pod_uid), .gateway = ips.gateway()});
    auto t2 = std::chrono::steady_clock::now();
    create_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(t1 - t0).count());
    attach_us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(t2 - t1).count());
  }
  std::sort(create_us.begin(), create_us.end());
  std::sort(attach_us.begin(), attach_us.end());
  std::printf("create_netns p50 %lld us, max %lld us; attach_pod p50 %lld us, max %lld us (20 pods)\n",
              create_us[10], create_us.back(), attach_us[10], attach_us.back());
  RecordProperty("attach_pod_p50_us", std::to_string(attach_us[10]));
  const auto links = ip_in(node_, "-o link show");
  EXPECT_EQ(std::count(links.begin(), links.end(), '\n'), 1 + 1 + 20) << links;  // lo, the bridge, 20 veths
}

}  // namespace
