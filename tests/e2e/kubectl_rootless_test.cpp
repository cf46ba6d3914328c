// `navarch up` run by an unprivileged user: the node registers without a taint and says it is rootless, and a pod
// runs (root inside its own user namespace), logs, execs, shares the node's network and is deleted cleanly.
// The test needs root only to start navarch as uid 65534 (with setpriv).
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <thread>

#include "tests/e2e/free_port.hpp"
#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/kubectl_runner.hpp"
#include "tests/e2e/navarch_server.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

constexpr uid_t nobody = 65534;

bool can_run_rootless() {
  const auto max = read_file("/proc/sys/user/max_user_namespaces");
  return !max.empty() && std::stol(max) > 0 && fs::exists("/usr/bin/setpriv");
}

class Rootless : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to start navarch as an unprivileged user (uid 65534)";
    if (!can_run_rootless()) GTEST_SKIP() << "unprivileged user namespaces or setpriv are unavailable here";
    // The unprivileged user gets its own copy of the binaries (the build tree may be closed to it), a home and a
    // data directory.
    for (const char* d : {"bin", "home", "data"}) {
      fs::create_directories(dir_.path() / d);
      ASSERT_EQ(::chown((dir_.path() / d).c_str(), nobody, nobody), 0);
    }
    ASSERT_EQ(::chmod(dir_.path().c_str(), 0755), 0);
    for (const char* b : {"navarch", "navarch-shim"})
      fs::copy_file(navarch_binary().parent_path() / b, dir_.path() / "bin" / b);
    const auto env = isolated_environment(dir_.path() / "home");
    server_ = std::make_unique<navarch_server>(
        dir_.path() / "bin" / "navarch", dir_.path() / "data", dir_.path() / "navarch", env,
        navarch_server_options{{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"}, false});
    runner_ = std::make_unique<kubectl_runner>(kubectl_clients().front(), server_->kubeconfig(), dir_.path(), env);
  }

  void TearDown() override {
    if (server_) {
      auto code = server_->stop(SIGTERM);
      EXPECT_EQ(code, std::optional<int>(0)) << server_->log();
    }
    server_.reset();  // navarch cleanup, as the same user
  }

  run_result kubectl(std::vector<std::string> args, std::chrono::milliseconds timeout = seconds(60)) {
    return runner_->run(args, timeout);
  }

  scratch_dir dir_{"navarch-e2e-rootless-"};
  std::unique_ptr<navarch_server> server_;
  std::unique_ptr<kubectl_runner> runner_;
};

TEST_F(Rootless, PodsRunWithoutRootAndTheNodeSaysSo) {
  // `navarch up` says at start what running without root means (its stdout goes to <log stem>.out).
  const auto out = read_file(dir_.path() / "navarch.out");
  EXPECT_NE(out.find("pods run in user namespaces on the node's network, without resource limits"), std::string::npos)
      << out;
  auto annotations = kubectl({"get", "nodes", "-o", "jsonpath={.items[0].metadata.annotations}"});
  ASSERT_EQ(annotations.exit_code, 0) << annotations;
  EXPECT_NE(annotations.out.find("node.navarch.io/rootless"), std::string::npos) << annotations;
  auto taints = kubectl({"get", "nodes", "-o", "jsonpath={.items[0].spec.taints}"});
  EXPECT_EQ(taints.out, "") << "a rootless node can run pods: no taint";

  const std::string marker = "rootless-" + std::to_string(getpid());
  // Resource limits and a host port are accepted (the limits are not enforced; the port is the node's anyway).
  const auto port = std::to_string(free_loopback_port());
  auto run = kubectl({"run", "hello", "--image=busybox", "--restart=Never", "--override-type=strategic",
                      R"(--overrides={"spec":{"containers":[{"name":"hello","resources":{"limits":{"memory":"64Mi",)"
                      R"("cpu":"200m"}},"ports":[{"containerPort":)" + port + ",\"hostPort\":" + port + "}]}]}}",
                      "--", "sh", "-c", "echo " + marker + " uid=$(id -u); exec sleep 300"});
  ASSERT_EQ(run.exit_code, 0) << run;
  auto ready = kubectl({"wait", "--for=condition=Ready", "pod/hello", "--timeout=60s"}, seconds(70));
  ASSERT_EQ(ready.exit_code, 0) << ready << "\n" << server_->log();

  auto asked = kubectl({"get", "pod", "hello", "-o",
                        "jsonpath={.spec.containers[0].resources.limits.memory} {.spec.containers[0].ports[0].hostPort}"});
  EXPECT_EQ(asked.out, "64Mi " + port) << asked;

  std::string logs;
  for (int i = 0; i < 50 && logs.find(marker) == std::string::npos; ++i) {
    logs = kubectl({"logs", "hello"}).out;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_NE(logs.find(marker + " uid=0"), std::string::npos) << "root inside its user namespace: " << logs;
  auto exec = kubectl({"exec", "hello", "--", "cat", "/proc/1/cmdline"});
  EXPECT_EQ(exec.exit_code, 0) << exec;
  EXPECT_NE(exec.out.find("sleep"), std::string::npos) << exec;

  auto ips = kubectl({"get", "pod", "hello", "-o", "jsonpath={.status.podIP} {.status.hostIP}"});
  const auto space = ips.out.find(' ');
  ASSERT_NE(space, std::string::npos) << ips;
  EXPECT_NE(space, 0u) << "the pod has an IP: " << ips;
  EXPECT_EQ(ips.out.substr(0, space), ips.out.substr(space + 1)) << "a rootless pod is on the node's network";

  auto del = kubectl({"delete", "pod", "hello", "--grace-period=1", "--wait=true"}, seconds(60));
  ASSERT_EQ(del.exit_code, 0) << del;
  bool gone = false;
  for (int i = 0; i < 50 && !gone; ++i) {
    gone = true;
    for (const auto& e : fs::directory_iterator("/proc"))
      if (read_file(e.path() / "cmdline").find(marker) != std::string::npos) gone = false;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(gone) << "the pod's process outlived its deletion";
}

}  // namespace
}  // namespace navarch::e2e
