#include <gtest/gtest.h>

#include "actors/scheduler/core/filters.hpp"
#include "actors/scheduler/core/snapshot.hpp"
#include "tests/unit/scheduler_test_util.hpp"

namespace navarch::scheduler {
namespace {

using test::pod;
using test::sized_node;
using test::sized_pod;

TEST(SchedulerModel, ContainerRequestsAddUp) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"containers":[
    {"name":"a","resources":{"requests":{"cpu":"250m","memory":"64Mi"}}},
    {"name":"b","resources":{"requests":{"cpu":"0.5","memory":"1G"}}}]}})");
  EXPECT_EQ(p.namespace_name, "default");
  EXPECT_EQ(p.requests, (resources{750, (64LL << 20) + 1000000000}));
  EXPECT_EQ(p.nonzero_requests, p.requests);
}

TEST(SchedulerModel, InitContainersCountAtTheirPeak) {
  // Init containers run one at a time before the containers: the pod needs the larger of the two phases.
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{
    "initContainers":[{"name":"i1","resources":{"requests":{"cpu":"2","memory":"10Mi"}}},
                      {"name":"i2","resources":{"requests":{"cpu":"100m","memory":"1Gi"}}}],
    "containers":[{"name":"c","resources":{"requests":{"cpu":"1","memory":"100Mi"}}}]}})");
  EXPECT_EQ(p.requests, (resources{2000, 1LL << 30}));
}

TEST(SchedulerModel, SidecarsRunBesideLaterInitContainersAndTheContainers) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{
    "initContainers":[{"name":"side","restartPolicy":"Always","resources":{"requests":{"cpu":"500m"}}},
                      {"name":"init","resources":{"requests":{"cpu":"1"}}}],
    "containers":[{"name":"c","resources":{"requests":{"cpu":"200m"}}}]}})");
  // init step: 1 + 0.5 sidecar = 1.5; running: 0.2 + 0.5 = 0.7.
  EXPECT_EQ(p.requests.milli_cpu, 1500);
}

TEST(SchedulerModel, OverheadIsAdded) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"overhead":{"cpu":"10m","memory":"1Mi"},
    "containers":[{"name":"c","resources":{"requests":{"cpu":"100m","memory":"1Mi"}}}]}})");
  EXPECT_EQ(p.requests, (resources{110, 2LL << 20}));
}

TEST(SchedulerModel, UnsetRequestsGetScoringDefaultsOnly) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"containers":[
    {"name":"a"},{"name":"b","resources":{"requests":{"cpu":"0"}}}]}})");
  EXPECT_EQ(p.requests, (resources{0, 0}));
  // a: both defaults; b: cpu explicitly 0, memory default.
  EXPECT_EQ(p.nonzero_requests, (resources{default_milli_cpu_request, 2 * default_memory_request}));
}

TEST(SchedulerModel, ReadsOwnerSelectorsTolerationsAndPorts) {
  auto p = pod(R"({"metadata":{"name":"p","namespace":"ns","uid":"u1","ownerReferences":[
      {"uid":"other","controller":false},{"uid":"rs-1","controller":true}]},
    "spec":{"nodeSelector":{"disk":"ssd"},"preemptionPolicy":"Never",
      "tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule"},{"key":"a","value":"b"}],
      "containers":[{"name":"c","ports":[{"containerPort":80,"hostPort":8080},
                                         {"containerPort":53,"hostPort":53,"protocol":"UDP","hostIP":"10.0.0.1"},
                                         {"containerPort":9000}]}]}})");
  EXPECT_EQ(p.key(), "ns/p");
  EXPECT_EQ(p.owner_uid, "rs-1");
  EXPECT_TRUE(p.preempt_never);
  ASSERT_EQ(p.node_selector.requirements.size(), 1u);
  ASSERT_EQ(p.tolerations.size(), 2u);
  EXPECT_TRUE(p.tolerations[0].exists);
  EXPECT_EQ(p.tolerations[0].effect, taint_effect::no_schedule);
  EXPECT_FALSE(p.tolerations[1].effect.has_value());
  ASSERT_EQ(p.host_ports.size(), 2u);
  EXPECT_EQ(p.host_ports[0], (host_port{"0.0.0.0", port_protocol::tcp, 8080}));
  EXPECT_EQ(p.host_ports[1], (host_port{"10.0.0.1", port_protocol::udp, 53}));
}

TEST(SchedulerModel, HostNetworkMakesContainerPortsHostPorts) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"hostNetwork":true,
    "containers":[{"name":"c","ports":[{"containerPort":8080}]}]}})");
  ASSERT_EQ(p.host_ports.size(), 1u);
  EXPECT_EQ(p.host_ports[0].port, 8080);
}

TEST(SchedulerModel, BadPodsGiveClearErrors) {
  auto bad_cpu = pod_info_from_json(boost::json::parse(
      R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","resources":{"requests":{"cpu":"lots"}}}]}})"));
  EXPECT_NE(bad_cpu.error.find("spec.containers[0].resources.requests[cpu]: invalid quantity \"lots\""),
            std::string::npos)
      << bad_cpu.error;
  auto negative = pod_info_from_json(boost::json::parse(
      R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","resources":{"requests":{"memory":"-1"}}}]}})"));
  EXPECT_FALSE(negative.ok());
  auto bad_toleration = pod_info_from_json(
      boost::json::parse(R"({"metadata":{"name":"p"},"spec":{"tolerations":[{"key":"k","effect":"Sometimes"}]}})"));
  EXPECT_EQ(bad_toleration.error, "spec.tolerations[0].effect: Unsupported value: \"Sometimes\"");
  EXPECT_FALSE(pod_info_from_json(boost::json::parse("[]")).ok());
  EXPECT_FALSE(pod_info_from_json(boost::json::parse(R"({"metadata":{}})")).ok());
}

