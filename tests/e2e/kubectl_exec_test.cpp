// kubectl exec against `navarch up` (as root; the pods really run): output on stdout and stderr, exit codes,
// stdin, choosing a container, and clear failures. kubectl 1.33 (the dispatcher) streams over WebSocket
// (v5.channel.k8s.io); kubectl 1.27 only speaks SPDY, which the server refuses with a message.
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "tests/e2e/kubectl_fixture.hpp"
#include "tests/e2e/scratch_dir.hpp"

namespace navarch::e2e {
namespace {

class KubectlExec : public KubectlTest {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "running containers needs root (namespaces, cgroups, overlay mounts)";
    KubectlTest::SetUp();
  }

  // `kubectl -n NS ARGS`: the namespace must come before the command after "--" (in_ns appends it).
  run_result ns_kubectl(std::vector<std::string> args, std::chrono::milliseconds timeout = std::chrono::seconds(45)) {
    args.insert(args.begin(), {"-n", ns()});
    return kubectl(args, timeout);
  }

  // `kubectl run NAME --image=busybox -- sh -c SCRIPT`, waited for until Ready.
  void run_ready(const std::string& name, const std::string& script = "sleep 3600") {
    ASSERT_KUBECTL_OK(ns_kubectl({"run", name, "--image=busybox", "--", "sh", "-c", script}));
    ASSERT_KUBECTL_OK(ns_kubectl({"wait", "--for=condition=Ready", "pod/" + name, "--timeout=40s"}));
  }

  // `exec ARGS` with `input` on kubectl's stdin: kubectl runs under `sh -c 'printf %s "$INPUT" | kubectl ...'`
  // with its own copy of this test's kubeconfig.
  run_result exec_with_input(const std::string& input, const std::vector<std::string>& args) {
    auto config = kubectl({"config", "view", "--raw"});
    EXPECT_KUBECTL_OK(config);
    auto kubeconfig = manifest("exec-kubeconfig", config.out);
    auto dir = std::filesystem::path(kubeconfig).parent_path();
    std::filesystem::create_directories(dir / "home");
    auto env = isolated_environment(dir / "home");
    env.push_back("NAVARCH_EXEC_INPUT=" + input);
    std::vector<std::string> argv{"sh", "-c", "printf %s \"$NAVARCH_EXEC_INPUT\" | \"$@\"", "sh", GetParam().path,
                                  "--kubeconfig", kubeconfig, "--cache-dir", (dir / "cache").string(), "-n", ns()};
    argv.insert(argv.end(), args.begin(), args.end());
    child_process process(argv, env, dir / "exec-with-input");
    run_result r;
    r.command = "printf ... | kubectl -n " + ns();
    for (const auto& a : args) r.command += " " + a;
    auto code = process.wait_for(std::chrono::seconds(45));
    r.timed_out = !code;
    r.exit_code = code ? *code : process.kill_group();
    r.out = process.out();
    r.err = process.err();
    return r;
  }
};

TEST_P(KubectlExec, PrintsOutputAndExitsWithTheCommandsCode) {
  run_ready("shell");
  auto hi = ns_kubectl({"exec", "shell", "--", "echo", "hi"});
  EXPECT_KUBECTL_OK(hi);
  EXPECT_EQ(hi.out, "hi\n");

  auto both = ns_kubectl({"exec", "shell", "--", "sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(both.exit_code, 3) << both;
  EXPECT_EQ(both.out, "out\n") << both;
  EXPECT_TRUE(contains_match(both.err, "^err$")) << both;
  EXPECT_TRUE(contains_match(both.err, "command terminated with exit code 3")) << both;

  // More output than one pipe buffer or WebSocket frame holds arrives whole and in order.
  auto many = ns_kubectl({"exec", "shell", "--", "seq", "1", "20000"});
  EXPECT_KUBECTL_OK(many);
  EXPECT_EQ(many.out.size(), 108894u) << many.out.substr(0, 200);
  EXPECT_EQ(many.out.substr(many.out.size() - 6), "20000\n");
}

TEST_P(KubectlExec, StdinReachesTheCommand) {
  run_ready("cat");
  auto echoed = exec_with_input("data from stdin\nsecond line\n", {"exec", "-i", "cat", "--", "cat"});
  EXPECT_KUBECTL_OK(echoed);
  EXPECT_EQ(echoed.out, "data from stdin\nsecond line\n");
  auto counted = exec_with_input("a\nb\nc\n", {"exec", "-i", "cat", "--", "wc", "-l"});
  EXPECT_KUBECTL_OK(counted);
  EXPECT_TRUE(contains_match(counted.out, R"(^\s*3$)")) << counted;
  // Without -i the command's stdin is empty: cat ends at once.
  auto no_stdin = ns_kubectl({"exec", "cat", "--", "cat"});
  EXPECT_KUBECTL_OK(no_stdin);
  EXPECT_EQ(no_stdin.out, "");
}

TEST_P(KubectlExec, ContainerFlagChoosesTheContainer) {
  auto file = manifest("two.yaml", R"(apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: first
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env: [{name: WHO, value: first}]
  - name: second
    image: busybox
    command: ["sh", "-c", "sleep 3600"]
    env: [{name: WHO, value: second}]
)");
  ASSERT_KUBECTL_OK(ns_kubectl({"apply", "-f", file}));
  ASSERT_KUBECTL_OK(ns_kubectl({"wait", "--for=condition=Ready", "pod/two", "--timeout=40s"}));
  auto second = ns_kubectl({"exec", "two", "-c", "second", "--", "sh", "-c", "echo $WHO"});
  EXPECT_KUBECTL_OK(second);
  EXPECT_EQ(second.out, "second\n");
  auto first = ns_kubectl({"exec", "two", "-c", "first", "--", "sh", "-c", "echo $WHO"});
  EXPECT_KUBECTL_OK(first);
  EXPECT_EQ(first.out, "first\n");
  auto defaulted = ns_kubectl({"exec", "two", "--", "sh", "-c", "echo $WHO"});  // kubectl picks the first
  EXPECT_KUBECTL_OK(defaulted);
  EXPECT_EQ(defaulted.out, "first\n");
  auto missing = ns_kubectl({"exec", "two", "-c", "third", "--", "true"});
  EXPECT_KUBECTL_FAILS(missing);
  EXPECT_TRUE(contains_match(missing.err, "third")) << missing;
}

TEST_P(KubectlExec, FailsClearly) {
  auto missing = ns_kubectl({"exec", "nosuchpod", "--", "true"});
  EXPECT_KUBECTL_FAILS(missing);
  EXPECT_TRUE(contains_match(missing.err, R"(pods "nosuchpod" not found)")) << missing;

  run_ready("target");
  auto unknown = ns_kubectl({"exec", "target", "--", "/no/such/binary"});
  EXPECT_KUBECTL_FAILS(unknown);
  EXPECT_TRUE(contains_match(unknown.err, "no/such/binary")) << unknown;
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlExec, ::testing::Values(kubectl_clients().front()), client_test_name);

// kubectl 1.27 offers only SPDY: it must fail at once with the reason, not hang.
class KubectlExecSpdy : public KubectlExec {};

TEST_P(KubectlExecSpdy, IsRefusedWithAMessage) {
  run_ready("old");
  auto r = ns_kubectl({"exec", "old", "--", "echo", "hi"}, std::chrono::seconds(30));
  EXPECT_KUBECTL_FAILS(r);
  EXPECT_TRUE(contains_match(r.err, "SPDY is not supported")) << r;
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlExecSpdy, ::testing::Values(kubectl_clients().back()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
