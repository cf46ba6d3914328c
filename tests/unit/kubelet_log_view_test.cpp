#include <gtest/gtest.h>

#include "actors/kubelet/core/log_view.hpp"

using namespace navarch::kubelet;

namespace {
const char* log_text =
    "2026-11-22T06:40:00.000000001Z stdout F one\n"
    "2026-11-22T06:40:10.000000001Z stderr F two\n"
    "2026-11-22T06:40:20.000000001Z stdout P thr\n"
    "2026-11-22T06:40:20.000000002Z stdout F ee\n"
    "2026-11-22T06:40:30.000000001Z stdout F unfinis";  // no newline yet
std::chrono::system_clock::time_point at(int64_t secs) {
  return std::chrono::system_clock::time_point{} + std::chrono::seconds(secs);
}
const int64_t t_40_30 = 1795329630;  // 2026-11-22T06:40:30Z
}  // namespace

TEST(LogView, JoinsPartialLinesAndAppliesOptions) {
  EXPECT_EQ(render_log(log_text, {}, at(t_40_30)), "one\ntwo\nthree\n");
  log_view_options tail;
  tail.tail_lines = 2;
  EXPECT_EQ(render_log(log_text, tail, at(t_40_30)), "two\nthree\n");
  log_view_options since;
  since.since_seconds = 15;  // from 06:40:15
  EXPECT_EQ(render_log(log_text, since, at(t_40_30)), "three\n");
  log_view_options stamps;
  stamps.timestamps = true;
  stamps.tail_lines = 1;
  EXPECT_EQ(render_log(log_text, stamps, at(t_40_30)), "2026-11-22T06:40:20.000000001Z three\n");
  log_view_options limit;
  limit.limit_bytes = 5;
  EXPECT_EQ(render_log(log_text, limit, at(t_40_30)), "one\nt");
  EXPECT_EQ(render_log("garbage\n", {}, at(t_40_30)), "");
}
