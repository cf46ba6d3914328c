// The whole simulated world for one seed: replicas, clients, the network and the fault schedule, and the checks
// run at the end (linearizability, watch validators, state-machine safety, convergence).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/sim/client.hpp"
#include "tests/sim/history.hpp"
#include "tests/sim/network.hpp"
#include "tests/sim/replica.hpp"
#include "tests/sim/scheduler.hpp"

namespace navarch::sim {

// Deliberate bugs, each modelled on a published etcd robustness bug: a regression scenario proves the checkers
// catch the bug when it is switched on.
struct bugs {
  bool ack_before_sync = false;                // apply and answer committed entries before they are synced
  bool watch_restart_after_snapshot = false;   // after installing a snapshot, replay watches from their start
  bool drop_events_when_stream_full = false;   // a starved watch stream silently skips events
};

struct sim_options {
  int replicas = 3;
  int clients = 3;
  sim_time duration = 1500;  // clients issue operations and faults strike during this time
  sim_time settle = 1500;    // then the network heals, crashed replicas restart, and everything must converge
  sim_time tick_interval = 10;
  sim_time request_timeout = 150;
  bool random_faults = true;      // partitions, crashes and restarts
  double crash_mid_write = 0;     // chance a replica loses power between writing a Ready and syncing it
  net_faults net{.drop = 0.02, .duplicate = 0.02, .min_delay = 1, .max_delay = 6};
  uint64_t snapshot_every = 16;   // applied entries between snapshots (then the log is compacted)
  std::size_t watch_buffer = 4;   // batches queued on a watch stream before it counts as starved
  int keys = 3;
  bugs bug;
};

// What a run exercised, to show the seeds are not vacuous.
struct sim_stats {
  uint64_t operations = 0;
  uint64_t unknown_outcomes = 0;  // timed out: checked as "may or may not have happened"
  uint64_t watch_events = 0;
  uint64_t elections = 0;         // times a replica became leader
  uint64_t crashes = 0;
  uint64_t snapshots_installed = 0;
  void add(const sim_stats& o) {
    operations += o.operations;
    unknown_outcomes += o.unknown_outcomes;
    watch_events += o.watch_events;
    elections += o.elections;
    crashes += o.crashes;
    snapshots_installed += o.snapshots_installed;
  }
};

struct run_result {
  bool ok = true;
  std::string report;  // what failed, the history that shows it, and how to replay
  sim_stats stats;
};

class cluster {
 public:
  cluster(const sim_options& opt, uint64_t seed);
  run_result run();

  // Used by replicas and clients.
  scheduler sched;
  network net;
  const sim_options opt;
  replica& at(raft::node_id id) { return *replicas_.at(id - 1); }
  int replica_count() const { return static_cast<int>(replicas_.size()); }
  client& client_at(endpoint e) { return *clients_.at(e - first_client); }
  void send_raft(const raft::message& m);
  // A replica applied log entry `index` (the command payload) which produced `events` at `revision`.
  void record_apply(raft::node_id who, uint64_t index, const std::string& payload, int64_t revision,
                    const std::vector<msg::watch_event>& events);
  void note(std::string line);  // the trace printed with a failing seed
  stamp next_stamp() { return ++stamp_; }
  sim_stats stats;
  double crash_chance() const;  // of a power loss between writing and syncing a Ready (none while settling)

  std::vector<kv_op> ops;
  std::vector<watch_session> watches;

  static constexpr endpoint first_client = 100;

 private:
  void schedule_ticks(raft::node_id id);
  void schedule_faults();
  void random_fault();
  void settle();
  void check(run_result& r);

  uint64_t seed_;
  std::vector<std::unique_ptr<replica>> replicas_;
  std::vector<std::unique_ptr<client>> clients_;
  event_history truth_;
  std::map<uint64_t, std::pair<std::string, raft::node_id>> applied_by_index_;
  std::vector<std::string> safety_;
  std::vector<std::string> trace_;
  stamp stamp_ = 0;
  bool settling_ = false;
};

// Runs one seed.
run_result run_seed(const sim_options& opt, uint64_t seed);

}  // namespace navarch::sim
