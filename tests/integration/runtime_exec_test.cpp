// container_runtime::exec on both runtimes (built-in navarch-shim exec, runc exec) against real containers. Needs
// root; every test removes its containers, and the timeout test checks that the killed command is gone.
#include <signal.h>
#include <unistd.h>

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
#include "runtime/oci/runc_runtime.hpp"

namespace {
namespace fs = std::filesystem;
using namespace navarch::runtime;
using namespace std::chrono_literals;

const fs::path test_root = "/tmp/navarch-runtime-exec-test";

// Host pids whose command line is exactly `args` (NUL-separated in /proc/<pid>/cmdline).
std::vector<int> pids_running(const std::vector<std::string>& args) {
  std::string want;
  for (const auto& a : args) want += a + '\0';
  std::vector<int> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "cmdline", std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    if (s.str() == want) out.push_back(std::stoi(name));
  }
  return out;
}

class RuntimeExecTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (namespaces, cgroups, overlay mounts)";
    if (GetParam() == "runc" && !fs::exists("/usr/sbin/runc")) GTEST_SKIP() << "runc is not installed";
    fs::create_directories(root_);
    build_busybox_rootfs(root_ / "busybox");
    runtime_options opts{.state_root = root_ / "state", .shim_path = NAVARCH_SHIM_PATH,
                         .cgroup_parent = cgroup_parent_};
    if (GetParam() == "builtin") rt_ = std::make_unique<builtin_runtime>(opts);
    else rt_ = std::make_unique<runc_runtime>(opts, runc_options{.runc_root = (root_ / "runc").string()});
  }

  void TearDown() override {
    if (!rt_) return;
    for (const auto& st : rt_->list()) rt_->remove(st.id);
    // The parent cgroup (runc makes it in every hierarchy) goes once its containers are gone.
    std::ifstream in("/proc/self/cgroup");
    std::stringstream self;
    self << in.rdbuf();
    for (const auto& h : fs::directory_iterator("/sys/fs/cgroup")) {
      auto name = h.path().filename().string();
      auto own = cgroup_path_of(self.str(), name == "unified" ? "" : name == "systemd" ? "name=systemd" : name);
      auto dir = h.path() / fs::path(own).relative_path() / cgroup_parent_;
      if (!own.empty() && fs::exists(dir)) {
        EXPECT_EQ(::rmdir(dir.c_str()), 0) << dir;
      }
    }
    fs::remove_all(root_);
    std::error_code ec;
    fs::remove(test_root, ec);
  }

  // A long-running container that wrote /tmp/written, with a known hostname and environment.
  container_status start_sleeper(const std::string& id) {
    container_spec s;
    s.id = id;
    s.name = id;
    s.pod_uid = "uid-1";
    s.rootfs = (root_ / "busybox").string();
    s.command = {"sh", "-c", "echo from-init > /tmp/written; exec sleep 1000"};
    s.env = {"GREETING=hello-env"};
    s.hostname = "exec-host";
    auto st = rt_->start(s);
    for (int i = 0; i < 200 && rt_->exec(id, {"test", "-f", "/tmp/written"}, 5s).exit_code != 0; ++i)
      std::this_thread::sleep_for(10ms);
    return st;
  }

  fs::path root_ = test_root / std::to_string(::getpid());
  std::string cgroup_parent_ = "navarch-exec-test-" + std::to_string(::getpid());
  std::unique_ptr<container_runtime> rt_;
};

