// Pod networking and clean deletion, through the real kubectl, with the pod network on: pods reach each other
// and are reached from the node by pod IP, a hostNetwork pod shares the node's network, and deleting a pod
// leaves no process, cgroup, mount, namespace or veth behind.
//
// The host's network is never touched: each test makes a network namespace of its own and runs `navarch up`
// (and kubectl, which must reach the server on that namespace's loopback) inside it with nsenter --net. Only
// the network namespace changes, not the mount namespace (`ip netns exec` would remount /sys without the cgroup
// hierarchies the containers need), so the pods' /run/netns entries and cgroups are visible to the test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "net/netlink/pod_net_names.hpp"
#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/kubectl_runner.hpp"
#include "tests/e2e/navarch_server.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

// Runs argv to completion with stdout and stderr captured under `logs`.
run_result run_command(const std::vector<std::string>& argv, const fs::path& logs,
                       std::chrono::milliseconds timeout = seconds(30)) {
  static int counter = 0;
  run_result r;
  for (const auto& a : argv) r.command += (r.command.empty() ? "" : " ") + a;
  child_process p(argv, isolated_environment(logs), logs / ("cmd-" + std::to_string(++counter)));
  auto code = p.wait_for(timeout);
  r.timed_out = !code;
  r.exit_code = code ? *code : p.kill_group();
  r.out = p.out();
  r.err = p.err();
  return r;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string host_ip_forward() { return trimmed(read_file("/proc/sys/net/ipv4/ip_forward")); }

// Every running process's id, from /proc.
std::vector<std::string> process_ids() {
  std::vector<std::string> pids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const auto name = e.path().filename().string();
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(name);
  }
  return pids;
}

// Processes whose command line (arguments joined by NULs) contains `marker`.
std::vector<std::string> processes_with_argv(const std::string& marker) {
  std::vector<std::string> found;
  for (const auto& pid : process_ids())
    if (read_file("/proc/" + pid + "/cmdline").find(marker) != std::string::npos) found.push_back(pid);
  return found;
}

// Lines of any process's mountinfo (every mount namespace there is) that mention `text`.
std::vector<std::string> mounts_mentioning(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& pid : process_ids()) {
    std::istringstream in(read_file("/proc/" + pid + "/mountinfo"));
    for (std::string line; std::getline(in, line);)
      if (line.find(text) != std::string::npos) found.push_back(pid + ": " + line);
  }
  return found;
}

// The cgroup directories (as the test sees /sys/fs/cgroup) of process `pid` whose path mentions `text`.
std::set<fs::path> cgroup_dirs_of(const std::string& pid, const std::string& text) {
  std::set<fs::path> dirs;
  std::istringstream in(read_file("/proc/" + pid + "/cgroup"));
  for (std::string line; std::getline(in, line);) {
    // "<id>:<controllers>:<path>"; controllers "" is cgroup v2 (or the hybrid "unified" mount).
    const auto first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    std::string controllers = line.substr(first + 1, second - first - 1);
    const fs::path path = line.substr(second + 1);
    if (path.string().find(text) == std::string::npos) continue;
    if (controllers.starts_with("name=")) controllers = controllers.substr(5);
    fs::path base = "/sys/fs/cgroup";
    if (controllers.empty() && fs::exists(base / "unified")) base /= "unified";
    else if (!controllers.empty()) base /= controllers;
    dirs.insert(base / path.relative_path());
  }
  return dirs;
}

bool has_netns_tools(const fs::path& logs) {
  return run_command({"ip", "netns", "list"}, logs).exit_code == 0 &&
         run_command({"nsenter", "--version"}, logs).exit_code == 0;
}

// A network namespace of the test's own, /run/netns/<name> with lo up; deleted again in any case.
class test_netns {
 public:
  test_netns(std::string name, fs::path logs) : name_(std::move(name)), logs_(std::move(logs)) {
    auto add = run_command({"ip", "netns", "add", name_}, logs_);
    if (add.exit_code != 0) throw std::runtime_error("cannot create the test's network namespace\n" + show(add));
    created_ = true;
    auto lo = run_command({"ip", "-n", name_, "link", "set", "lo", "up"}, logs_);
    if (lo.exit_code != 0) throw std::runtime_error("cannot bring lo up in " + name_ + "\n" + show(lo));
  }
  ~test_netns() {
    if (created_) run_command({"ip", "netns", "del", name_}, logs_);
  }
  test_netns(const test_netns&) = delete;
  test_netns& operator=(const test_netns&) = delete;

