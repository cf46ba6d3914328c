// One simulated store replica: the production replica core (Raft node + MVCC state machine) on a simulated disk,
// driven the way the store_replica actor drives it. It serves writes (proposed through Raft), linearizable reads
// (ReadIndex) and watches (committed events only, resynced from history when a stream is too slow).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/store/mvcc.hpp"
#include "actors/store/raft/node.hpp"
#include "actors/store/replica/replica_core.hpp"
#include "tests/sim/disk.hpp"
#include "tests/sim/network.hpp"

namespace navarch::sim {

class cluster;

struct reply {
  enum status_t : uint8_t { ok, not_leader, failed };  // not_leader and failed: it certainly did not take effect
  status_t status = ok;
  raft::node_id leader_hint = raft::no_node;
  std::optional<std::string> value{};  // reads
  bool succeeded = false;            // txns
  int64_t revision = 0;
};

class replica {
 public:
  replica(cluster& c, raft::node_id id, std::vector<raft::node_id> peers);

  void start();  // boots from what the disk holds
  void crash();  // loses memory and unsynced writes; its watch streams break
  bool up() const { return core_ != nullptr; }
  raft::node_id id() const { return id_; }
  const raft::node& raft() const { return core_->raft(); }
  const store::mvcc& kv() const { return core_->kv(); }
  uint64_t applied() const { return core_->applied(); }

  void tick();
  void receive(const raft::message& m);
  void write(endpoint client, uint64_t req, const msg::txn_request& txn);
  void compact(int64_t revision);
  void read(endpoint client, uint64_t req, const std::string& key);
  void watch(endpoint client, uint64_t watch_id, int64_t start, std::shared_ptr<stream> s);
  void cancel_watch(uint64_t watch_id);
  void transfer_leadership(raft::node_id to);

 private:
  struct request {
    endpoint client;
    uint64_t req;
  };
  struct watcher {
    endpoint client;
    int64_t start = 0;     // where it began on this replica
    int64_t next = 0;      // the next revision it must deliver
    bool unsynced = false;  // its stream was full: catch up from history when it drains
    std::shared_ptr<stream> out;
  };

  void process();
  void handle(store::replica_output& out);
  void resync_all();
  void notify(int64_t revision, const std::vector<msg::watch_event>& events);
  void resync(uint64_t watch_id);
  void end_watch(uint64_t watch_id, int64_t compact_revision);
  void reply_to(endpoint client, uint64_t req, reply r);
  void refuse(uint64_t token);

  cluster& c_;
  raft::node_id id_;
  std::vector<raft::node_id> peers_;
  disk disk_;
  std::unique_ptr<store::replica_core> core_;  // the production replica logic, driven by the simulation
  uint64_t incarnation_ = 0;
  bool was_leader_ = false;
  uint64_t next_token_ = 0;
  std::map<uint64_t, request> requests_;  // by token: who waits for the core's answer
  std::map<uint64_t, watcher> watchers_;
};

}  // namespace navarch::sim
