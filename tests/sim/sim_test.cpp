// The deterministic simulation: many seeds of a replicated store under faults, and regression scenarios modelled
// on etcd's published robustness bugs (each proves the checkers catch the bug when it is switched back on).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <iostream>

#include "tests/sim/cluster.hpp"

namespace navarch::sim {
namespace {

uint64_t env_u64(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

// Cluster sizes and fault rates vary with the seed, so the seeds cover single-node and larger clusters too.
sim_options options_for(uint64_t seed) {
  sim_options o;
  static constexpr int sizes[] = {3, 3, 5, 1};
  o.replicas = sizes[seed % 4];
  o.clients = 2 + static_cast<int>(seed % 3);
  o.duration = 3000;
  std::mt19937_64 r(seed);
  o.crash_mid_write = std::uniform_real_distribution<double>(0, 0.03)(r);
  o.net.drop = std::uniform_real_distribution<double>(0, 0.1)(r);
  o.net.duplicate = std::uniform_real_distribution<double>(0, 0.05)(r);
  o.net.max_delay = std::uniform_int_distribution<int>(2, 20)(r);
  return o;
}

// Runs seeds [first, first+count) with `opt`; returns how many failed, reporting the first few in full.
int run_seeds(uint64_t first, uint64_t count, const std::function<sim_options(uint64_t)>& opt, bool report,
              sim_stats* stats = nullptr) {
  int failures = 0;
  for (uint64_t seed = first; seed < first + count; ++seed) {
    run_result r = run_seed(opt(seed), seed);
    if (stats)
      stats->add(r.stats);
    if (r.ok)
      continue;
    if (report && ++failures <= 3)
      ADD_FAILURE() << r.report;
    else if (!report)
      ++failures;
  }
  return failures;
}

TEST(RaftSim, RandomSeedsStayLinearizableWithValidWatches) {
  if (uint64_t one = env_u64("NAVARCH_SIM_SEED", 0)) {
    run_result r = run_seed(options_for(one), one);
    std::cout << "seed " << one << ": " << r.stats.operations << " operations, " << r.stats.watch_events
              << " watch events, " << (r.ok ? "ok" : "FAILED") << "\n";
    EXPECT_TRUE(r.ok) << r.report;
    return;
  }
  uint64_t seeds = env_u64("NAVARCH_SIM_LONG", 0) ? 100000 : env_u64("NAVARCH_SIM_SEEDS", 1000);
  auto start = std::chrono::steady_clock::now();
  sim_stats s;
  int failures = run_seeds(1, seeds, options_for, true, &s);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::cout << seeds << " seeds in " << ms.count() << " ms: " << failures << " failed; " << s.operations
            << " operations (" << s.unknown_outcomes << " with unknown outcome), " << s.watch_events
            << " watch events, " << s.elections << " elections, " << s.crashes << " crashes, "
            << s.snapshots_installed << " snapshots installed\n";
  EXPECT_EQ(failures, 0);
  // The seeds are not vacuous: they exercise the work and the faults the checkers are there for.
  EXPECT_GT(s.operations, seeds * 20);
  EXPECT_GT(s.unknown_outcomes, seeds);
  EXPECT_GT(s.watch_events, seeds * 5);
  EXPECT_GT(s.elections, seeds * 2);
  EXPECT_GT(s.crashes, seeds / 2);
  EXPECT_GT(s.snapshots_installed, seeds / 10);
}

TEST(RaftSim, ASeedReplaysExactly) {
  run_result a = run_seed(options_for(11), 11);
  run_result b = run_seed(options_for(11), 11);
  cluster c1(options_for(11), 11), c2(options_for(11), 11);
  c1.run();
  c2.run();
  ASSERT_EQ(c1.ops.size(), c2.ops.size());
  for (std::size_t i = 0; i < c1.ops.size(); ++i)
    EXPECT_EQ(describe(c1.ops[i]), describe(c2.ops[i]));
  EXPECT_EQ(a.report, b.report);
  EXPECT_EQ(a.stats.operations, b.stats.operations);
  EXPECT_EQ(a.stats.watch_events, b.stats.watch_events);
  EXPECT_EQ(a.stats.elections, b.stats.elections);
}

// etcd #14370-style: a single-member cluster acknowledged writes before they were fsynced and lost them on a
// crash. Our replica persists a Ready before applying it; the bug flag applies first.
TEST(RaftSimRegression, SingleNodeClusterLosesNoAcknowledgedWriteOnCrash) {
  auto opt = [](bool bug) {
    return [bug](uint64_t) {
      sim_options o;
      o.replicas = 1;
      o.random_faults = false;
      o.crash_mid_write = 0.15;
      o.bug.ack_before_sync = bug;
      return o;
    };
  };
  EXPECT_EQ(run_seeds(1, 40, opt(false), true), 0);
  EXPECT_GT(run_seeds(1, 40, opt(true), false), 0) << "the checker no longer catches a lost acknowledged write";
}

// etcd #15271-style: a member that caught up by installing the leader's snapshot replayed watch events the
// client already had (the watch went back in time). Watches on a replica restored from a snapshot must continue
// from where they were.
TEST(RaftSimRegression, WatchDoesNotGoBackInTimeAfterPartition) {
  auto opt = [](bool bug) {
    return [bug](uint64_t) {
      sim_options o;
      o.replicas = 3;
      o.snapshot_every = 4;  // frequent compaction, so a partitioned replica is caught up by snapshot
      o.bug.watch_restart_after_snapshot = bug;
      return o;
    };
  };
  EXPECT_EQ(run_seeds(1, 40, opt(false), true), 0);
  EXPECT_GT(run_seeds(1, 40, opt(true), false), 0) << "the validator no longer catches a watch going back in time";
}

// etcd #15059/#17529-style: events for a slow watcher were dropped when its stream could not keep up. A starved
// watcher must fall back to catching up from history instead.
TEST(RaftSimRegression, WatchEventsAreNotLostUnderStreamStarvation) {
  auto opt = [](bool bug) {
    return [bug](uint64_t) {
      sim_options o;
      o.replicas = 3;
      o.random_faults = false;
      o.net.stream_extra_delay = 25;
      o.watch_buffer = 2;
      o.bug.drop_events_when_stream_full = bug;
      return o;
    };
  };
  EXPECT_EQ(run_seeds(1, 40, opt(false), true), 0);
  EXPECT_GT(run_seeds(1, 40, opt(true), false), 0) << "the validator no longer catches lost watch events";
}

}  // namespace
}  // namespace navarch::sim
