#include <gtest/gtest.h>

#include "actors/scheduler/queue/scheduling_queue.hpp"

using namespace navarch::scheduler;
using std::chrono::milliseconds;

namespace {
const auto t0 = steady::time_point{} + std::chrono::hours(1);
}

TEST(SchedulingQueue, FifoWithoutDuplicates) {
  scheduling_queue q;
  q.add("a/1");
  q.add("a/2");
  q.add("a/1");
  EXPECT_EQ(q.pop(t0), "a/1");
  EXPECT_EQ(q.pop(t0), "a/2");
  EXPECT_FALSE(q.pop(t0));
}

TEST(SchedulingQueue, UnschedulablePodsWaitForAClusterChangeThenBackOff) {
  scheduling_queue q;
  q.add("p");
  ASSERT_EQ(q.pop(t0), "p");
  q.unschedulable("p", t0);
  EXPECT_FALSE(q.pop(t0 + milliseconds(5000)));  // parked: no change yet
  q.cluster_changed(t0 + milliseconds(5000));
  EXPECT_EQ(q.pop(t0 + milliseconds(5000)), "p");  // its 1 s back-off is long over

  q.unschedulable("p", t0 + milliseconds(5000));  // second failure: 2 s back-off
  q.cluster_changed(t0 + milliseconds(5000));
  EXPECT_FALSE(q.pop(t0 + milliseconds(6500)));
  EXPECT_EQ(q.next_ready(), t0 + milliseconds(7000));
  EXPECT_EQ(q.pop(t0 + milliseconds(7000)), "p");
}

TEST(SchedulingQueue, ParkedPodsComeBackAfterFiveMinutesAndBackOffCaps) {
  scheduling_queue q;
  q.unschedulable("p", t0);
  EXPECT_FALSE(q.pop(t0 + std::chrono::minutes(4)));
  EXPECT_EQ(q.pop(t0 + std::chrono::minutes(5)), "p");
  for (int i = 0; i < 6; ++i) q.retry("p", t0);  // 2, 4, 8, 10, 10, 10 s
  EXPECT_EQ(q.next_ready(), t0 + milliseconds(10000));
  q.remove("p");
  EXPECT_FALSE(q.contains("p"));
  EXPECT_FALSE(q.next_ready());
}