TEST(SchedulerModel, NodeFromJson) {
  auto n = test::node(R"({"metadata":{"name":"n1","labels":{"topology.kubernetes.io/zone":"z1","disk":"ssd"}},
    "spec":{"unschedulable":true,"taints":[{"key":"gpu","value":"yes","effect":"NoSchedule"},
                                           {"key":"spot","effect":"PreferNoSchedule"}]},
    "status":{"capacity":{"cpu":"8"},"allocatable":{"cpu":"3800m","memory":"15Gi","pods":"110"}}})");
  EXPECT_EQ(n.name, "n1");
  EXPECT_TRUE(n.unschedulable);
  EXPECT_EQ(n.allocatable, (resources{3800, 15LL << 30}));
  EXPECT_EQ(n.allowed_pods, 110);
  EXPECT_EQ(n.zone, ":z1");
  ASSERT_EQ(n.taints.size(), 2u);
  EXPECT_EQ(n.taints[1].effect, taint_effect::prefer_no_schedule);
  EXPECT_FALSE(node_info_from_json(boost::json::parse(R"({"metadata":{"name":"n"},"status":{"allocatable":{"cpu":"x"}}})")).ok());
  // Plain JSON numbers are quantities too.
  auto numeric = test::node(R"({"metadata":{"name":"n"},"status":{"allocatable":{"cpu":2,"memory":1e9,"pods":110}}})");
  EXPECT_EQ(numeric.allocatable, (resources{2000, 1000000000}));
  EXPECT_EQ(numeric.allowed_pods, 110);
}

TEST(SchedulerSnapshot, AssumeAndForgetKeepUsage) {
  cluster_snapshot snap;
  snap.upsert_node(sized_node("n1", "4", "8Gi"));
  auto a = sized_pod("a", "1", "1Gi", "", "rs");
  auto b = sized_pod("b", "", "", "", "rs");
  snap.assume(a, "n1");
  snap.assume(b, "n1");
  const node_info* n = snap.find_node("n1");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->pod_count, 2);
  EXPECT_EQ(n->requested, (resources{1000, 1LL << 30}));
  EXPECT_EQ(n->nonzero_requested, (resources{1000 + default_milli_cpu_request, (1LL << 30) + default_memory_request}));
  ASSERT_TRUE(snap.owner_id("rs").has_value());
  EXPECT_EQ(n->pods_of_owner(*snap.owner_id("rs")), 2);

  EXPECT_TRUE(snap.forget("default/a"));
  EXPECT_FALSE(snap.forget("default/a"));
  EXPECT_EQ(n->pod_count, 1);
  EXPECT_EQ(n->requested, (resources{0, 0}));
  EXPECT_EQ(n->pods_of_owner(*snap.owner_id("rs")), 1);
}

TEST(SchedulerSnapshot, AssumingAgainMovesThePod) {
  cluster_snapshot snap;
  snap.upsert_node(sized_node("n1", "4", "8Gi"));
  snap.upsert_node(sized_node("n2", "4", "8Gi"));
  auto a = sized_pod("a", "1", "1Gi");
  snap.assume(a, "n1");
  snap.assume(a, "n2");
  EXPECT_EQ(snap.find_node("n1")->pod_count, 0);
  EXPECT_EQ(snap.find_node("n2")->pod_count, 1);
  EXPECT_EQ(snap.node_of("default/a"), "n2");
  EXPECT_EQ(snap.pod_count(), 1u);
}

TEST(SchedulerSnapshot, NodeUpdatesKeepUsageAndLateNodesPickUpTheirPods) {
  cluster_snapshot snap;
  auto a = sized_pod("a", "1", "1Gi");
  snap.assume(a, "late");  // bound before its node is known
  snap.upsert_node(sized_node("late", "4", "8Gi"));
  EXPECT_EQ(snap.find_node("late")->requested.milli_cpu, 1000);

  snap.upsert_node(sized_node("late", "8", "8Gi", 110, R"({"new":"label"})"));  // relabelled, resized
  const node_info* n = snap.find_node("late");
  EXPECT_EQ(n->allocatable.milli_cpu, 8000);
  EXPECT_EQ(n->requested.milli_cpu, 1000);

  snap.remove_node("late");
  EXPECT_EQ(snap.find_node("late"), nullptr);
  snap.upsert_node(sized_node("late", "8", "8Gi"));
  EXPECT_EQ(snap.find_node("late")->pod_count, 1);
  EXPECT_TRUE(snap.forget("default/a"));
  EXPECT_EQ(snap.find_node("late")->pod_count, 0);
}

TEST(SchedulerSnapshot, ForgettingAPodWhoseNodeIsUnknown) {
  cluster_snapshot snap;
  snap.assume(sized_pod("a", "1", "1Gi"), "ghost");
  EXPECT_TRUE(snap.forget("default/a"));
  snap.upsert_node(sized_node("ghost", "4", "8Gi"));
  EXPECT_EQ(snap.find_node("ghost")->pod_count, 0);
  EXPECT_EQ(snap.find_node("ghost")->requested, (resources{0, 0}));
}

TEST(SchedulerSnapshot, RemovingANodeKeepsTheOthersReachable) {
  cluster_snapshot snap;
  for (auto name : {"a", "b", "c"}) snap.upsert_node(sized_node(name, "1", "1Gi"));
  snap.remove_node("a");
  ASSERT_EQ(snap.nodes().size(), 2u);
  EXPECT_NE(snap.find_node("b"), nullptr);
  EXPECT_EQ(snap.find_node("c")->name, "c");
}

}  // namespace
}  // namespace navarch::scheduler