  const std::string& name() const { return name_; }
  std::string path() const { return "/run/netns/" + name_; }
  // Argv prefix running a command in this namespace (network only: the mount namespace stays the host's).
  std::vector<std::string> enter() const { return {"nsenter", "--net=" + path(), "--"}; }

  static std::string show(const run_result& r) {
    std::ostringstream os;
    os << r;
    return os.str();
  }

 private:
  std::string name_;
  fs::path logs_;
  bool created_ = false;
};

// One cluster per test: a netns, `navarch up` with the pod network inside it, and kubectl in it too. Members
// are destroyed in reverse order, so even a failed test stops navarch, runs `navarch cleanup` in the namespace,
// deletes the namespace and removes the data dir.
class PodNetwork : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "pod networking needs root (network namespaces, veths, cgroups, mounts)";
    fs::create_directories(dir_.path() / "logs");
    fs::create_directories(dir_.path() / "home");
    if (!has_netns_tools(dir_.path() / "logs"))
      GTEST_SKIP() << "`ip netns` or nsenter is not usable here: no namespace to run the pod network in";
    host_forward_before_ = host_ip_forward();
    netns_ = std::make_unique<test_netns>("navarch-e2e-podnet-" + std::to_string(getpid()), dir_.path() / "logs");
    const auto env = isolated_environment(dir_.path() / "home");
    server_ = std::make_unique<navarch_server>(navarch_binary(), dir_.path() / "data", dir_.path() / "logs" / "navarch",
                                               env, navarch_server_options{netns_->enter(), true});
    runner_ = std::make_unique<kubectl_runner>(kubectl_clients().front(), server_->kubeconfig(), dir_.path(), env,
                                               netns_->enter());
  }

  void TearDown() override {
    const std::string name = netns_ ? netns_->name() : "";
    if (server_) {
      auto code = server_->stop(SIGTERM);
      EXPECT_EQ(code, std::optional<int>(0)) << "navarch up did not stop cleanly\n" << server_->log();
    }
    runner_.reset();
    server_.reset();  // navarch cleanup inside the namespace
    netns_.reset();
    if (name.empty()) return;
    // The host kept its forwarding setting and got no bridge, and no namespace of this test is left.
    EXPECT_EQ(host_ip_forward(), host_forward_before_);
    auto links = run_command({"ip", "-o", "link", "show"}, dir_.path() / "logs");
    EXPECT_EQ(links.out.find("navarch0"), std::string::npos) << links;
    EXPECT_FALSE(fs::exists("/run/netns/" + name));
    for (const auto& uid : pod_uids_) EXPECT_FALSE(fs::exists("/run/netns/navarch-" + uid)) << uid;
  }

  run_result kubectl(std::vector<std::string> args, std::chrono::milliseconds timeout = seconds(60)) {
    return runner_->run(args, timeout);
  }
  // A command inside the test's namespace, as the node itself.
  run_result on_node(std::vector<std::string> argv) {
    auto full = netns_->enter();
    full.insert(full.end(), argv.begin(), argv.end());
    return run_command(full, dir_.path() / "logs");
  }

  std::string apply(const std::string& name, const std::string& yaml) {
    const auto file = dir_.path() / (name + ".yaml");
    write_file(file, yaml);
    auto r = kubectl({"apply", "-f", file.string()});
    EXPECT_EQ(r.exit_code, 0) << r;
    return get(name, "{.metadata.uid}");
  }
  std::string get(const std::string& pod, const std::string& expr) {
    auto r = kubectl({"get", "pod", pod, "-o", "jsonpath=" + expr});
    EXPECT_EQ(r.exit_code, 0) << r;
    return r.out;
  }
  void await_ready(const std::string& pod) {
    auto r = kubectl({"wait", "--for=condition=Ready", "pod/" + pod, "--timeout=60s"}, seconds(70));
    ASSERT_EQ(r.exit_code, 0) << r << "\nnavarch log:\n" << server_->log();
  }
  // Polls `kubectl logs` until it contains `text`; returns the last logs.
  std::string await_logs(const std::string& pod, const std::string& text, seconds limit = seconds(30)) {
    std::string logs;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      logs = kubectl({"logs", pod}).out;
      if (logs.find(text) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    return logs;
  }
  // The node ends of veths on the bridge, from `ip link` in the test's namespace.
  std::string bridge_ports() { return on_node({"ip", "-o", "link", "show", "master", "navarch0"}).out; }

  scratch_dir dir_{"navarch-e2e-podnet-"};
  std::string host_forward_before_;
  std::unique_ptr<test_netns> netns_;
  std::unique_ptr<navarch_server> server_;
  std::unique_ptr<kubectl_runner> runner_;
  std::vector<std::string> pod_uids_;
};

