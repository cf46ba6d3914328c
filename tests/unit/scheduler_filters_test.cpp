#include <gtest/gtest.h>

#include "actors/scheduler/core/filters.hpp"
#include "tests/unit/scheduler_test_util.hpp"

namespace navarch::scheduler {
namespace {

using test::pod;
using test::sized_node;
using test::sized_pod;

pod_info with_affinity(const std::string& affinity) {
  return pod(R"({"metadata":{"name":"p"},"spec":{"affinity":{"nodeAffinity":)" + affinity +
             R"(},"containers":[{"name":"c"}]}})");
}

std::string required(const std::string& terms) {
  return R"({"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":)" + terms + "}}";
}

TEST(SchedulerFilters, ResourcesAgainstAllocatable) {
  auto node = sized_node("n", "2", "4Gi", 2);
  EXPECT_EQ(insufficient_resources(sized_pod("p", "2", "4Gi"), node), 0);
  EXPECT_EQ(insufficient_resources(sized_pod("p", "2001m", "1Gi"), node), insufficient_cpu);
  EXPECT_EQ(insufficient_resources(sized_pod("p", "3", "5Gi"), node), insufficient_cpu | insufficient_memory);
  node.requested = {1500, 1LL << 30};
  node.pod_count = 2;
  EXPECT_EQ(insufficient_resources(sized_pod("p", "600m", "1Gi"), node), too_many_pods | insufficient_cpu);
  // A pod requesting nothing still needs a pod slot, and nothing else.
  node.pod_count = 1;
  node.requested = {5000, 8LL << 30};
  EXPECT_EQ(insufficient_resources(sized_pod("p", "", ""), node), 0);
  filter_status s{filter_code::resources, too_many_pods | insufficient_cpu | insufficient_memory};
  EXPECT_EQ(s.reasons(), (std::vector<std::string>{"Too many pods", "Insufficient cpu", "Insufficient memory"}));
  EXPECT_FALSE(s.unresolvable());
}

TEST(SchedulerFilters, NodeSelector) {
  auto node = sized_node("n", "1", "1Gi", 10, R"({"disk":"ssd","zone":"a"})");
  EXPECT_TRUE(matches_node_affinity(sized_pod("p", "", "", R"("nodeSelector":{"disk":"ssd"})"), node));
  EXPECT_TRUE(matches_node_affinity(sized_pod("p", "", "", R"("nodeSelector":{"disk":"ssd","zone":"a"})"), node));
  EXPECT_FALSE(matches_node_affinity(sized_pod("p", "", "", R"("nodeSelector":{"disk":"hdd"})"), node));
  EXPECT_FALSE(matches_node_affinity(sized_pod("p", "", "", R"("nodeSelector":{"gpu":"yes"})"), node));
  EXPECT_TRUE(matches_node_affinity(sized_pod("p", "", ""), node));
}

TEST(SchedulerFilters, RequiredNodeAffinityOperators) {
  auto node = sized_node("n1", "1", "1Gi", 10, R"({"disk":"ssd","cores":"16"})");
  auto matches = [&](const std::string& expr) {
    return matches_node_affinity(with_affinity(required(R"([{"matchExpressions":[)" + expr + "]}]")), node);
  };
  EXPECT_TRUE(matches(R"({"key":"disk","operator":"In","values":["hdd","ssd"]})"));
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"In","values":["hdd"]})"));
  EXPECT_TRUE(matches(R"({"key":"disk","operator":"NotIn","values":["hdd"]})"));
  EXPECT_TRUE(matches(R"({"key":"gpu","operator":"NotIn","values":["yes"]})"));  // missing label: not in
  EXPECT_TRUE(matches(R"({"key":"disk","operator":"Exists"})"));
  EXPECT_FALSE(matches(R"({"key":"gpu","operator":"Exists"})"));
  EXPECT_TRUE(matches(R"({"key":"gpu","operator":"DoesNotExist"})"));
  EXPECT_TRUE(matches(R"({"key":"cores","operator":"Gt","values":["8"]})"));
  EXPECT_FALSE(matches(R"({"key":"cores","operator":"Lt","values":["8"]})"));
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"Gt","values":["1"]})"));  // not a number
  // Malformed requirements make their term match nothing.
  EXPECT_FALSE(matches(R"({"key":"cores","operator":"Gt","values":["x"]})"));
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"In","values":[]})"));
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"Exists","values":["ssd"]})"));
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"Like","values":["ssd"]})"));
  // Requirements of one term all hold.
  EXPECT_FALSE(matches(R"({"key":"disk","operator":"Exists"},{"key":"gpu","operator":"Exists"})"));
}

TEST(SchedulerFilters, RequiredTermsAreOred) {
  auto node = sized_node("n1", "1", "1Gi", 10, R"({"disk":"ssd"})");
  EXPECT_TRUE(matches_node_affinity(
      with_affinity(required(R"([{"matchExpressions":[{"key":"gpu","operator":"Exists"}]},
                                 {"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}])")),
      node));
  EXPECT_FALSE(matches_node_affinity(with_affinity(required("[{}]")), node));  // an empty term matches nothing
  EXPECT_FALSE(matches_node_affinity(with_affinity(required("[]")), node));
}

TEST(SchedulerFilters, MatchFieldsOnTheNodeName) {
  auto node = sized_node("n1", "1", "1Gi");
  auto field = [&](const std::string& op, const std::string& value) {
    return matches_node_affinity(
        with_affinity(required(R"([{"matchFields":[{"key":"metadata.name","operator":")" + op +
                               R"(","values":[")" + value + R"("]}]}])")),
        node);
  };
  EXPECT_TRUE(field("In", "n1"));
  EXPECT_FALSE(field("In", "n2"));
  EXPECT_TRUE(field("NotIn", "n2"));
  EXPECT_FALSE(field("NotIn", "n1"));
  EXPECT_FALSE(matches_node_affinity(
      with_affinity(required(R"([{"matchFields":[{"key":"metadata.uid","operator":"In","values":["n1"]}]}])")), node));
}

