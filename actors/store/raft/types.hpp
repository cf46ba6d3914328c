// The Raft core's data: log entries, persistent and volatile state, messages between replicas and the Ready batch
// the core hands to its driver. Plain values, so a driver may copy, persist or send them however it likes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace navarch::raft {

using node_id = uint64_t;  // 0 means "nobody"
inline constexpr node_id no_node = 0;

enum class entry_type : uint8_t { normal = 0, conf_change = 1 };

struct entry {
  uint64_t term = 0;
  uint64_t index = 0;
  entry_type type = entry_type::normal;
  std::string data{};  // empty for the no-op a new leader appends
  bool operator==(const entry&) const = default;
};

// What must survive a crash besides the log: breaking either would let a replica vote twice or forget commits.
struct hard_state {
  uint64_t term = 0;
  node_id vote = no_node;
  uint64_t commit = 0;
  bool empty() const { return term == 0 && vote == no_node && commit == 0; }
  bool operator==(const hard_state&) const = default;
};

struct conf_state {
  std::vector<node_id> voters{};
  std::vector<node_id> learners{};  // receive the log, never vote and never count toward a quorum
  bool operator==(const conf_state&) const = default;
};

struct snapshot {
  uint64_t index = 0;  // the last entry the snapshot covers
  uint64_t term = 0;
  conf_state conf{};
  std::string data{};  // the application's state machine at `index`
  bool empty() const { return index == 0; }
};

// One voter at a time: a change of a single member keeps every old majority overlapping every new one.
struct conf_change {
  enum kind_t : uint8_t { add_voter = 0, remove_node = 1, add_learner = 2 };  // add_voter on a learner promotes it
  kind_t kind = add_voter;
  node_id node = no_node;
};
std::string encode(const conf_change& cc);
bool decode(const std::string& data, conf_change& out);  // false on a malformed payload

enum class msg_type : uint8_t {
  append, append_resp, vote, vote_resp, pre_vote, pre_vote_resp, heartbeat, heartbeat_resp, install_snapshot,
  timeout_now,
};
const char* to_string(msg_type t);

struct message {
  msg_type type = msg_type::append;
  node_id from = no_node;
  node_id to = no_node;
  uint64_t term = 0;
  uint64_t log_term = 0;  // append: term of the entry before `entries`; vote: term of the last entry; reject: hint
  uint64_t index = 0;     // append: index before `entries`; vote: last index; append_resp: matched/rejected index
  std::vector<entry> entries{};
  uint64_t commit = 0;
  snapshot snap{};            // install_snapshot
  bool reject = false;
  uint64_t reject_hint = 0;   // append_resp reject: where the follower suggests the leader probes next
  bool transfer = false;      // vote: campaign after TimeoutNow, which may break a leader lease
  std::string context{};      // heartbeat(_resp): the ReadIndex request it confirms
};

enum class role : uint8_t { follower, pre_candidate, candidate, leader };
const char* to_string(role r);

struct soft_state {
  node_id leader = no_node;
  role state = role::follower;
  bool operator==(const soft_state&) const = default;
};

// A linearizable read may be served once the state machine has applied `index`.
struct read_state {
  uint64_t index = 0;
  std::string context;
};

// One batch of work for the driver, handled in this order: persist `hard` (if not empty), `snap` and `entries`
// (synced), then send `messages`, then apply `snap` and `committed`, then call advance().
struct ready {
  soft_state soft;
  bool soft_changed = false;
  hard_state hard;  // empty when unchanged
  snapshot snap;    // empty when none
  std::vector<entry> entries{};
  std::vector<entry> committed;
  std::vector<message> messages;
  std::vector<read_state> read_states;
  // A new term or vote must be durable before any message leaves (or a restart could vote twice); a commit index
  // alone need not be (it is re-learned from the leader), so it is written but not synced on its own, as etcd does.
  bool hard_must_sync = false;
  bool must_persist() const { return !hard.empty() || !entries.empty() || !snap.empty(); }
  bool must_sync() const { return hard_must_sync || !entries.empty() || !snap.empty(); }
};

}  // namespace navarch::raft
