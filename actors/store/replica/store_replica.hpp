// Spawns a store replica (the etcd role): the replica core on its on-disk Raft log, driven on timers, serving
// msg::store_actor to clients and Raft to its peers. A single replica is the embedded store of `navarch up`;
// three in three processes (peers linked through CAF's middleman, see peer_links.hpp) are a replicated store.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "messages/store_replica.hpp"

namespace navarch::store {

struct store_replica_options {
  std::string data_dir;              // holds raft.log and raft.snap; created if missing
  uint64_t id = 1;                   // this replica's Raft id
  std::vector<uint64_t> peers{1};    // every voter's id, this one included
  // Heartbeats every tick; a follower campaigns after 10-20 silent ticks, so a dead leader is replaced within
  // about a second (etcd: 100 ms / 1 s).
  std::chrono::milliseconds tick{50};
  int election_ticks = 10;
  uint64_t snapshot_every = 100000;  // applied entries between MVCC snapshots (etcd: --snapshot-count)
  uint64_t snapshot_keep = 5000;     // entries kept behind a snapshot for followers slightly behind (etcd: 5000)
  // A request that finds no leader waits this long for one, then fails with store_unavailable.
  std::chrono::milliseconds leader_wait{3000};
  std::size_t max_watches = 100000;     // more watch requests fail with a caf::error saying so
  std::size_t max_batch_events = 1000;  // a watch_batch exceeds this only to keep one revision whole
};

// Opens the Raft log in opts.data_dir first, so an unusable directory or log throws std::runtime_error here with
// a message naming the path; then spawns the replica on its own thread (it blocks in fdatasync).
msg::store_replica_actor spawn_store_replica(caf::actor_system& sys, const store_replica_options& opts);

}  // namespace navarch::store
