#include <gtest/gtest.h>

#include <set>

#include "actors/scheduler/core/schedule.hpp"
#include "tests/unit/scheduler_test_util.hpp"

namespace navarch::scheduler {
namespace {

using test::sized_node;
using test::sized_pod;

struct fixture {
  cluster_snapshot snap;
  schedule_options opts;
  schedule_cursor cursor{0, 42};

  schedule_result run(const pod_info& p) { return schedule(p, snap, opts, cursor); }
  // Schedules and assumes, as the scheduler does after a decision.
  std::string place(const pod_info& p) {
    auto r = run(p);
    if (r.scheduled()) snap.assume(p, r.node);
    return r.node;
  }
};

TEST(SchedulerSchedule, PicksTheLeastAllocatedNode) {
  fixture f;
  f.snap.upsert_node(sized_node("busy", "4", "8Gi"));
  f.snap.upsert_node(sized_node("idle", "4", "8Gi"));
  f.snap.assume(sized_pod("existing", "3", "6Gi"), "busy");
  auto r = f.run(sized_pod("p", "500m", "1Gi"));
  EXPECT_EQ(r.node, "idle");
  EXPECT_EQ(r.feasible_nodes, 2u);
}

TEST(SchedulerSchedule, NodeSelectorLimitsTheChoice) {
  fixture f;
  f.snap.upsert_node(sized_node("hdd", "8", "8Gi", 110, R"({"disk":"hdd"})"));
  f.snap.upsert_node(sized_node("ssd", "1", "1Gi", 110, R"({"disk":"ssd"})"));
  EXPECT_EQ(f.run(sized_pod("p", "100m", "", R"("nodeSelector":{"disk":"ssd"})")).node, "ssd");
}

TEST(SchedulerSchedule, PreferredAffinityAndPreferNoScheduleSteer) {
  fixture f;
  f.snap.upsert_node(sized_node("a", "4", "8Gi", 110, R"({"tier":"gold"})"));
  f.snap.upsert_node(sized_node("b", "4", "8Gi"));
  auto p = sized_pod("p", "100m", "100Mi", R"("affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[
      {"weight":1,"preference":{"matchExpressions":[{"key":"tier","operator":"In","values":["gold"]}]}}]}})");
  EXPECT_EQ(f.run(p).node, "a");

  fixture g;
  g.snap.upsert_node(sized_node("spot", "4", "8Gi", 110, "{}", R"({"taints":[{"key":"spot","effect":"PreferNoSchedule"}]})"));
  g.snap.upsert_node(sized_node("steady", "4", "8Gi"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(g.run(sized_pod("p", "100m", "100Mi")).node, "steady");
}

TEST(SchedulerSchedule, SpreadsPodsOfOneOwner) {
  fixture f;
  for (auto n : {"n1", "n2", "n3"}) f.snap.upsert_node(sized_node(n, "16", "64Gi"));
  std::set<std::string> used;
  for (int i = 0; i < 3; ++i) used.insert(f.place(sized_pod("web-" + std::to_string(i), "10m", "10Mi", "", "rs-web")));
  EXPECT_EQ(used.size(), 3u);
}

TEST(SchedulerSchedule, AssumeAndForgetChangeLaterDecisions) {
  fixture f;
  f.snap.upsert_node(sized_node("n1", "1", "4Gi"));
  f.snap.upsert_node(sized_node("n2", "1", "4Gi"));
  auto first = f.place(sized_pod("a", "1", "1Gi"));
  auto second = f.place(sized_pod("b", "1", "1Gi"));
  EXPECT_NE(first, second);
  auto r = f.run(sized_pod("c", "1", "1Gi"));
  EXPECT_FALSE(r.scheduled());
  EXPECT_EQ(r.message,
            "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption "
            "victims found for incoming pod.");
  ASSERT_TRUE(f.snap.forget("default/a"));
  EXPECT_EQ(f.run(sized_pod("c", "1", "1Gi")).node, first);
}

TEST(SchedulerSchedule, HostPortsAreTakenByEarlierPods) {
  fixture f;
  f.snap.upsert_node(sized_node("n1", "4", "4Gi"));
  auto web = [](const std::string& name) {
    return test::pod(R"({"metadata":{"name":")" + name +
                     R"("},"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"hostPort":8080}]}]}})");
  };
  EXPECT_EQ(f.place(web("a")), "n1");
  auto r = f.run(web("b"));
  EXPECT_EQ(r.message,
            "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 "
            "nodes are available: 1 No preemption victims found for incoming pod.");
}

