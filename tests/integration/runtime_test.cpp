// Both container runtimes (built-in navarch-shim, runc) against real processes, namespaces and cgroups. Needs
// root; every test removes what it creates and asserts that no process, cgroup or mount is left behind.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "runtime/busybox/busybox_rootfs.hpp"
#include "runtime/container/builtin_runtime.hpp"
#include "runtime/container/cgroups.hpp"
#include "runtime/container/process.hpp"
#include "runtime/container/shim_client.hpp"
#include "runtime/logs/cri_log.hpp"
#include "runtime/oci/runc_runtime.hpp"

namespace {
namespace fs = std::filesystem;
using namespace navarch::runtime;
using namespace std::chrono_literals;

const fs::path test_root = "/tmp/navarch-runtime-test";

struct world {
  fs::path root = test_root / std::to_string(::getpid());
  fs::path rootfs = root / "busybox";
  std::string cgroup_parent = "navarch-test-" + std::to_string(::getpid());
};

std::unique_ptr<container_runtime> make_runtime(const std::string& kind, const world& w) {
  runtime_options opts{.state_root = w.root / "state", .shim_path = NAVARCH_SHIM_PATH,
                       .cgroup_parent = w.cgroup_parent};
  if (kind == "builtin") return std::make_unique<builtin_runtime>(opts);
  return std::make_unique<runc_runtime>(opts, runc_options{.runc_path = "/usr/sbin/runc",
                                                           .runc_root = (w.root / "runc").string()});
}

std::string log_text(const std::string& path) {
  std::ifstream in(path);
  std::string line, out;
  while (std::getline(in, line)) {
    auto e = parse_cri_line(line);
    EXPECT_TRUE(e.has_value()) << "not a CRI log line: " << line;
    if (e) out += e->stream + ": " + e->text + "\n";
  }
  return out;
}

class RuntimeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (namespaces, cgroups, overlay mounts)";
    if (GetParam() == "runc" && !fs::exists("/usr/sbin/runc")) GTEST_SKIP() << "runc is not installed";
    fs::create_directories(w_.root);
    build_busybox_rootfs(w_.rootfs);
    rt_ = make_runtime(GetParam(), w_);
  }

  void TearDown() override {
    if (!rt_) return;
    for (const auto& st : rt_->list()) rt_->remove(st.id);
    remove_parent_cgroups();
    fs::remove_all(w_.root);
    std::error_code ec;
    fs::remove(test_root, ec);  // only when no other test process uses it
  }

  // runc creates the parent in every hierarchy (cpuset, devices, ...), the built-in runtime in memory, cpu, pids.
  void remove_parent_cgroups() {
    std::ifstream in("/proc/self/cgroup");
    std::stringstream self;
    self << in.rdbuf();
    for (const auto& h : fs::directory_iterator("/sys/fs/cgroup")) {
      auto name = h.path().filename().string();
      auto own = cgroup_path_of(self.str(), name == "unified" ? "" : name == "systemd" ? "name=systemd" : name);
      auto dir = h.path() / fs::path(own).relative_path() / w_.cgroup_parent;
      if (!own.empty() && fs::exists(dir)) {
        EXPECT_EQ(::rmdir(dir.c_str()), 0) << dir;
      }
    }
  }

  container_spec spec(const std::string& id, std::vector<std::string> cmd) {
    container_spec s;
    s.id = id;
    s.pod_uid = "uid-1";
    s.name = id;
    s.rootfs = w_.rootfs.string();
    s.command = std::move(cmd);
    s.log_path = (w_.root / "logs" / (id + ".log")).string();
    return s;
  }

  container_status wait_exit(const std::string& id, std::chrono::milliseconds timeout = 10s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto st = rt_->status(id);
      if (!st) ADD_FAILURE() << id << " vanished";
      if (!st || st->state == container_state::exited) return st.value_or(container_status{});
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << id << " did not exit in time";
        return *st;
      }
      std::this_thread::sleep_for(5ms);
    }
  }

  // Removes the container and checks that nothing of it is left.
  void remove_and_check_clean(const std::string& id, int pid) {
    auto dir = w_.root / "state" / id;
    rt_->remove(id);
    EXPECT_FALSE(fs::exists(dir));
    EXPECT_FALSE(rt_->status(id).has_value());
    EXPECT_FALSE(any_cgroup_exists(cgroups_for(w_.cgroup_parent + "/" + id))) << "cgroup left";
    EXPECT_TRUE(mounts_under(w_.root / "state").empty()) << "mount left";
    EXPECT_FALSE(fs::exists(w_.root / "runc" / id)) << "runc state left";
    if (pid > 0) {
      EXPECT_NE(::kill(pid, 0), 0) << "process " << pid << " left";
    }
  }

  world w_;
  std::unique_ptr<container_runtime> rt_;
};