const std::string pod_cidr_ip = R"(^10\.244\.0\.([2-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-4])$)";

TEST_F(PodNetwork, PodsReachEachOtherAndTheNodeReachesThemByPodIP) {
  const std::string token = "podnet-" + std::to_string(getpid());
  pod_uids_.push_back(apply("web", R"(apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: httpd
    image: busybox
    command: ["sh", "-c", "mkdir -p /www && echo )" + token + R"( > /www/hello && exec httpd -f -p 8080 -h /www"]
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
)"));
  await_ready("web");
  const auto web_ip = get("web", "{.status.podIP}");
  const auto host_ip = get("web", "{.status.hostIP}");
  EXPECT_TRUE(contains_match(web_ip, pod_cidr_ip)) << "podIP '" << web_ip << "' is not a pod address of 10.244.0.0/24";
  EXPECT_EQ(get("web", "{.status.podIPs[*].ip}"), web_ip);
  EXPECT_NE(web_ip, host_ip);

  pod_uids_.push_back(apply("client", R"(apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - name: wget
    image: busybox
    command: ["sh", "-c", "cat /proc/net/dev; wget -qO- http://)" + web_ip + R"(:8080/hello && echo fetched; sleep 600"]
)"));
  await_ready("client");
  const auto client_ip = get("client", "{.status.podIP}");
  EXPECT_TRUE(contains_match(client_ip, pod_cidr_ip)) << client_ip;
  EXPECT_NE(client_ip, web_ip);
  EXPECT_EQ(get("client", "{.status.podIPs[*].ip}"), client_ip);
  // The client fetched the server's file by pod IP, through its own eth0 (it does not see the bridge).
  const auto logs = await_logs("client", "fetched");
  EXPECT_NE(logs.find(token + "\nfetched\n"), std::string::npos) << logs << "\nnavarch log:\n" << server_->log();
  EXPECT_NE(logs.find("eth0:"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("navarch0"), std::string::npos) << logs;

  // The node reaches the pod by its IP over the bridge, and forwards between its pods.
  auto fetch = on_node({"wget", "-q", "-T", "5", "-t", "1", "-O", "-", "http://" + web_ip + ":8080/hello"});
  EXPECT_EQ(fetch.exit_code, 0) << fetch;
  EXPECT_EQ(fetch.out, token + "\n") << fetch;
  auto route = on_node({"ip", "-4", "-o", "addr", "show", "dev", "navarch0"});
  EXPECT_NE(route.out.find("10.244.0.1/24"), std::string::npos) << route;
  EXPECT_EQ(trimmed(on_node({"cat", "/proc/sys/net/ipv4/ip_forward"}).out), "1");
}

TEST_F(PodNetwork, HostNetworkPodSharesTheNodeNetwork) {
  // A pod on the pod network first: the node makes its bridge then, so the host-network pod finds it.
  pod_uids_.push_back(apply("podnet", R"(apiVersion: v1
kind: Pod
metadata: {name: podnet}
spec:
  containers:
  - {name: c, image: busybox, command: ["sleep", "600"]}
)"));
  await_ready("podnet");
  EXPECT_TRUE(contains_match(get("podnet", "{.status.podIP}"), pod_cidr_ip));
  pod_uids_.push_back(apply("hostnet", R"(apiVersion: v1
kind: Pod
metadata: {name: hostnet}
spec:
  hostNetwork: true
  containers:
  - {name: c, image: busybox, command: ["sh", "-c", "cat /proc/net/dev; echo listed; sleep 600"]}
)"));
  await_ready("hostnet");
  const auto host_ip = get("hostnet", "{.status.hostIP}");
  EXPECT_FALSE(host_ip.empty());
  EXPECT_EQ(get("hostnet", "{.status.podIP}"), host_ip);
  EXPECT_EQ(get("hostnet", "{.status.podIPs[*].ip}"), host_ip);
  // The node's interfaces as the pod lists them: the bridge and the pod's veth, no eth0 of its own.
  const auto logs = await_logs("hostnet", "listed");
  const auto podnet_veth = netlink::pod_net_names_for(pod_uids_.front()).host_veth;
  EXPECT_NE(logs.find("lo:"), std::string::npos) << logs;
  EXPECT_NE(logs.find("navarch0:"), std::string::npos) << logs;
  EXPECT_NE(logs.find(podnet_veth + ":"), std::string::npos) << logs;
  EXPECT_EQ(logs.find("eth0:"), std::string::npos) << logs;
}

TEST_F(PodNetwork, GracefulDeleteLeavesNothingBehind) {
  // A unique word in the container's argv ($0 of the script) finds its processes in /proc.
  const std::string marker = "navarch-podnet-victim-" + std::to_string(getpid());
  const auto uid = apply("victim", R"(apiVersion: v1
kind: Pod
metadata: {name: victim}
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done", ")" + marker + R"("]
)");
  ASSERT_FALSE(uid.empty());
  pod_uids_.push_back(uid);
  await_ready("victim");
  ASSERT_TRUE(contains_match(get("victim", "{.status.podIP}"), pod_cidr_ip));

  // While it runs: its process, cgroups, overlay root, namespace and veth are all there.
  const auto pids = processes_with_argv(marker);
  ASSERT_FALSE(pids.empty()) << "no process with " << marker << " in its argv";
  const auto cgroups = cgroup_dirs_of(pids.front(), uid);
  ASSERT_FALSE(cgroups.empty()) << read_file("/proc/" + pids.front() + "/cgroup");
  for (const auto& d : cgroups) EXPECT_TRUE(fs::is_directory(d)) << d;
  EXPECT_FALSE(mounts_mentioning(uid).empty());
  EXPECT_TRUE(contains_match(read_file("/proc/" + pids.front() + "/mountinfo"), "overlay.*" + uid))
      << "the container's root is not an overlay of its own";
  const auto names = netlink::pod_net_names_for(uid);
  EXPECT_TRUE(fs::exists("/run/netns/" + names.netns));
  EXPECT_NE(bridge_ports().find(names.host_veth), std::string::npos) << bridge_ports();

  // kubectl delete waits until the pod object is gone, which the kubelet allows once the container stopped.
  auto del = kubectl({"delete", "pod", "victim"}, seconds(60));
  ASSERT_EQ(del.exit_code, 0) << del;
  EXPECT_NE(kubectl({"get", "pod", "victim"}).exit_code, 0);

  // The rest of the teardown may trail the API object by a moment.
  const auto deadline = std::chrono::steady_clock::now() + seconds(15);
  auto all_gone = [&] {
    bool cgroup_left = false;
    for (const auto& d : cgroups) cgroup_left = cgroup_left || fs::exists(d);
    return processes_with_argv(marker).empty() && !cgroup_left && mounts_mentioning(uid).empty() &&
           !fs::exists("/run/netns/" + names.netns) && bridge_ports().find(names.host_veth) == std::string::npos;
  };
  while (!all_gone() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(processes_with_argv(marker), std::vector<std::string>{}) << "container processes outlived the pod";
  for (const auto& d : cgroups) EXPECT_FALSE(fs::exists(d)) << "cgroup left: " << d;
  EXPECT_EQ(mounts_mentioning(uid), std::vector<std::string>{}) << "mounts of the pod left";
  EXPECT_FALSE(fs::exists("/run/netns/" + names.netns)) << "pod network namespace left";
  EXPECT_EQ(bridge_ports().find(names.host_veth), std::string::npos) << bridge_ports();
  EXPECT_FALSE(fs::exists(dir_.path() / "data" / "pod-volumes" / uid));
  auto veths = on_node({"ip", "-o", "link", "show", "type", "veth"});
  EXPECT_EQ(veths.out, "") << "veths left in the node's namespace\n" << veths;
}

}  // namespace
}  // namespace navarch::e2e
