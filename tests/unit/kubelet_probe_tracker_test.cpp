#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "actors/kubelet/core/probe_tracker.hpp"

using namespace navarch::kubelet;
namespace json = boost::json;
using std::chrono::seconds;

TEST(ProbeTracker, ParsesProbesAndNamedPorts) {
  auto container = json::parse(R"({"name":"c","ports":[{"name":"http","containerPort":8080}],
    "readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":2,"failureThreshold":1},
    "livenessProbe":{"tcpSocket":{"port":9000},"initialDelaySeconds":5}})").as_object();
  auto ready = parse_probe(container, "readinessProbe");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->type, probe_spec::kind::http_get);
  EXPECT_EQ(ready->port, 8080);
  EXPECT_EQ(ready->path, "/healthz");
  EXPECT_EQ(ready->period, seconds(2));
  auto live = parse_probe(container, "livenessProbe");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->type, probe_spec::kind::tcp_socket);
  EXPECT_EQ(live->failure_threshold, 3);
  EXPECT_FALSE(parse_probe(container, "startupProbe"));
}

TEST(ProbeTracker, ThresholdsDecideTheVerdict) {
  probe_spec s;
  s.initial_delay = seconds(5);
  s.period = seconds(10);
  s.success_threshold = 2;
  s.failure_threshold = 3;
  auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  probe_tracker t(s, t0);
  EXPECT_EQ(t.next_check(), t0 + seconds(5));
  EXPECT_FALSE(t.verdict());
  EXPECT_FALSE(t.record(true, t0 + seconds(5)));
  EXPECT_EQ(t.next_check(), t0 + seconds(15));
  EXPECT_TRUE(t.record(true, t0 + seconds(15)));  // two successes: healthy
  EXPECT_EQ(t.verdict(), true);
  t.record(false, t0 + seconds(25));
  t.record(false, t0 + seconds(35));
  EXPECT_EQ(t.verdict(), true);                     // two failures are not yet three
  EXPECT_TRUE(t.record(false, t0 + seconds(45)));
  EXPECT_EQ(t.verdict(), false);
  t.record(true, t0 + seconds(55));
  EXPECT_EQ(t.verdict(), false);                    // one success is not yet two
}