TEST_P(RuntimeTest, EchoLogsBothStreamsAndRecordsTheExitCode) {
  auto s = spec("echo", {"sh", "-c", "echo hello; echo oops >&2; exit 3"});
  auto t0 = std::chrono::steady_clock::now();
  auto started = rt_->start(s);
  auto latency = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  std::cout << "[ latency  ] " << GetParam() << " start: " << latency.count() / 1000.0 << " ms\n";
  EXPECT_EQ(started.pod_uid, "uid-1");
  EXPECT_GT(started.pid, 0);
  auto st = wait_exit("echo");
  EXPECT_EQ(st.exit_code, 3);
  EXPECT_EQ(st.signal, 0);
  EXPECT_FALSE(st.oom_killed);
  EXPECT_GE(st.finished_at, st.started_at);
  auto text = log_text(s.log_path);
  EXPECT_NE(text.find("stdout: hello\n"), std::string::npos) << text;
  EXPECT_NE(text.find("stderr: oops\n"), std::string::npos) << text;
  remove_and_check_clean("echo", started.pid);
}

TEST_P(RuntimeTest, Pid1IgnoresTermWithoutHandlerAndKillIsRecordedAsSignal) {
  auto started = rt_->start(spec("sleeper", {"sleep", "30"}));
  ASSERT_TRUE(rt_->signal("sleeper", SIGTERM));
  std::this_thread::sleep_for(200ms);  // PID 1 of a namespace gets no default action for TERM, as in Kubernetes
  EXPECT_EQ(rt_->status("sleeper")->state, container_state::running);
  ASSERT_TRUE(rt_->signal("sleeper", SIGKILL));
  auto st = wait_exit("sleeper");
  EXPECT_EQ(st.signal, SIGKILL);
  EXPECT_EQ(st.exit_code, 128 + SIGKILL);
  EXPECT_FALSE(rt_->signal("sleeper", SIGKILL));
  remove_and_check_clean("sleeper", started.pid);
}

// A descriptor the node process opened without O_CLOEXEC (as Asio opens its sockets) must not reach the
// container: containers outlive the node, and an inherited listening socket would keep its port taken.
TEST_P(RuntimeTest, ContainersInheritNoDescriptorOfTheNode) {
  const int leaky = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(leaky, 4);
  auto started = rt_->start(spec("fds", {"sleep", "30"}));
  const std::string target = "/dev/null";
  std::vector<std::string> inherited;
  std::error_code ec;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(started.pid) + "/fd", ec))
    if (std::filesystem::read_symlink(fd.path(), ec) == target && fd.path().filename() == std::to_string(leaky))
      inherited.push_back(fd.path().string());
  EXPECT_TRUE(inherited.empty()) << "the container holds the node's descriptor " << leaky;
  ::close(leaky);
  ASSERT_TRUE(rt_->signal("fds", SIGKILL));
  wait_exit("fds");
  remove_and_check_clean("fds", started.pid);
}

TEST_P(RuntimeTest, TermReachesAHandler) {
  auto started = rt_->start(spec("trap", {"sh", "-c", "trap 'exit 7' TERM; echo ready; while :; do sleep 0.05; done"}));
  std::this_thread::sleep_for(100ms);
  ASSERT_TRUE(rt_->signal("trap", SIGTERM));
  auto st = wait_exit("trap");
  EXPECT_EQ(st.exit_code, 7);
  EXPECT_EQ(st.signal, 0);
  remove_and_check_clean("trap", started.pid);
}

TEST_P(RuntimeTest, MemoryLimitGivesOomKilled) {
  auto s = spec("oom", {"dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1"});
  s.limits.memory_bytes = 32 << 20;
  auto started = rt_->start(s);
  auto st = wait_exit("oom");
  EXPECT_TRUE(st.oom_killed);
  EXPECT_EQ(st.signal, SIGKILL);
  remove_and_check_clean("oom", started.pid);
}

