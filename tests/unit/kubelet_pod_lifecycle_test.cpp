#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/kubelet/core/pod_lifecycle.hpp"

using namespace navarch::kubelet;
namespace json = boost::json;
using std::chrono::seconds;

namespace {

const auto t0 = wall_clock::time_point{} + seconds(1'800'000'000);

json::object pod(std::string policy, bool with_init = false) {
  json::object spec{{"restartPolicy", policy},
                    {"containers", json::array{json::object{{"name", "app"}, {"image", "busybox"}}}}};
  if (with_init)
    spec["initContainers"] = json::array{json::object{{"name", "setup1"}, {"image", "busybox"}},
                                         json::object{{"name", "setup2"}, {"image", "busybox"}}};
  return {{"spec", spec}};
}

termination exit_with(int code, wall_clock::time_point started, wall_clock::time_point finished) {
  termination t;
  t.exit_code = code;
  t.reason = code == 0 ? "Completed" : "Error";
  t.started_at = started;
  t.finished_at = finished;
  return t;
}

json::object app_status(const pod_lifecycle& p) {
  return p.status().at("containerStatuses").as_array()[0].as_object();
}

std::string waiting_reason(const pod_lifecycle& p) {
  auto s = app_status(p);
  auto& state = s["state"].as_object();
  return state.contains("waiting") ? std::string(state["waiting"].as_object()["reason"].as_string()) : "";
}

}  // namespace

TEST(PodLifecycle, CrashLoopBacksOffDoublingAndCountsRestarts) {
  pod_lifecycle p(pod("Always"), backoff_policy{});
  EXPECT_EQ(p.next(t0).start, std::vector<std::string>{"app"});
  EXPECT_EQ(p.phase(), "Pending");
  p.started("app", "c1", t0);
  EXPECT_EQ(p.phase(), "Running");

  p.exited("app", exit_with(1, t0, t0 + seconds(1)));
  auto plan = p.next(t0 + seconds(1));  // the first restart is immediate
  EXPECT_EQ(plan.start.size(), 1u);
  p.started("app", "c2", t0 + seconds(1));
  EXPECT_EQ(app_status(p)["restartCount"], 1);
  EXPECT_TRUE(app_status(p)["lastState"].as_object().contains("terminated"));

  p.exited("app", exit_with(1, t0 + seconds(1), t0 + seconds(2)));
  plan = p.next(t0 + seconds(2));
  EXPECT_TRUE(plan.start.empty());
  ASSERT_TRUE(plan.wake_at);
  EXPECT_EQ(*plan.wake_at, t0 + seconds(12));  // 10 s
  EXPECT_EQ(waiting_reason(p), "CrashLoopBackOff");
  EXPECT_EQ(p.phase(), "Running");
  EXPECT_EQ(p.next(t0 + seconds(12)).start.size(), 1u);
  p.started("app", "c3", t0 + seconds(12));
  p.exited("app", exit_with(1, t0 + seconds(12), t0 + seconds(13)));
  EXPECT_EQ(*p.next(t0 + seconds(13)).wake_at, t0 + seconds(33));  // then 20 s
  EXPECT_EQ(app_status(p)["restartCount"], 2);
}

TEST(PodLifecycle, LongRunForgivesTheBackOffAndMaxCaps) {
  backoff_policy b{std::chrono::milliseconds(100), std::chrono::milliseconds(250), std::chrono::seconds(60)};
  pod_lifecycle p(pod("Always"), b);
  auto now = t0;
  p.next(now);
  // Crash fast a few times: 0, 100, 200, 250 (capped).
  std::vector<std::chrono::milliseconds> waits;
  for (int i = 0; i < 4; ++i) {
    p.started("app", "c", now);
    p.exited("app", exit_with(1, now, now));
    auto plan = p.next(now);
    waits.push_back(plan.wake_at ? std::chrono::duration_cast<std::chrono::milliseconds>(*plan.wake_at - now)
                                 : std::chrono::milliseconds(0));
    now = plan.wake_at ? *plan.wake_at : now;
    if (plan.wake_at) p.next(now);
  }
  EXPECT_EQ(waits, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(0), std::chrono::milliseconds(100),
                                                           std::chrono::milliseconds(200), std::chrono::milliseconds(250)}));
  // A run longer than reset_after restarts at once.
  p.started("app", "c", now);
  p.exited("app", exit_with(1, now, now + seconds(61)));
  EXPECT_EQ(p.next(now + seconds(61)).start.size(), 1u);
}