TEST(SchedulerFilters, NodeSelectorAndAffinityBothApply) {
  auto node = sized_node("n1", "1", "1Gi", 10, R"({"disk":"ssd"})");
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"nodeSelector":{"disk":"hdd"},"affinity":{"nodeAffinity":)" +
               required(R"([{"matchExpressions":[{"key":"disk","operator":"Exists"}]}])") + "}}}");
  EXPECT_FALSE(matches_node_affinity(p, node));
  EXPECT_EQ(run_filters(p, node).code, filter_code::node_affinity);
  EXPECT_EQ(run_filters(p, node).reasons(), std::vector<std::string>{"node(s) didn't match Pod's node affinity/selector"});
}

TEST(SchedulerFilters, Tolerations) {
  taint t{"gpu", "yes", taint_effect::no_schedule};
  EXPECT_TRUE(tolerates({"gpu", "yes", false, taint_effect::no_schedule}, t));
  EXPECT_TRUE(tolerates({"gpu", "yes", false, std::nullopt}, t));       // any effect
  EXPECT_FALSE(tolerates({"gpu", "no", false, std::nullopt}, t));       // Equal compares values
  EXPECT_TRUE(tolerates({"gpu", "", true, std::nullopt}, t));           // Exists ignores the value
  EXPECT_TRUE(tolerates({"", "", true, std::nullopt}, t));              // empty key with Exists: everything
  EXPECT_FALSE(tolerates({"gpu", "yes", false, taint_effect::no_execute}, t));
  EXPECT_FALSE(tolerates({"cpu", "", true, std::nullopt}, t));
}

TEST(SchedulerFilters, TaintsBlockUntoleratedPods) {
  auto node = sized_node("n", "1", "1Gi", 10, "{}",
                         R"({"taints":[{"key":"spot","effect":"PreferNoSchedule"},
                                       {"key":"dedicated","value":"db","effect":"NoExecute"}]})");
  auto plain = sized_pod("p", "", "");
  const taint* t = untolerated_taint(plain, node);
  ASSERT_NE(t, nullptr);  // PreferNoSchedule is only a score
  EXPECT_EQ(t->key, "dedicated");
  auto s = run_filters(plain, node);
  EXPECT_EQ(s.code, filter_code::untolerated_taint);
  EXPECT_TRUE(s.unresolvable());
  EXPECT_EQ(s.reasons(), std::vector<std::string>{"node(s) had untolerated taint {dedicated: db}"});
  auto tolerant = sized_pod("p", "", "", R"("tolerations":[{"key":"dedicated","operator":"Equal","value":"db"}])");
  EXPECT_EQ(untolerated_taint(tolerant, node), nullptr);
}

TEST(SchedulerFilters, UnschedulableNodes) {
  auto node = sized_node("n", "1", "1Gi", 10, "{}", R"({"unschedulable":true})");
  EXPECT_FALSE(passes_unschedulable(sized_pod("p", "", ""), node));
  EXPECT_TRUE(passes_unschedulable(
      sized_pod("p", "", "", R"("tolerations":[{"key":"node.kubernetes.io/unschedulable","operator":"Exists","effect":"NoSchedule"}])"),
      node));
  auto s = run_filters(sized_pod("p", "5", ""), node);  // the first failing filter decides
  EXPECT_EQ(s.reasons(), std::vector<std::string>{"node(s) were unschedulable"});
}

TEST(SchedulerFilters, HostPorts) {
  auto node = sized_node("n", "1", "1Gi");
  node.used_ports = {{"0.0.0.0", port_protocol::tcp, 80}, {"10.0.0.1", port_protocol::tcp, 443}};
  auto wants = [&](const std::string& port) {
    return host_ports_conflict(pod(R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","ports":[)" + port +
                                   "]}]}}"),
                               node);
  };
  EXPECT_TRUE(wants(R"({"containerPort":1,"hostPort":80})"));
  EXPECT_TRUE(wants(R"({"containerPort":1,"hostPort":80,"hostIP":"10.0.0.2"})"));  // 0.0.0.0 holds every address
  EXPECT_FALSE(wants(R"({"containerPort":1,"hostPort":80,"protocol":"UDP"})"));
  EXPECT_TRUE(wants(R"({"containerPort":1,"hostPort":443})"));
  EXPECT_TRUE(wants(R"({"containerPort":1,"hostPort":443,"hostIP":"10.0.0.1"})"));
  EXPECT_FALSE(wants(R"({"containerPort":1,"hostPort":443,"hostIP":"10.0.0.2"})"));
  EXPECT_FALSE(wants(R"({"containerPort":443})"));
  filter_status s{filter_code::host_ports};
  EXPECT_EQ(s.reasons(), std::vector<std::string>{"node(s) didn't have free ports for the requested pod ports"});
  EXPECT_FALSE(s.unresolvable());
}

}  // namespace
}  // namespace navarch::scheduler