TEST_P(RuntimeTest, WithoutMemoryPressureNoOom) {
  auto s = spec("nooom", {"dd", "if=/dev/zero", "of=/dev/null", "bs=1M", "count=1"});
  s.limits.memory_bytes = 32 << 20;
  s.limits.cpu_quota_us = 50000;
  s.limits.cpu_shares = 512;
  auto started = rt_->start(s);
  auto st = wait_exit("nooom");
  EXPECT_FALSE(st.oom_killed);
  EXPECT_EQ(st.exit_code, 0);
  remove_and_check_clean("nooom", started.pid);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::string v;
  in >> v;
  return v;
}

TEST_P(RuntimeTest, LimitsAreWrittenToTheContainerCgroups) {
  auto s = spec("limits", {"sleep", "30"});
  s.limits = {.memory_bytes = 32 << 20, .cpu_quota_us = 50000, .cpu_period_us = 100000, .cpu_shares = 512,
              .pids_max = 16};
  auto started = rt_->start(s);
  auto cg = cgroups_for(w_.cgroup_parent + "/limits");
  if (cg.mode == cgroup_mode::v1) {
    EXPECT_EQ(read_file(cg.dirs[0] / "memory.limit_in_bytes"), std::to_string(32 << 20));
    EXPECT_EQ(read_file(cg.dirs[1] / "cpu.cfs_quota_us"), "50000");
    EXPECT_EQ(read_file(cg.dirs[1] / "cpu.shares"), "512");
    EXPECT_EQ(read_file(cg.dirs[2] / "pids.max"), "16");
    for (const auto& d : cg.dirs) EXPECT_EQ(read_file(d / "cgroup.procs"), std::to_string(started.pid)) << d;
  } else {
    EXPECT_EQ(read_file(cg.dirs[0] / "memory.max"), std::to_string(32 << 20));
    EXPECT_EQ(read_file(cg.dirs[0] / "pids.max"), "16");
  }
  remove_and_check_clean("limits", started.pid);
}

TEST_P(RuntimeTest, PidsLimitStopsForks) {
  auto s = spec("pids", {"sh", "-c", "i=0; while [ $i -lt 12 ]; do sleep 2 & i=$((i+1)); done; echo done"});
  s.limits.pids_max = 6;
  auto started = rt_->start(s);
  auto st = wait_exit("pids");
  auto text = log_text(s.log_path);
  EXPECT_NE(text.find("can't fork"), std::string::npos) << text;
  EXPECT_NE(st.exit_code, 0);  // busybox sh gives up when it cannot fork
  remove_and_check_clean("pids", started.pid);
}

