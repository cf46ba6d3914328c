// The leader's view of one follower (etcd's tracker.Progress): how far its log matches, what to send next, and
// the flow control state: probe (one append per heartbeat until a match is found), replicate (pipelined appends,
// at most `max_inflight` unacknowledged) or snapshot (wait for an InstallSnapshot to land).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

namespace navarch::raft {

// The last index of each append in flight, oldest first.
class inflights {
 public:
  explicit inflights(std::size_t cap) : cap_(cap) {}
  void add(uint64_t last) { q_.push_back(last); }
  void free_le(uint64_t i) {
    while (!q_.empty() && q_.front() <= i)
      q_.pop_front();
  }
  void free_first_one() {
    if (!q_.empty())
      q_.pop_front();
  }
  bool full() const { return q_.size() >= cap_; }
  std::size_t count() const { return q_.size(); }
  void reset() { q_.clear(); }

 private:
  std::size_t cap_;
  std::deque<uint64_t> q_;
};

enum class flow : uint8_t { probe, replicate, snapshot };
const char* to_string(flow f);

struct progress {
  progress(uint64_t next_index, std::size_t max_inflight, bool is_learner)
      : next(next_index), learner(is_learner), ins(max_inflight) {}

  uint64_t match = 0;
  uint64_t next = 1;
  flow state = flow::probe;
  uint64_t pending_snapshot = 0;  // snapshot state: the index of the snapshot sent
  bool recent_active = false;     // heard from since the last check-quorum round
  bool probe_sent = false;        // probe state: an append is outstanding, wait for its answer or a heartbeat
  bool learner = false;
  inflights ins;

  void become_probe();
  void become_replicate();
  void become_snapshot(uint64_t snapshot_index);
  // An append was acknowledged up to n; false when the answer is stale.
  bool maybe_update(uint64_t n);
  // An append at `rejected` was refused; the follower hints where its log might match. False when stale.
  bool maybe_decr_to(uint64_t rejected, uint64_t hint);
  // Appends up to `last` were sent (optimistically in replicate state).
  void sent_entries(uint64_t last, bool any);
  bool paused() const;
};

}  // namespace navarch::raft