TEST(PodLifecycle, RestartPoliciesDecideTheEnd) {
  pod_lifecycle on_failure(pod("OnFailure"), backoff_policy{});
  on_failure.next(t0);
  on_failure.started("app", "c", t0);
  on_failure.exited("app", exit_with(0, t0, t0 + seconds(1)));
  EXPECT_EQ(on_failure.phase(), "Succeeded");
  EXPECT_TRUE(on_failure.finished());
  EXPECT_TRUE(on_failure.next(t0 + seconds(5)).start.empty());

  pod_lifecycle never(pod("Never"), backoff_policy{});
  never.next(t0);
  never.started("app", "c", t0);
  never.exited("app", exit_with(3, t0, t0 + seconds(1)));
  EXPECT_EQ(never.phase(), "Failed");
  EXPECT_EQ(app_status(never)["state"].as_object()["terminated"].as_object()["exitCode"], 3);

  pod_lifecycle retry(pod("OnFailure"), backoff_policy{});
  retry.next(t0);
  retry.started("app", "c", t0);
  retry.exited("app", exit_with(1, t0, t0 + seconds(1)));
  EXPECT_EQ(retry.phase(), "Running");
  EXPECT_EQ(retry.next(t0 + seconds(1)).start.size(), 1u);
}

TEST(PodLifecycle, InitContainersRunInOrderBeforeTheApp) {
  pod_lifecycle p(pod("Always", true), backoff_policy{});
  EXPECT_EQ(p.next(t0).start, std::vector<std::string>{"setup1"});
  EXPECT_TRUE(p.next(t0).start.empty());  // still starting
  p.started("setup1", "i1", t0);
  p.exited("setup1", exit_with(1, t0, t0 + seconds(1)));  // fails: retried
  EXPECT_EQ(p.next(t0 + seconds(1)).start, std::vector<std::string>{"setup1"});
  p.started("setup1", "i1b", t0 + seconds(1));
  p.exited("setup1", exit_with(0, t0 + seconds(1), t0 + seconds(2)));
  EXPECT_EQ(p.next(t0 + seconds(2)).start, std::vector<std::string>{"setup2"});
  EXPECT_EQ(p.phase(), "Pending");
  p.started("setup2", "i2", t0 + seconds(2));
  p.exited("setup2", exit_with(0, t0 + seconds(2), t0 + seconds(3)));
  EXPECT_EQ(p.next(t0 + seconds(3)).start, std::vector<std::string>{"app"});
  auto status = p.status();
  EXPECT_EQ(status["conditions"].as_array()[0].as_object()["status"], "True");  // Initialized
  EXPECT_EQ(status["initContainerStatuses"].as_array().size(), 2u);
}

TEST(PodLifecycle, ReadinessAndStartFailures) {
  pod_lifecycle p(pod("Always"), backoff_policy{});
  p.next(t0);
  p.failed_to_start("app", "ErrImagePull", "image \"nope\" not found", t0);
  EXPECT_EQ(waiting_reason(p), "ErrImagePull");
  EXPECT_EQ(p.phase(), "Pending");
  EXPECT_EQ(p.next(t0).start.size(), 1u);  // retried (first retry immediate)
  p.failed_to_start("app", "ErrImagePull", "image \"nope\" not found", t0);
  EXPECT_EQ(waiting_reason(p), "ImagePullBackOff");  // now waiting 10 s before the next try
  EXPECT_EQ(p.next(t0 + std::chrono::seconds(10)).start.size(), 1u);
  p.started("app", "c", t0);
  EXPECT_EQ(p.status()["conditions"].as_array()[1].as_object()["status"], "False");
  p.set_ready("app", true);
  auto status = p.status();
  EXPECT_EQ(status["conditions"].as_array()[1].as_object()["type"], "Ready");
  EXPECT_EQ(status["conditions"].as_array()[1].as_object()["status"], "True");
  EXPECT_EQ(app_status(p)["ready"], true);
}
