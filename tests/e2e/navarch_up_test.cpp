// `navarch up` itself: bad command lines fail with one line on stderr, signals stop it cleanly, and a restart
// on the same data dir keeps every object.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>

#include "tests/e2e/child_process.hpp"
#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/kubectl_runner.hpp"
#include "tests/e2e/navarch_server.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

using std::chrono::seconds;

class NavarchUp : public ::testing::Test {
protected:
  scratch_dir dir_{"navarch-up-"};
  std::vector<std::string> env_ = isolated_environment(dir_.path());

  // Runs `navarch up` with `args` (after "up"), expecting it to refuse them.
  void expect_refused(const std::vector<std::string>& args) {
    std::vector<std::string> argv{navarch_binary().string(), "up"};
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

}  // namespace
}  // namespace navarch::e2e
