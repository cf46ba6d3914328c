// A simulated store client: one operation at a time (put, linearizable get, compare-and-swap, compaction), plus
// at most one watch session that survives broken streams by resuming from the last revision it saw.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "tests/sim/network.hpp"
#include "tests/sim/replica.hpp"

namespace navarch::sim {

class cluster;

class client {
 public:
  client(cluster& c, endpoint self, int index);

  void start();
  void stop() { stopped_ = true; }
  endpoint self() const { return self_; }

  void on_reply(uint64_t req, const reply& r);
  void on_watch_batch(std::size_t session, uint64_t generation, const watch_batch& b);
  void on_watch_break(std::size_t session, uint64_t generation);

 private:
  void next_op();
  void issue();
  void timeout(uint64_t req);
  raft::node_id pick_target();
  void open_watch(int64_t start);
  void connect_watch();
  void cancel_watch();

  cluster& c_;
  endpoint self_;
  int index_;
  bool stopped_ = false;
  uint64_t next_req_ = 0;
  uint64_t next_value_ = 0;
  raft::node_id leader_guess_ = raft::no_node;
  int64_t seen_revision_ = 0;
  std::map<std::string, std::string> last_seen_;  // per key, the last value this client read or wrote

  struct outstanding {
    uint64_t req = 0;
    std::optional<std::size_t> op;  // index in cluster::ops; nullopt for compactions
  };
  std::optional<outstanding> out_;

  // The current watch session (index in cluster::watches), the replica serving it and its stream.
  std::optional<std::size_t> watch_;
  uint64_t watch_generation_ = 0;  // bumped on each reconnect, so old streams' batches are ignored
  raft::node_id watch_replica_ = raft::no_node;
  std::shared_ptr<stream> watch_stream_;
  bool cancel_sent_ = false;
};

}  // namespace navarch::sim
