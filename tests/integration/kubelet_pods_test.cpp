// The kubelet and its pod supervisors against the real apiserver, with a scripted container runtime: pods bound
// to the node run, restart with back-off, fail, serve logs and are deleted gracefully.
#include <gtest/gtest.h>

#include <thread>

#include <boost/json.hpp>
#include <caf/all.hpp>

#include "actors/kubelet/actor/kubelet_actor.hpp"
#include "tests/integration/fake_container_port.hpp"
#include "tests/integration/test_cluster.hpp"

using namespace navarch;
using navarch::test_support::make_request;
namespace json = boost::json;

namespace {

class KubeletPods : public ::testing::Test {
 protected:
  test_support::test_cluster cluster;
  std::shared_ptr<test_support::fake_container_port> port =
      std::make_shared<test_support::fake_container_port>(cluster.dir() / "fake-logs");
  caf::actor kubelet;

  void SetUp() override {
    kubelet::kubelet_options opts;
    opts.node.name = "fake-node";
    opts.backoff = {std::chrono::milliseconds(100), std::chrono::milliseconds(400), std::chrono::seconds(60)};
    opts.container_poll = std::chrono::milliseconds(50);
    kubelet = kubelet::spawn_kubelet(cluster.system(), cluster.api(), opts, port);
  }
  void TearDown() override { caf::anon_send_exit(kubelet, caf::exit_reason::user_shutdown); }

  void create_pod(const std::string& name, const std::string& policy, const std::string& args,
                  const std::string& image = "busybox") {
    std::string body = R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":")" + name +
                       R"("},"spec":{"nodeName":"fake-node","restartPolicy":")" + policy +
                       R"(","terminationGracePeriodSeconds":5,"containers":[{"name":"app","image":")" + image +
                       R"(","args":)" + args + "}]}}";
    auto r = cluster.call(make_request("create", "pods", "default", "", body));
    ASSERT_EQ(r.code, 201) << r.body;
  }

  json::object get_pod(const std::string& name) {
    auto r = cluster.call(make_request("get", "pods", "default", name));
    if (r.code != 200) return {};
    return json::parse(r.body).as_object();
  }

  // Polls the pod until `check` holds (up to 10 s); returns the last pod seen.
  template <class Check>
  json::object wait_for(const std::string& name, Check check) {
    json::object pod;
    for (int i = 0; i < 200; ++i) {
      pod = get_pod(name);
      if (check(pod)) return pod;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "timed out; last seen: " << json::serialize(pod);
    return pod;
  }

  static json::object app_status(json::object& pod) {
    auto* status = pod.if_contains("status");
    auto* list = status ? status->as_object().if_contains("containerStatuses") : nullptr;
    if (!list || !list->is_array() || list->as_array().empty()) return {};
    return list->as_array()[0].as_object();
  }
  static std::string phase(json::object& pod) {
    auto* status = pod.if_contains("status");
    auto* p = status ? status->as_object().if_contains("phase") : nullptr;
    return p && p->is_string() ? std::string(p->get_string()) : "";
  }
};

}  // namespace

TEST_F(KubeletPods, APodRunsAndReportsReady) {
  create_pod("web", "Always", R"(["sleep"])");
  auto pod = wait_for("web", [](json::object& p) {
    auto s = app_status(p);
    return phase(p) == "Running" && s.contains("ready") && s["ready"] == json::value(true);
  });
  EXPECT_TRUE(app_status(pod)["state"].as_object().contains("running"));
  EXPECT_EQ(pod["status"].as_object()["hostIP"], "127.0.0.1");
  bool ready = false;
  for (auto& c : pod["status"].as_object()["conditions"].as_array())
    if (c.as_object()["type"] == json::value("Ready")) ready = c.as_object()["status"] == json::value("True");
  EXPECT_TRUE(ready);

  auto log = make_request("get", "pods", "default", "web");
  log.subresource = "log";
  auto r = cluster.call(log);
  EXPECT_EQ(r.code, 200);
  EXPECT_EQ(r.body, "hello from app\n");
}

TEST_F(KubeletPods, CrashingContainersRestartWithGrowingBackOff) {
  create_pod("crash", "Always", R"(["exit","1"])");
  auto pod = wait_for("crash", [](json::object& p) {
    auto s = app_status(p);
    return s.contains("restartCount") && s["restartCount"].as_int64() >= 3;
  });
  auto s = app_status(pod);
  EXPECT_EQ(phase(pod), "Running");
  EXPECT_EQ(s["lastState"].as_object()["terminated"].as_object()["exitCode"], 1);
  wait_for("crash", [](json::object& p) {
    auto st = app_status(p);
    auto* waiting = st.contains("state") ? st["state"].as_object().if_contains("waiting") : nullptr;
    return waiting && waiting->as_object().at("reason") == json::value("CrashLoopBackOff");
  });
}

TEST_F(KubeletPods, RestartPolicyNeverFailsThePodAndMissingImagesWait) {
  create_pod("once", "Never", R"(["exit","3"])");
  auto pod = wait_for("once", [](json::object& p) { return phase(p) == "Failed"; });
  EXPECT_EQ(app_status(pod)["state"].as_object()["terminated"].as_object()["exitCode"], 3);
  EXPECT_EQ(app_status(pod)["restartCount"], 0);

  create_pod("noimage", "Always", R"(["sleep"])", "missing");
  wait_for("noimage", [](json::object& p) {
    auto st = app_status(p);
    auto* waiting = st.contains("state") ? st["state"].as_object().if_contains("waiting") : nullptr;
    if (!waiting) return false;
    auto reason = waiting->as_object().at("reason");  // ErrImagePull, then ImagePullBackOff between attempts
    return reason == json::value("ErrImagePull") || reason == json::value("ImagePullBackOff");
  });
}

TEST_F(KubeletPods, DeletionStopsContainersThenRemovesThePod) {
  create_pod("doomed", "Always", R"(["sleep"])");
  wait_for("doomed", [](json::object& p) { return phase(p) == "Running"; });
  auto del = cluster.call(make_request("delete", "pods", "default", "doomed"));
  ASSERT_EQ(del.code, 200);
  EXPECT_TRUE(json::parse(del.body).as_object()["metadata"].as_object().contains("deletionTimestamp"));
  int code = 200;
  for (int i = 0; i < 200 && code != 404; ++i) {
    code = cluster.call(make_request("get", "pods", "default", "doomed")).code;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(code, 404);
  for (int i = 0; i < 100 && port->live_containers() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(port->live_containers(), 0u);
}