TEST_P(RuntimeTest, HostnamePid1EnvWorkingDirAndMounts) {
  auto host_dir = w_.root / "data";
  fs::create_directories(host_dir);
  std::ofstream(host_dir / "x") << "from-host\n";
  auto s = spec("ns", {"sh", "-c", "hostname; echo pid=$$; echo $FOO; pwd; cat /data/x; "
                                   "touch /data/ro 2>/dev/null || echo read-only; df /scratch | tail -1"});
  s.hostname = "web-1";
  s.env = {"FOO=bar"};
  s.working_dir = "/work/dir";
  s.mounts = {{mount_spec::kind::bind, host_dir.string(), "/data", true, ""},
              {mount_spec::kind::tmpfs, "", "/scratch", false, "size=1m"}};
  auto started = rt_->start(s);
  auto st = wait_exit("ns");
  EXPECT_EQ(st.exit_code, 0);
  auto text = log_text(s.log_path);
  for (const char* want : {"stdout: web-1\n", "stdout: pid=1\n", "stdout: bar\n", "stdout: /work/dir\n",
                           "stdout: from-host\n", "stdout: read-only\n", "stdout: tmpfs"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " not in\n" << text;
  EXPECT_FALSE(fs::exists(host_dir / "ro"));
  remove_and_check_clean("ns", started.pid);
}

TEST_P(RuntimeTest, JoinsANetworkNamespaceOrUsesTheHostNetwork) {
  if (run_command({"/usr/bin/env", "ip", "-V"}).status != 0) GTEST_SKIP() << "iproute2 (ip) is not installed";
  auto netns = "navarch-rt-" + std::to_string(::getpid());
  ASSERT_EQ(run_command({"/usr/bin/env", "ip", "netns", "add", netns}).status, 0);
  struct netns_guard {
    std::string name;
    ~netns_guard() { EXPECT_EQ(run_command({"/usr/bin/env", "ip", "netns", "del", name}).status, 0); }
  } guard{netns};
  auto s = spec("netns", {"ls", "/sys/class/net"});
  s.netns_path = "/run/netns/" + netns;
  auto in_ns = rt_->start(s);
  EXPECT_EQ(wait_exit("netns").exit_code, 0);
  EXPECT_EQ(log_text(s.log_path), "stdout: lo\n");
  remove_and_check_clean("netns", in_ns.pid);

  auto host = spec("hostnet", {"ls", "/sys/class/net"});
  auto on_host = rt_->start(host);
  EXPECT_EQ(wait_exit("hostnet").exit_code, 0);
  size_t host_links = std::distance(fs::directory_iterator("/sys/class/net"), fs::directory_iterator());
  auto text = log_text(host.log_path);
  EXPECT_EQ(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')), host_links) << text;
  remove_and_check_clean("hostnet", on_host.pid);
}

TEST_P(RuntimeTest, LayeredRootfsWritesGoToTheContainerOnly) {
  auto layer = w_.root / "layer";
  fs::create_directories(layer / "etc");
  std::ofstream(layer / "etc" / "motd") << "top layer\n";
  auto s = spec("layers", {"sh", "-c", "cat /etc/motd; echo changed > /etc/motd; ls /bin/busybox"});
  s.rootfs = layer.string() + ":" + w_.rootfs.string();
  auto started = rt_->start(s);
  EXPECT_EQ(wait_exit("layers").exit_code, 0);
  EXPECT_EQ(log_text(s.log_path), "stdout: top layer\nstdout: /bin/busybox\n");
  std::ifstream motd(layer / "etc" / "motd");
  std::string line;
  std::getline(motd, line);
  EXPECT_EQ(line, "top layer");  // the image layer is untouched
  remove_and_check_clean("layers", started.pid);
}

TEST_P(RuntimeTest, StartFailureThrowsAndLeavesNothing) {
  try {
    rt_->start(spec("bad", {"no-such-command"}));
    ADD_FAILURE() << "started a missing command";
  } catch (const runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-command"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(rt_->status("bad").has_value());
  EXPECT_FALSE(any_cgroup_exists(cgroups_for(w_.cgroup_parent + "/bad")));
  EXPECT_TRUE(mounts_under(w_.root / "state").empty());
  auto dup = spec("dup", {"sleep", "30"});
  auto started = rt_->start(dup);
  EXPECT_THROW(rt_->start(dup), runtime_error);
  remove_and_check_clean("dup", started.pid);
}

TEST_P(RuntimeTest, ContainerSurvivesItsCallerAndIsReadopted) {
  // A child process starts the container and exits, like a node process that restarts.
  pid_t creator = ::fork();
  if (creator == 0) {
    int rc = 1;
    try {
      make_runtime(GetParam(), w_)->start(spec("survivor", {"sleep", "30"}));
      rc = 0;
    } catch (...) {
    }
    ::_exit(rc);
  }
  int wst = 0;
  ASSERT_EQ(::waitpid(creator, &wst, 0), creator);
  ASSERT_TRUE(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
  auto fresh = make_runtime(GetParam(), w_);
  auto all = fresh->list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, "survivor");
  EXPECT_EQ(all[0].state, container_state::running);
  EXPECT_EQ(::kill(all[0].pid, 0), 0);
  ASSERT_TRUE(fresh->signal("survivor", SIGKILL));
  std::swap(rt_, fresh);
  EXPECT_EQ(wait_exit("survivor").signal, SIGKILL);
  remove_and_check_clean("survivor", all[0].pid);
}

TEST_P(RuntimeTest, StartLatency) {
  std::vector<double> ms;
  for (int i = 0; i < 5; ++i) {
    auto id = "lat" + std::to_string(i);
    auto t0 = std::chrono::steady_clock::now();
    auto st = rt_->start(spec(id, {"sleep", "30"}));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    EXPECT_EQ(st.state, container_state::running);
    remove_and_check_clean(id, st.pid);
  }
  std::sort(ms.begin(), ms.end());
  std::cout << "[ latency  ] " << GetParam() << " start of 5: min " << ms.front() << " ms, median " << ms[2]
            << " ms, max " << ms.back() << " ms\n";
}

INSTANTIATE_TEST_SUITE_P(Runtimes, RuntimeTest, ::testing::Values("builtin", "runc"));

}  // namespace
