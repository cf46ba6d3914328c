// One Raft replica as a pure state machine (the shape of etcd's RawNode). Inputs: tick(), step(), propose(),
// propose_conf_change(), transfer_leader(), read_index(). Outputs: ready batches (see types.hpp for the order the
// driver must follow) acknowledged with advance(). No clock, no I/O, no threads: given the same seed and the same
// inputs it produces the same outputs, which is what makes the deterministic simulation possible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "actors/store/raft/log.hpp"
#include "actors/store/raft/progress.hpp"

namespace navarch::raft {

struct config {
  node_id id = no_node;
  // The membership when storage holds no snapshot (a brand new cluster); ignored otherwise.
  std::vector<node_id> peers{};
  std::vector<node_id> learners{};
  int election_tick = 10;   // followers campaign after a random timeout in [election_tick, 2*election_tick)
  int heartbeat_tick = 1;
  uint64_t applied = 0;     // the driver's applied index at restart (entries after it are handed out again)
  uint64_t max_msg_bytes = 1 << 20;     // entries per append message
  uint64_t max_committed_bytes = 1 << 26;  // committed entries per ready
  std::size_t max_inflight = 256;       // unacknowledged appends per follower in replicate state
  bool check_quorum = true;  // a leader steps down when it has not heard from a quorum for an election timeout
  bool pre_vote = true;      // a would-be candidate first asks whether it could win, so it cannot disrupt a leader
  uint64_t seed = 0;         // seeds the randomized election timeout
};

class node {
 public:
  // Reads the hard state, snapshot and log from storage. Throws std::invalid_argument on a bad config.
  node(const config& cfg, const storage& s);

  void tick();
  // Handles a message from a peer (messages addressed to another node are ignored).
  void step(const message& m);
  // Appends a command to the log. Returns its index, or 0 when this node is not the leader (or is transferring).
  uint64_t propose(std::string data);
  // Proposes one membership change; 0 when not the leader or another change is not yet applied.
  uint64_t propose_conf_change(const conf_change& cc);
  // The driver applies a committed conf_change entry through this; returns the new membership.
  conf_state apply_conf_change(const conf_change& cc);
  // Starts handing leadership to `to` (leader only): it is caught up, then told to campaign at once.
  void transfer_leader(node_id to);
  // Asks for a linearizable read point; the answer arrives as a read_state with the same context. False when this
  // node is not a leader that has committed an entry in its term (retry elsewhere or later).
  bool read_index(std::string context);
  // Starts an election now (tests, or a driver that knows the leader is gone).
  void campaign();

  bool has_ready() const;
  ready get_ready();
  void advance(const ready& rd);

  // Introspection, for drivers and tests.
  node_id id() const { return id_; }
  uint64_t term() const { return term_; }
  node_id leader() const { return lead_; }
  role state() const { return role_; }
  const raft_log& log() const { return log_; }
  conf_state membership() const;
  const std::map<node_id, progress>& progresses() const { return prs_; }
  node_id transferee() const { return lead_transferee_; }

 private:
  enum class campaign_kind { pre_election, election, transfer };

  void become_follower(uint64_t term, node_id lead);
  void become_pre_candidate();
  void become_candidate();
  void become_leader();
  void reset(uint64_t term);
  void reset_randomized_timeout();
  void start_campaign(campaign_kind k);
  enum class poll_result { pending, won, lost };
  poll_result poll(node_id from, bool granted);

  void step_leader(const message& m);
  void step_candidate(const message& m);
  void step_follower(const message& m);
  void handle_append(const message& m);
  void handle_heartbeat(const message& m);
  void handle_snapshot(const message& m);
  bool restore(const snapshot& s);
  void handle_append_resp(const message& m, progress& pr);
  void handle_heartbeat_resp(const message& m, progress& pr);

  void send(message m);
  bool maybe_send_append(node_id to, bool send_if_empty);
  void bcast_append();
  void bcast_heartbeat(const std::string& ctx);
  bool maybe_commit();
  void append_entries(std::vector<entry> es);
  void abort_transfer() { lead_transferee_ = no_node; }

  std::size_t quorum() const;
  bool quorum_active();
  bool promotable() const;
  bool has_unapplied_conf_change() const;
  void set_membership(const conf_state& cs);

  node_id id_;
  uint64_t term_ = 0;
  node_id vote_ = no_node;
  raft_log log_;
  std::map<node_id, progress> prs_;  // voters and learners, including this node
  std::map<node_id, bool> votes_;
  std::vector<message> msgs_;
  role role_ = role::follower;
  node_id lead_ = no_node;
  node_id lead_transferee_ = no_node;
  uint64_t pending_conf_index_ = 0;  // a conf change at or before this index is not yet applied

  // ReadIndex requests waiting for a heartbeat round to confirm leadership, oldest first.
  struct pending_read {
    std::string context;
    uint64_t index = 0;
    std::set<node_id> acks;
  };
  std::deque<pending_read> reads_;
  std::vector<read_state> read_states_;

  int election_elapsed_ = 0;
  int heartbeat_elapsed_ = 0;
  int randomized_timeout_ = 0;
  config cfg_;
  std::mt19937_64 rng_;

  soft_state prev_soft_;
  hard_state prev_hard_;
};

}  // namespace navarch::raft
