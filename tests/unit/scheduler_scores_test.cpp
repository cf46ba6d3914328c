#include <gtest/gtest.h>

#include <vector>

#include "actors/scheduler/core/scores.hpp"
#include "tests/unit/scheduler_test_util.hpp"

namespace navarch::scheduler {
namespace {

using test::pod;
using test::sized_node;
using test::sized_pod;

TEST(SchedulerScores, LeastAllocatedFavoursFreeNodes) {
  auto node = sized_node("n", "4", "8Gi");
  EXPECT_EQ(least_allocated_score(sized_pod("p", "1", "2Gi"), node), 75);
  // An unset memory request counts as 200Mi: cpu 75, memory 97.
  EXPECT_EQ(least_allocated_score(sized_pod("p", "1", ""), node), 86);
  node.nonzero_requested = {3000, 6LL << 30};
  EXPECT_EQ(least_allocated_score(sized_pod("p", "1", "2Gi"), node), 0);
  node.nonzero_requested = {3500, 0};  // over capacity on cpu scores 0 there
  EXPECT_EQ(least_allocated_score(sized_pod("p", "1", "2Gi"), node), (0 + 75) / 2);
}

TEST(SchedulerScores, BalancedAllocationFavoursEvenUse) {
  auto node = sized_node("n", "4", "8Gi");
  EXPECT_EQ(balanced_allocation_score(sized_pod("p", "1", "2Gi"), node), 100);
  EXPECT_EQ(balanced_allocation_score(sized_pod("p", "2", "1Gi"), node), 81);  // |0.5 - 0.125| / 2 = 0.1875
  EXPECT_EQ(balanced_allocation_score(sized_pod("p", "", ""), node), 0);       // best effort: no opinion
  node.requested = {0, 6LL << 30};
  EXPECT_EQ(balanced_allocation_score(sized_pod("p", "2", "2Gi"), node), 75);  // 0.5 vs 1.0
}

TEST(SchedulerScores, PreferredAffinitySumsMatchingWeights) {
  auto p = pod(R"({"metadata":{"name":"p"},"spec":{"affinity":{"nodeAffinity":{
    "preferredDuringSchedulingIgnoredDuringExecution":[
      {"weight":5,"preference":{"matchExpressions":[{"key":"disk","operator":"In","values":["ssd"]}]}},
      {"weight":10,"preference":{"matchExpressions":[{"key":"gpu","operator":"Exists"}]}},
      {"weight":7,"preference":{}}]}},"containers":[{"name":"c"}]}})");
  EXPECT_EQ(preferred_affinity_score(p, sized_node("a", "1", "1Gi", 10, R"({"disk":"ssd"})")), 5);
  EXPECT_EQ(preferred_affinity_score(p, sized_node("b", "1", "1Gi", 10, R"({"disk":"ssd","gpu":"1"})")), 15);
  EXPECT_EQ(preferred_affinity_score(p, sized_node("c", "1", "1Gi")), 0);
}

TEST(SchedulerScores, PreferNoScheduleTaintsCount) {
  auto node = sized_node("n", "1", "1Gi", 10, "{}",
                         R"({"taints":[{"key":"spot","effect":"PreferNoSchedule"},{"key":"x","effect":"PreferNoSchedule"},
                                       {"key":"hard","effect":"NoSchedule"}]})");
  EXPECT_EQ(intolerable_prefer_no_schedule(sized_pod("p", "", ""), node), 2);
  // A toleration for another effect does not help; one for any effect does.
  EXPECT_EQ(intolerable_prefer_no_schedule(
                sized_pod("p", "", "", R"("tolerations":[{"key":"spot","operator":"Exists","effect":"NoSchedule"}])"), node),
            2);
  EXPECT_EQ(intolerable_prefer_no_schedule(sized_pod("p", "", "", R"("tolerations":[{"key":"spot","operator":"Exists"}])"), node),
            1);
}

TEST(SchedulerScores, NormalizeScores) {
  std::vector<int64_t> s{0, 2, 4};
  normalize_scores(s, false);
  EXPECT_EQ(s, (std::vector<int64_t>{0, 50, 100}));
  s = {0, 2, 4};
  normalize_scores(s, true);
  EXPECT_EQ(s, (std::vector<int64_t>{100, 50, 0}));
  s = {0, 0};
  normalize_scores(s, true);
  EXPECT_EQ(s, (std::vector<int64_t>{100, 100}));
  s = {0, 0};
  normalize_scores(s, false);
  EXPECT_EQ(s, (std::vector<int64_t>{0, 0}));
}

TEST(SchedulerScores, SpreadingAcrossNodesAndZones) {
  std::vector<int64_t> counts{0, 1, 2};
  std::vector<uint32_t> no_zones(3);
  normalize_spreading(counts, no_zones, 0);
  EXPECT_EQ(counts, (std::vector<int64_t>{100, 50, 0}));

  counts = {0, 1, 2};
  std::vector<uint32_t> zones{1, 2, 1};  // zone 1 holds 2 pods, zone 2 holds 1
  normalize_spreading(counts, zones, 2);
  EXPECT_EQ(counts, (std::vector<int64_t>{33, 50, 0}));

  counts = {0, 0};
  normalize_spreading(counts, std::vector<uint32_t>(2), 0);
  EXPECT_EQ(counts, (std::vector<int64_t>{100, 100}));
}

}  // namespace
}  // namespace navarch::scheduler
