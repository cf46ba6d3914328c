// `navarch up` itself: bad command lines fail with one line on stderr, signals stop it cleanly, and a restart
// on the same data dir keeps every object.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <mutex>
#include <thread>

#include <unistd.h>

#include "tests/e2e/child_process.hpp"
#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/kubectl_runner.hpp"
#include "tests/e2e/navarch_server.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

using std::chrono::seconds;

// Runs a shell command and returns its output without the trailing newline.
std::string run_shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[256];
  while (fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class NavarchUp : public ::testing::Test {
protected:
  scratch_dir dir_{"navarch-up-"};
  std::vector<std::string> env_ = isolated_environment(dir_.path());

  // Runs `navarch up` with `args` (after "up"), expecting it to refuse them.
  void expect_refused(const std::vector<std::string>& args) {
    // --no-pod-network: even a start that fails late must not create host interfaces.
    std::vector<std::string> argv{navarch_binary().string(), "up", "--no-pod-network"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string shown;
    for (const auto& a : argv)
      shown += a + " ";
    child_process up(argv, env_, dir_.path() / "refused");
    auto code = up.wait_for(seconds(10));
    ASSERT_TRUE(code.has_value()) << shown << ": still running after 10 s\n" << up.out() << up.err();
    EXPECT_NE(*code, 0) << shown;
    const auto err = up.err();
    EXPECT_FALSE(err.empty()) << shown << ": nothing on stderr";
    EXPECT_EQ(err.find('\n'), err.size() - 1) << shown << ": expected exactly one line on stderr:\n" << err;
    EXPECT_EQ(up.out().find("ready"), std::string::npos) << shown << "\n" << up.out();
  }
};

TEST_F(NavarchUp, RefusesUnknownFlag) {
  expect_refused({"--data-dir", (dir_.path() / "d").string(), "--api-port", "0", "--no-such-flag"});
}

TEST_F(NavarchUp, RefusesBadPort) {
  expect_refused({"--data-dir", (dir_.path() / "d").string(), "--api-port", "70000"});
  expect_refused({"--data-dir", (dir_.path() / "d").string(), "--api-port", "http"});
  expect_refused({"--data-dir", (dir_.path() / "d").string(), "--api-port", "-1"});
}

TEST_F(NavarchUp, RefusesUnwritableDataDir) {
  write_file(dir_.path() / "plain-file", "not a directory\n");
  expect_refused({"--data-dir", (dir_.path() / "plain-file" / "data").string(), "--api-port", "0"});
}

TEST_F(NavarchUp, RefusesAStoreOfAnOlderNavarchInsteadOfStartingEmpty) {
  write_file(dir_.path() / "d" / "store" / "store.wal", "NAVWAL01 and records of an older format");
  expect_refused({"--data-dir", (dir_.path() / "d").string(), "--api-port", "0"});
  EXPECT_NE(read_file(dir_.path() / "refused.err").find("store.wal is a store log of an older Navarch"),
            std::string::npos)
      << read_file(dir_.path() / "refused.err");
}

TEST_F(NavarchUp, RefusesBadOrUnreachableDatastore) {
  const std::string data = (dir_.path() / "d").string();
  expect_refused({"--data-dir", data, "--api-port", "0", "--datastore-endpoint", "https://127.0.0.1:2379"});
  expect_refused({"--data-dir", data, "--api-port", "0", "--datastore-endpoint", "http://127.0.0.1:2379,etcd:2379"});
  expect_refused({"--data-dir", data, "--api-port", "0", "--datastore-endpoint"});
  // Nothing listens on port 1: up fails at once, naming the endpoint.
  expect_refused({"--data-dir", data, "--api-port", "0", "--datastore-endpoint", "http://127.0.0.1:1"});
  EXPECT_NE(read_file(dir_.path() / "refused.err").find("127.0.0.1:1"), std::string::npos);
}

TEST_F(NavarchUp, WritesKubeconfigWithHttpsAndClientCertificate) {
  navarch_server server(navarch_binary(), dir_.path() / "data", dir_.path() / "navarch", env_);
  EXPECT_NE(server.ready_line().find(server.kubeconfig().string()), std::string::npos) << server.ready_line();
  const auto kubeconfig = read_file(server.kubeconfig());
  EXPECT_TRUE(contains_match(kubeconfig, R"(server: *"?https://)")) << kubeconfig;
  EXPECT_TRUE(contains_match(kubeconfig, "client-certificate(-data)?:")) << kubeconfig;
  EXPECT_TRUE(contains_match(kubeconfig, "client-key(-data)?:")) << kubeconfig;
  EXPECT_EQ(server.stop(SIGINT), std::optional<int>(0)) << server.log();
}

TEST_F(NavarchUp, RestartKeepsObjects) {
  const auto data = dir_.path() / "data";
  kubectl_client client = kubectl_clients().front();
  std::string uid, rv;
  {
    navarch_server server(navarch_binary(), data, dir_.path() / "navarch-1", env_);
    kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-1", env_);
    ASSERT_KUBECTL_OK(k.run({"create", "namespace", "keep"}));
    ASSERT_KUBECTL_OK(k.run({"create", "configmap", "kept", "--from-literal=k=v", "-n", "keep"}));
    ASSERT_KUBECTL_OK(k.run({"create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", "keep"}));
    auto meta = k.run({"get", "configmap", "kept", "-n", "keep", "-o", "jsonpath={.metadata.uid} {.metadata.resourceVersion}"});
    ASSERT_KUBECTL_OK(meta);
    auto space = meta.out.find(' ');
    ASSERT_NE(space, std::string::npos) << meta;
    uid = meta.out.substr(0, space);
    rv = meta.out.substr(space + 1);
    EXPECT_EQ(server.stop(SIGTERM), std::optional<int>(0)) << "navarch up did not stop cleanly on SIGTERM\n"
                                                           << server.log();
  }
  navarch_server server(navarch_binary(), data, dir_.path() / "navarch-2", env_);
  kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-2", env_);
  EXPECT_KUBECTL_OK(k.run({"get", "namespace", "keep"}));
  auto kept = k.run({"get", "configmap", "kept", "-n", "keep", "-o", "jsonpath={.metadata.uid} {.data.k}"});
  EXPECT_KUBECTL_OK(kept);
  EXPECT_EQ(kept.out, uid + " v") << kept;
  auto web = k.run({"get", "deployment", "web", "-n", "keep", "-o", "jsonpath={.spec.replicas}"});
  EXPECT_KUBECTL_OK(web);
  EXPECT_EQ(web.out, "2") << web;
  // Resource versions keep counting up from where they were.
  ASSERT_KUBECTL_OK(k.run({"create", "configmap", "later", "-n", "keep"}));
  auto later = k.run({"get", "configmap", "later", "-n", "keep", "-o", "jsonpath={.metadata.resourceVersion}"});
  ASSERT_KUBECTL_OK(later);
  EXPECT_GT(std::strtoull(later.out.c_str(), nullptr, 10), std::strtoull(rv.c_str(), nullptr, 10))
      << "rv before restart " << rv << ", new object's rv " << later.out;
  EXPECT_EQ(server.stop(SIGINT), std::optional<int>(0)) << "navarch up did not stop cleanly on SIGINT\n"
                                                        << server.log();
}

TEST_F(NavarchUp, KillNineLosesNoAcknowledgedWrite) {
  const auto data = dir_.path() / "data";
  kubectl_client client = kubectl_clients().front();
  std::vector<std::string> acknowledged;
  {
    navarch_server server(navarch_binary(), data, dir_.path() / "navarch-1", env_);
    kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-1", env_);
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::thread writer([&] {
      for (int i = 0; !stop; ++i) {
        std::string name = "w-" + std::to_string(i);
        if (k.run({"create", "configmap", name, "--from-literal=i=" + std::to_string(i)}).exit_code == 0) {
          std::lock_guard lock(mu);
          acknowledged.push_back(name);
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    server.stop(SIGKILL);  // mid-write, with no chance to flush anything
    stop = true;
    writer.join();
  }
  ASSERT_GE(acknowledged.size(), 3u) << "too few writes before the kill to prove anything";
  navarch_server server(navarch_binary(), data, dir_.path() / "navarch-2", env_);
  kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-2", env_);
  auto names = k.run({"get", "configmaps", "-o", "name"});
  ASSERT_KUBECTL_OK(names);
  for (const auto& name : acknowledged)
    EXPECT_NE(names.out.find("configmap/" + name + "\n"), std::string::npos) << name << " was acknowledged, then lost";
}

TEST_F(NavarchUp, RestartKeepsPodsRunningAndKilledContainersRestart) {
  if (geteuid() != 0) GTEST_SKIP() << "running containers needs root (namespaces, cgroups, overlay mounts)";
  const auto data = dir_.path() / "data";
  kubectl_client client = kubectl_clients().front();
  auto status = [](kubectl_runner& k, const char* expr) {
    return k.run({"get", "pod", "keeper", "-o", std::string("jsonpath=") + expr}).out;
  };
  // A duration unique to this test process: both backends' variants of this test may run at once.
  const std::string sleep_arg = std::to_string(100000 + getpid());
  std::string container;
  {
    navarch_server server(navarch_binary(), data, dir_.path() / "navarch-1", env_);
    server.keep_containers();  // the second server adopts them
    kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-1", env_);
    ASSERT_KUBECTL_OK(k.run({"run", "keeper", "--image=busybox", "--", "sleep", sleep_arg}));
    ASSERT_KUBECTL_OK(k.run({"wait", "--for=condition=Ready", "pod/keeper", "--timeout=40s"}));
    container = status(k, "{.status.containerStatuses[0].containerID}");
    ASSERT_FALSE(container.empty());
    EXPECT_EQ(server.stop(SIGTERM), std::optional<int>(0)) << server.log();
  }
  auto pid_of = [&] { return run_shell("pgrep -f '^sleep " + sleep_arg + "$' | head -1"); };
  auto pid = pid_of();
  ASSERT_FALSE(pid.empty()) << "the container did not survive the node process";
  navarch_server server(navarch_binary(), data, dir_.path() / "navarch-2", env_);
  kubectl_runner k(client, server.kubeconfig(), dir_.path() / "kubectl-2", env_);
  ASSERT_KUBECTL_OK(k.run({"wait", "--for=condition=Ready", "pod/keeper", "--timeout=40s"}));
  EXPECT_EQ(status(k, "{.status.containerStatuses[0].containerID}"), container);
  EXPECT_EQ(status(k, "{.status.containerStatuses[0].restartCount}"), "0");
  EXPECT_EQ(pid_of(), pid) << "the adopted container was started again";
  // A container killed from outside is restarted by its supervisor.
  run_shell("kill -9 " + pid);
  std::string restarts;
  for (int i = 0; i < 100 && restarts != "1"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    restarts = status(k, "{.status.containerStatuses[0].restartCount}");
  }
  EXPECT_EQ(restarts, "1");
  EXPECT_NE(status(k, "{.status.containerStatuses[0].lastState.terminated.exitCode}"), "");
  EXPECT_KUBECTL_OK(k.run({"delete", "pod", "keeper", "--grace-period=1"}, std::chrono::seconds(60)));
}

}  // namespace
}  // namespace navarch::e2e
