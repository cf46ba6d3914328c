// Pods really run: kubectl run, logs, exit codes and phases, crash-loop back-off, scheduling failures, missing
// images, memory limits and graceful deletion, through the real kubectl against `navarch up` (as root; the
// containers need namespaces and cgroups).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

class KubectlPods : public KubectlTest {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "running containers needs root (namespaces, cgroups, overlay mounts)";
    KubectlTest::SetUp();
  }

  // `kubectl -n NS run ...`: the namespace must come before the container's command after "--".
  run_result run(std::vector<std::string> args) {
    args.insert(args.begin(), {"-n", ns(), "run"});
    return kubectl(args);
  }

  // Polls `get pod NAME -o jsonpath=EXPR` until it equals `want` (or the time is up); returns the last value.
  std::string await_jsonpath(const std::string& pod, const std::string& expr, const std::string& want,
                             std::chrono::seconds limit = std::chrono::seconds(40)) {
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = in_ns({"get", "pod", pod, "-o", "jsonpath=" + expr});
      got = r.out;
      if (got == want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    return got;
  }
};

TEST_P(KubectlPods, RunBecomesReadyAndLogs) {
  ASSERT_KUBECTL_OK(run({"web", "--image=busybox", "--", "sh", "-c", "echo hello from web; sleep 60"}));
  ASSERT_KUBECTL_OK(in_ns({"wait", "--for=condition=Ready", "pod/web", "--timeout=40s"}));
  auto get = in_ns({"get", "pod", "web"});
  EXPECT_TRUE(contains_match(get.out, R"(^web\s+1/1\s+Running\s+0\s)")) << get;
  auto logs = in_ns({"logs", "web"});
  EXPECT_KUBECTL_OK(logs);
  EXPECT_EQ(logs.out, "hello from web\n");
  auto describe = in_ns({"describe", "pod", "web"});
  EXPECT_TRUE(contains_match(describe.out, R"(Normal\s+Pulled\s+.*Container image "busybox" already present)"))
      << describe;
  EXPECT_TRUE(contains_match(describe.out, R"(Normal\s+Created\s+.*Created container web)")) << describe;
  EXPECT_TRUE(contains_match(describe.out, R"(Normal\s+Started\s+.*Started container web)")) << describe;
  EXPECT_NE(jsonpath("pod", "web", "{.status.hostIP}"), "");
  auto del = in_ns({"delete", "pod", "web", "--grace-period=1"}, std::chrono::seconds(60));
  EXPECT_KUBECTL_OK(del);
  EXPECT_KUBECTL_FAILS(in_ns({"get", "pod", "web"}));
}

TEST_P(KubectlPods, ExitCodesAndPhases) {
  ASSERT_KUBECTL_OK(run({"ok", "--image=busybox", "--restart=Never", "--", "sh", "-c", "exit 0"}));
  ASSERT_KUBECTL_OK(run({"bad", "--image=busybox", "--restart=Never", "--", "sh", "-c", "exit 3"}));
  EXPECT_EQ(await_jsonpath("ok", "{.status.phase}", "Succeeded"), "Succeeded");
  EXPECT_EQ(await_jsonpath("bad", "{.status.phase}", "Failed"), "Failed");
  EXPECT_EQ(jsonpath("pod", "bad", "{.status.containerStatuses[0].state.terminated.exitCode}"), "3");
  EXPECT_EQ(jsonpath("pod", "ok", "{.status.containerStatuses[0].state.terminated.reason}"), "Completed");
  auto get = in_ns({"get", "pods"});
  EXPECT_TRUE(contains_match(get.out, R"(^bad\s+0/1\s+Error\s)")) << get;
  EXPECT_TRUE(contains_match(get.out, R"(^ok\s+0/1\s+Completed\s)")) << get;
}

TEST_P(KubectlPods, CrashLoopBacksOff) {
  ASSERT_KUBECTL_OK(run({"crash", "--image=busybox", "--", "sh", "-c", "echo crashing; exit 1"}));
  // Restarts come at once, then after 10 s: two restarts take about 10 s.
  EXPECT_EQ(await_jsonpath("crash", "{.status.containerStatuses[0].restartCount}", "2"), "2");
  auto reason = await_jsonpath("crash", "{.status.containerStatuses[0].state.waiting.reason}", "CrashLoopBackOff");
  EXPECT_EQ(reason, "CrashLoopBackOff");
  auto get = in_ns({"get", "pod", "crash"});
  EXPECT_TRUE(contains_match(get.out, R"(^crash\s+0/1\s+CrashLoopBackOff\s+2)")) << get;
  auto previous = in_ns({"logs", "crash", "--previous"});
  EXPECT_EQ(previous.out, "crashing\n") << previous;
  EXPECT_EQ(jsonpath("pod", "crash", "{.status.containerStatuses[0].lastState.terminated.exitCode}"), "1");
}

