// One store replica as a pure state machine: a Raft node, the log it persists and the MVCC state it applies to.
// The driver (the store_replica actor, or the deterministic simulation) feeds it ticks, peer messages and client
// requests, then calls process(), which persists and syncs what Raft asks for and only then hands back the
// messages to send, the replies to give and the committed events to stream. No CAF, no clock, no sockets.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "actors/store/mvcc.hpp"
#include "actors/store/raft/node.hpp"
#include "actors/store/replica/replica_log.hpp"

namespace navarch::store {

struct replica_options {
  raft::node_id id = 1;
  std::vector<raft::node_id> peers{1};  // every voter, this one included (ignored once the log has a snapshot)
  int election_tick = 10;
  int heartbeat_tick = 1;
  uint64_t max_msg_bytes = 1 << 20;
  std::size_t max_inflight = 256;
  uint64_t snapshot_every = 100000;  // applied entries between snapshots of the MVCC state
  uint64_t snapshot_keep = 5000;    // entries kept behind a snapshot, so a follower slightly behind gets entries
  uint64_t seed = 0;
};

// The answer to one client request; `token` is whatever the driver passed in with it.
struct replica_reply {
  uint64_t token = 0;
  std::variant<msg::txn_response, msg::range_response, msg::compact_response> body;
};

// The writes of one committed revision, in op order.
struct committed_revision {
  int64_t revision = 0;
  std::vector<msg::watch_event> events;
};

struct replica_output {
  std::vector<raft::message> messages;   // to peers, after everything they depend on is durable
  std::vector<replica_reply> replies;
  std::vector<committed_revision> committed;  // in revision order
  bool restored = false;   // a snapshot replaced the state: watches must catch up from kv() history
  // Reads this replica accepted as leader but can no longer serve (it lost leadership): send them to the leader.
  std::vector<std::pair<uint64_t, msg::range_request>> bounced_reads;
};

class replica_core {
 public:
  // Restores the MVCC state from the log's snapshot, then replays nothing: committed entries after it are handed
  // out again by Raft and applied by process(). Throws std::runtime_error when the snapshot does not decode.
  replica_core(const replica_options& opts, replica_log& log);

  void tick();
  void step(const raft::message& m);

  // Client requests. Each returns false when this replica is not the leader (the driver forwards the request to
  // leader(), or waits for one); otherwise the reply comes out of a later process() with the same token.
  bool txn(uint64_t token, const msg::txn_request& req);
  bool compact(uint64_t token, int64_t revision);
  bool read(uint64_t token, const msg::range_request& req);  // linearizable (ReadIndex), batched per process()
  void transfer_leadership(raft::node_id to);

  // Persists, syncs, applies. Throws std::runtime_error when the disk fails (the replica must stop: its memory is
  // ahead of its disk); a driver that catches it must not call anything again.
  replica_output process();

  raft::node_id id() const { return node_.id(); }
  raft::node_id leader() const { return node_.leader(); }
  bool is_leader() const { return node_.state() == raft::role::leader; }
  const raft::node& raft() const { return node_; }
  const mvcc& kv() const { return kv_; }
  uint64_t applied() const { return applied_; }

  // When set, a leader's messages (appends, heartbeats) go out through this before its own fsync, so followers
  // write in parallel with it (Raft thesis 10.2.1, as etcd does). Safe: the acknowledgements they bring back are
  // only stepped after process() returns, so no commit can count an entry the leader has not yet synced.
  std::function<void(std::vector<raft::message>&&)> send_before_sync;

  // Observes every applied entry (index, payload) and the revision it produced (0 when it wrote nothing): the
  // simulation checks that all replicas apply the same commands.
  std::function<void(uint64_t index, const std::string& payload, int64_t revision,
                     const std::vector<msg::watch_event>& events)>
      on_apply;

 private:
  replica_core(const replica_options& opts, replica_log& log, const raft::snapshot& snap);

  struct pending_write {
    uint64_t token;
    uint64_t term;
    bool is_compact;
  };
  struct pending_read {
    uint64_t token;
    msg::range_request req;
  };
  struct read_batch {
    std::vector<pending_read> reads;
    uint64_t index = 0;  // 0 until the read state arrives
  };

  bool propose(uint64_t token, std::string payload, bool is_compact);
  static replica_reply failed(const pending_write& w, int32_t error);
  void apply(const raft::entry& e, replica_output& out);
  void restore(const raft::snapshot& s, replica_output& out);
  void issue_reads();
  void serve_reads(replica_output& out);
  void bounce_reads(replica_output& out);
  void maybe_snapshot();

  replica_options opts_;
  replica_log& log_;
  mvcc kv_;
  uint64_t applied_ = 0;
  uint64_t snapshot_index_ = 0;  // of the latest snapshot in the log (asking the log would copy its data)
  raft::node node_;
  std::map<uint64_t, pending_write> writes_;  // by log index
  std::vector<pending_read> unissued_reads_;
  std::map<std::string, read_batch> read_batches_;  // by ReadIndex context
  uint64_t read_seq_ = 0;
  std::string read_prefix_;  // makes this incarnation's ReadIndex contexts unlike any earlier one's
};

}  // namespace navarch::store
