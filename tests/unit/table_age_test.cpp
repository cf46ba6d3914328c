#include <gtest/gtest.h>

#include "api/table/age.hpp"

using namespace navarch::api;
using namespace std::chrono;

TEST(HumanDuration, FollowsKubernetesRules) {
  EXPECT_EQ(human_duration(seconds(-5)), "<invalid>");
  EXPECT_EQ(human_duration(milliseconds(-1500)), "0s");
  EXPECT_EQ(human_duration(seconds(0)), "0s");
  EXPECT_EQ(human_duration(seconds(2)), "2s");
  EXPECT_EQ(human_duration(seconds(119)), "119s");
  EXPECT_EQ(human_duration(seconds(120)), "2m");
  EXPECT_EQ(human_duration(seconds(5 * 60 + 30)), "5m30s");
  EXPECT_EQ(human_duration(minutes(10) + seconds(30)), "10m");
  EXPECT_EQ(human_duration(minutes(179)), "179m");
  EXPECT_EQ(human_duration(hours(3)), "3h");
  EXPECT_EQ(human_duration(hours(3) + minutes(5)), "3h5m");
  EXPECT_EQ(human_duration(hours(8) + minutes(5)), "8h");
  EXPECT_EQ(human_duration(hours(47)), "47h");
  EXPECT_EQ(human_duration(hours(48)), "2d");
  EXPECT_EQ(human_duration(hours(52)), "2d4h");
  EXPECT_EQ(human_duration(hours(24 * 30)), "30d");
  EXPECT_EQ(human_duration(hours(24 * 365 * 2)), "2y");
  EXPECT_EQ(human_duration(hours(24 * (365 * 3 + 10))), "3y10d");
  EXPECT_EQ(human_duration(hours(24 * 365 * 9)), "9y");
}

TEST(Age, SinceATimestamp) {
  auto now = *parse_rfc3339("2024-05-01T12:00:00Z");
  EXPECT_EQ(age_since("2024-05-01T11:59:58Z", now), "2s");
  EXPECT_EQ(age_since("2024-04-29T12:00:00Z", now), "2d");
  EXPECT_EQ(age_since("", now), "<unknown>");
  EXPECT_EQ(age_since("garbage", now), "<unknown>");
}