TEST_P(KubectlPods, UnschedulableAndMissingImageWait) {
  ASSERT_KUBECTL_OK(run({"big", "--image=busybox",
                           R"(--overrides={"spec":{"containers":[{"name":"big","image":"busybox","args":["sleep","60"],"resources":{"requests":{"cpu":"500"}}}]}})"}));
  ASSERT_KUBECTL_OK(run({"nowhere", "--image=nginx:1.25"}));
  auto describe = in_ns({"describe", "pod", "big"});
  for (int i = 0; i < 50 && describe.out.find("FailedScheduling") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    describe = in_ns({"describe", "pod", "big"});
  }
  EXPECT_TRUE(contains_match(describe.out, R"(Warning\s+FailedScheduling\s+.*0/1 nodes are available: 1 Insufficient cpu)"))
      << describe;
  EXPECT_EQ(jsonpath("pod", "big", "{.status.phase}"), "Pending");
  // ErrImagePull first, then ImagePullBackOff while the kubelet waits to try again.
  auto reason = await_jsonpath("nowhere", "{.status.containerStatuses[0].state.waiting.reason}", "ImagePullBackOff");
  EXPECT_EQ(reason, "ImagePullBackOff");
  EXPECT_TRUE(contains_match(jsonpath("pod", "nowhere", "{.status.containerStatuses[0].state.waiting.message}"),
                             "is not in this node's local image store"));
}

TEST_P(KubectlPods, MemoryLimitGivesOOMKilled) {
  ASSERT_KUBECTL_OK(run({"hog", "--image=busybox", "--restart=Never",
                           R"(--overrides={"spec":{"containers":[{"name":"hog","image":"busybox","args":["dd","if=/dev/zero","of=/dev/null","bs=100M","count=1"],"resources":{"limits":{"memory":"32Mi"}}}]}})"}));
  EXPECT_EQ(await_jsonpath("hog", "{.status.containerStatuses[0].state.terminated.reason}", "OOMKilled"), "OOMKilled");
  EXPECT_EQ(jsonpath("pod", "hog", "{.status.phase}"), "Failed");
}

TEST_P(KubectlPods, ReadinessAndLivenessProbes) {
  // The e2e cluster runs pods on the host network: ports unlikely to be in use, and distinct per test process
  // (both backends' runs of this test may be up at once).
  const std::string served = std::to_string(30000 + getpid() % 10000 * 3), closed = std::to_string(30001 + getpid() % 10000 * 3),
                    dead = std::to_string(30002 + getpid() % 10000 * 3);
  std::string text = R"(apiVersion: v1
kind: Pod
metadata: {name: served}
spec:
  containers:
  - name: web
    image: busybox
    args: ["httpd", "-f", "-p", "38471", "-h", "/etc"]
    readinessProbe: {httpGet: {path: /passwd, port: 38471}, periodSeconds: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: never-ready}
spec:
  containers:
  - name: web
    image: busybox
    args: ["sleep", "300"]
    readinessProbe: {tcpSocket: {port: 38472}, periodSeconds: 1, failureThreshold: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: unhealthy}
spec:
  containers:
  - name: web
    image: busybox
    args: ["sleep", "300"]
    livenessProbe: {tcpSocket: {port: 38473}, periodSeconds: 1, failureThreshold: 2}
)";
  for (auto [from, to] : {std::pair{"38471", served}, std::pair{"38472", closed}, std::pair{"38473", dead}})
    for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, 5, to);
  auto yaml = manifest("probes.yaml", text);
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", yaml}));
  ASSERT_KUBECTL_OK(in_ns({"wait", "--for=condition=Ready", "pod/served", "--timeout=40s"}));
  EXPECT_EQ(await_jsonpath("unhealthy", "{.status.containerStatuses[0].restartCount}", "1"), "1");
  auto describe = in_ns({"describe", "pod", "unhealthy"});
  EXPECT_TRUE(contains_match(describe.out, R"(Liveness probe failed: dial tcp 127\.0\.0\.1:)" + dead)) << describe;
  EXPECT_TRUE(contains_match(describe.out, R"(failed liveness probe, will be restarted)")) << describe;
  EXPECT_EQ(jsonpath("pod", "never-ready", "{.status.containerStatuses[0].ready}"), "false");
  EXPECT_EQ(jsonpath("pod", "never-ready", "{.status.phase}"), "Running");
  auto get = in_ns({"get", "pod", "never-ready"});
  EXPECT_TRUE(contains_match(get.out, R"(^never-ready\s+0/1\s+Running)")) << get;
}