TEST(SchedulerSchedule, FailureMessageAggregatesPerNodeReasons) {
  fixture f;
  f.snap.upsert_node(sized_node("small", "500m", "4Gi", 110, R"({"disk":"ssd"})"));
  f.snap.upsert_node(sized_node("hdd1", "8", "4Gi", 110, R"({"disk":"hdd"})"));
  f.snap.upsert_node(sized_node("hdd2", "8", "4Gi", 110, R"({"disk":"hdd"})"));
  auto r = f.run(sized_pod("p", "1", "", R"("nodeSelector":{"disk":"ssd"})"));
  ASSERT_FALSE(r.scheduled());
  EXPECT_EQ(r.message,
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. "
            "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is "
            "not helpful for scheduling.");
  ASSERT_EQ(r.failures.size(), 3u);
  EXPECT_EQ(r.evaluated_nodes, 3u);
}

TEST(SchedulerSchedule, FailureMessageForTaintsCordonsAndNever) {
  fixture f;
  f.snap.upsert_node(sized_node("cordoned", "8", "8Gi", 110, "{}", R"({"unschedulable":true})"));
  f.snap.upsert_node(sized_node("tainted", "8", "8Gi", 110, "{}",
                                R"({"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]})"));
  f.snap.upsert_node(sized_node("full", "8", "8Gi", 0));
  auto r = f.run(sized_pod("p", "", "", R"("preemptionPolicy":"Never")"));
  EXPECT_EQ(r.message,
            "0/3 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint "
            "{node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: not eligible due "
            "to preemptionPolicy=Never.");
}

TEST(SchedulerSchedule, FailureMessageSortsAsStrings) {
  std::vector<node_failure> failures;
  for (int i = 0; i < 10; ++i) failures.push_back({"a" + std::to_string(i), {"Insufficient memory"}, false});
  for (int i = 0; i < 2; ++i) failures.push_back({"b" + std::to_string(i), {"Insufficient cpu", "Too many pods"}, false});
  EXPECT_EQ(failed_scheduling_message(12, failures, false),
            "0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu, 2 Too many pods. preemption: 0/12 "
            "nodes are available: 12 No preemption victims found for incoming pod.");
  EXPECT_EQ(failed_scheduling_message(0, {}, false), "no nodes available to schedule pods");
  fixture empty;
  EXPECT_EQ(empty.run(sized_pod("p", "", "")).message, "no nodes available to schedule pods");
}

TEST(SchedulerSchedule, FeasibleNodesToFind) {
  EXPECT_EQ(feasible_nodes_to_find(50, 0), 50u);
  EXPECT_EQ(feasible_nodes_to_find(100, 0), 100u);    // 50%, but never below 100
  EXPECT_EQ(feasible_nodes_to_find(1000, 0), 420u);   // 50 - 8 = 42%
  EXPECT_EQ(feasible_nodes_to_find(2000, 0), 680u);   // 34%
  EXPECT_EQ(feasible_nodes_to_find(5000, 0), 500u);   // 10%
  EXPECT_EQ(feasible_nodes_to_find(6000, 0), 300u);   // 2% raised to 5%
  EXPECT_EQ(feasible_nodes_to_find(500, 10), 100u);
  EXPECT_EQ(feasible_nodes_to_find(5000, 30), 1500u);
  EXPECT_EQ(feasible_nodes_to_find(5000, 100), 5000u);
}

TEST(SchedulerSchedule, SearchStopsEarlyAndRotates) {
  fixture f;
  for (int i = 0; i < 300; ++i) f.snap.upsert_node(sized_node("n" + std::to_string(i), "4", "8Gi"));
  f.opts.percentage_of_nodes_to_score = 40;  // 120 of 300
  auto r = f.run(sized_pod("p", "100m", "100Mi"));
  EXPECT_EQ(r.evaluated_nodes, 120u);
  EXPECT_EQ(r.feasible_nodes, 120u);
  EXPECT_EQ(f.cursor.next_start_node, 120u);
  f.run(sized_pod("p", "100m", "100Mi"));
  f.run(sized_pod("p", "100m", "100Mi"));
  EXPECT_EQ(f.cursor.next_start_node, 60u);  // 360 wraps around 300
  // Nodes that do not fit do not count towards the goal.
  auto big = f.run(sized_pod("big", "5", ""));
  EXPECT_EQ(big.evaluated_nodes, 300u);
  EXPECT_FALSE(big.scheduled());
}

TEST(SchedulerSchedule, TiesAreBrokenBySeedReproducibly) {
  auto decide = [](uint64_t seed) {
    fixture f;
    f.cursor = {0, seed};
    for (int i = 0; i < 8; ++i) f.snap.upsert_node(sized_node("n" + std::to_string(i), "4", "8Gi"));
    return f.run(sized_pod("p", "100m", "100Mi")).node;
  };
  std::set<std::string> picked;
  for (uint64_t seed = 0; seed < 32; ++seed) {
    EXPECT_EQ(decide(seed), decide(seed));
    picked.insert(decide(seed));
  }
  EXPECT_GT(picked.size(), 3u);  // equal nodes all get their turn
}

}  // namespace
}  // namespace navarch::scheduler
