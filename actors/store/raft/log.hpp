// The replica's view of its log: what storage holds durably, plus an unstable tail (entries, or a snapshot from
// the leader) not yet handed to the driver for persisting, plus the commit and apply positions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "actors/store/raft/storage.hpp"

namespace navarch::raft {

class raft_log {
 public:
  explicit raft_log(const storage& s);

  uint64_t first_index() const;
  uint64_t last_index() const;
  uint64_t last_term() const { return term(last_index()).value_or(0); }
  // nullopt when i is compacted away or beyond the log.
  std::optional<uint64_t> term(uint64_t i) const;
  bool match_term(uint64_t i, uint64_t t) const { return term(i) == t; }
  // Raft's election restriction: a candidate's log is at least as up to date as ours.
  bool is_up_to_date(uint64_t last_i, uint64_t last_t) const {
    return last_t > last_term() || (last_t == last_term() && last_i >= last_index());
  }

  // Entries [lo, last_index()], at most max_bytes (at least one). Empty when lo is compacted (send a snapshot).
  std::optional<std::vector<entry>> entries_from(uint64_t lo, uint64_t max_bytes) const;

  // The follower side of AppendEntries: when the entry at prev matches, appends es (truncating any conflicting
  // suffix), advances the commit index up to min(commit, last new index) and returns that last new index.
  std::optional<uint64_t> maybe_append(uint64_t prev_index, uint64_t prev_term, uint64_t commit,
                                       const std::vector<entry>& es);
  uint64_t append(const std::vector<entry>& es);  // returns the new last index

  // The largest index <= i whose term is <= t: where a leader with term t at i can probe next (fast backtracking).
  std::pair<uint64_t, uint64_t> find_conflict_by_term(uint64_t i, uint64_t t) const;

  uint64_t committed() const { return committed_; }
  uint64_t applied() const { return applied_; }
  void commit_to(uint64_t i);
  // Commits i if it is in term t: a leader only commits entries of its own term by counting.
  bool maybe_commit(uint64_t i, uint64_t t);
  void applied_to(uint64_t i);

  bool has_next_committed() const;
  std::vector<entry> next_committed(uint64_t max_bytes) const;
  const std::vector<entry>& unstable_entries() const { return unstable_; }
  const std::optional<snapshot>& unstable_snapshot() const { return unstable_snap_; }
  snapshot latest_snapshot() const { return unstable_snap_ ? *unstable_snap_ : storage_.latest_snapshot(); }
  // The driver has persisted the entries through (i, t) / the snapshot at i.
  void stable_to(uint64_t i, uint64_t t);
  void stable_snap_to(uint64_t i);
  // Replaces the whole log with a snapshot from the leader.
  void restore(const snapshot& s);

 private:
  uint64_t find_conflict(const std::vector<entry>& es) const;
  std::vector<entry> slice(uint64_t lo, uint64_t hi, uint64_t max_bytes) const;  // first_index() <= lo

  const storage& storage_;
  std::optional<snapshot> unstable_snap_;
  std::vector<entry> unstable_;
  uint64_t offset_;  // index of unstable_[0]
  uint64_t committed_;
  uint64_t applied_;
};

}  // namespace navarch::raft