TEST_P(KubectlPods, ConfigMapsSecretsAndVolumesReachContainers) {
  ASSERT_KUBECTL_OK(in_ns({"create", "configmap", "cfg", "--from-literal=mode=fast"}));
  ASSERT_KUBECTL_OK(in_ns({"create", "secret", "generic", "creds", "--from-literal=password=s3cr3t"}));
  auto yaml = manifest("inputs.yaml", R"(apiVersion: v1
kind: Pod
metadata: {name: reader, labels: {app: reader}}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "echo $MODE $PASSWORD $POD; cat /etc/conf/mode /etc/keys/password /etc/info/app; echo x > /scratch/f && cat /scratch/f"]
    env:
    - {name: MODE, valueFrom: {configMapKeyRef: {name: cfg, key: mode}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    volumeMounts:
    - {name: conf, mountPath: /etc/conf}
    - {name: keys, mountPath: /etc/keys}
    - {name: info, mountPath: /etc/info}
    - {name: scratch, mountPath: /scratch}
  volumes:
  - {name: conf, configMap: {name: cfg}}
  - {name: keys, secret: {secretName: creds}}
  - {name: info, downwardAPI: {items: [{path: app, fieldRef: {fieldPath: "metadata.labels['app']"}}]}}
  - {name: scratch, emptyDir: {}}
---
apiVersion: v1
kind: Pod
metadata: {name: missing-config}
spec:
  containers:
  - {name: c, image: busybox, args: ["sleep", "60"], envFrom: [{configMapRef: {name: nope}}]}
)");
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", yaml}));
  EXPECT_EQ(await_jsonpath("reader", "{.status.phase}", "Succeeded"), "Succeeded");
  auto logs = in_ns({"logs", "reader"});
  EXPECT_EQ(logs.out, "fast s3cr3t reader\nfasts3cr3treaderx\n") << logs;  // the files hold no newline
  EXPECT_EQ(await_jsonpath("missing-config", "{.status.containerStatuses[0].state.waiting.reason}",
                           "CreateContainerConfigError"),
            "CreateContainerConfigError");
  EXPECT_EQ(jsonpath("pod", "missing-config", "{.status.containerStatuses[0].state.waiting.message}"),
            "configmap \"nope\" not found");
}

TEST_P(KubectlPods, ExecProbesAndPreStopHooksRunInsideTheContainer) {
  std::string host_dir = "/tmp/navarch-e2e-prestop-" + std::to_string(getpid());
  std::filesystem::create_directories(host_dir);
  auto yaml = manifest("exec.yaml", R"(apiVersion: v1
kind: Pod
metadata: {name: flaky}
spec:
  containers:
  - name: c
    image: busybox
    args: ["sh", "-c", "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 300"]
    livenessProbe: {exec: {command: ["test", "-f", "/tmp/healthy"]}, periodSeconds: 1, failureThreshold: 1}
---
apiVersion: v1
kind: Pod
metadata: {name: hooked}
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: c
    image: busybox
    args: ["sleep", "300"]
    lifecycle: {preStop: {exec: {command: ["sh", "-c", "echo stopping > /out/prestop"]}}}
    volumeMounts: [{name: out, mountPath: /out}]
  volumes: [{name: out, hostPath: {path: )" + host_dir + R"(}}]
)");
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", yaml}));
  EXPECT_EQ(await_jsonpath("flaky", "{.status.containerStatuses[0].restartCount}", "1"), "1");
  auto describe = in_ns({"describe", "pod", "flaky"});
  EXPECT_TRUE(contains_match(describe.out, R"(Liveness probe failed: command exited with 1)")) << describe;
  ASSERT_KUBECTL_OK(in_ns({"wait", "--for=condition=Ready", "pod/hooked", "--timeout=40s"}));
  EXPECT_KUBECTL_OK(in_ns({"delete", "pod", "hooked"}, std::chrono::seconds(60)));
  std::ifstream in(host_dir + "/prestop");
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "stopping");
  std::filesystem::remove_all(host_dir);
}

// The pod tests run many containers; one client is enough to show the behaviour.
INSTANTIATE_TEST_SUITE_P(Clients, KubectlPods, ::testing::Values(kubectl_clients().front()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