TEST_P(RuntimeExecTest, OutputExitCodesMountsHostnameAndEnvironment) {
  start_sleeper("c1");
  auto r = rt_->exec("c1", {"echo", "hi"}, 5s);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "hi\n");
  EXPECT_FALSE(r.timed_out);

  r = rt_->exec("c1", {"sh", "-c", "echo out; echo err >&2; exit 3"}, 5s);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("out\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("err\n"), std::string::npos) << r.output;

  // Same mount namespace and root: the init's file; same uts namespace; the init's environment; cwd /.
  EXPECT_EQ(rt_->exec("c1", {"cat", "/tmp/written"}, 5s).output, "from-init\n");
  EXPECT_EQ(rt_->exec("c1", {"hostname"}, 5s).output, "exec-host\n");
  EXPECT_EQ(rt_->exec("c1", {"sh", "-c", "echo $GREETING"}, 5s).output, "hello-env\n");
  EXPECT_EQ(rt_->exec("c1", {"pwd"}, 5s).output, "/\n");
  // Same cgroups as the init.
  EXPECT_EQ(rt_->exec("c1", {"cat", "/proc/self/cgroup"}, 5s).output, rt_->exec("c1", {"cat", "/proc/1/cgroup"}, 5s).output);
  // Same pid namespace: the container's init is pid 1 there.
  EXPECT_EQ(rt_->exec("c1", {"cat", "/proc/1/cmdline"}, 5s).output, std::string("sleep\0" "1000\0", 11));
  // Files written by exec are visible to the container (and to later execs).
  EXPECT_EQ(rt_->exec("c1", {"sh", "-c", "echo x > /tmp/by-exec"}, 5s).exit_code, 0);
  EXPECT_EQ(rt_->exec("c1", {"cat", "/tmp/by-exec"}, 5s).output, "x\n");

  // Large output is cut at the cap (and does not block the command).
  r = rt_->exec("c1", {"sh", "-c", "yes 0123456789 | head -c 3000000"}, 5s);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.size(), exec_output_cap);
  EXPECT_EQ(r.output.substr(0, 22), "0123456789\n0123456789\n");

  // Latency of a trivial exec, for the report.
  auto t0 = std::chrono::steady_clock::now();
  constexpr int n = 20;
  for (int i = 0; i < n; ++i) ASSERT_EQ(rt_->exec("c1", {"true"}, 5s).exit_code, 0);
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("[ %s ] exec latency: %.2f ms per `true`\n", GetParam().c_str(), us / 1000.0 / n);
}

TEST_P(RuntimeExecTest, CommandNotFoundIsAnError) {
  start_sleeper("c2");
  auto r = rt_->exec("c2", {"no-such-command"}, 5s);
  EXPECT_NE(r.error.find("no-such-command"), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find("time="), std::string::npos) << r.error;  // runc's log prefix is stripped
  EXPECT_FALSE(r.timed_out);
  EXPECT_NE(rt_->exec("c2", {}, 5s).error, "");
}

TEST_P(RuntimeExecTest, TimeoutKillsTheCommand) {
  start_sleeper("c3");
  auto t0 = std::chrono::steady_clock::now();
  // Durations unique to this test process, so parallel test processes do not see each other's sleeps.
  auto pid = std::to_string(::getpid());
  auto r = rt_->exec("c3", {"sleep", "37." + pid}, 200ms);
  auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.exit_code, 128 + SIGKILL);
  EXPECT_GE(took, 200ms);
  EXPECT_LT(took, 3s);
  // Killed, and reaped (no zombie either: it was a child of the helper).
  EXPECT_TRUE(pids_running({"sleep", "37." + pid}).empty());
  // What the command started goes too.
  r = rt_->exec("c3", {"sh", "-c", "sleep 38." + pid + "; :"}, 200ms);
  EXPECT_TRUE(r.timed_out);
  std::this_thread::sleep_for(100ms);  // an orphan is reaped by the container's init, if ever
  EXPECT_TRUE(pids_running({"sleep", "38." + pid}).empty());
  // The container itself lives on.
  EXPECT_EQ(rt_->exec("c3", {"echo", "still"}, 5s).output, "still\n");
}

TEST_P(RuntimeExecTest, StoppedOrUnknownContainerIsAnError) {
  auto st = start_sleeper("c4");
  rt_->signal("c4", SIGKILL);
  for (int i = 0; i < 500 && rt_->status("c4")->state != container_state::exited; ++i)
    std::this_thread::sleep_for(10ms);
  auto r = rt_->exec("c4", {"echo", "hi"}, 5s);
  EXPECT_NE(r.error.find("not running"), std::string::npos) << r.error;
  EXPECT_EQ(r.output, "");
  EXPECT_NE(rt_->exec("nope", {"echo", "hi"}, 5s).error.find("does not exist"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Runtimes, RuntimeExecTest, ::testing::Values("builtin", "runc"));

}  // namespace
