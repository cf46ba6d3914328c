// A replica's simulated disk: writes are buffered until sync(); a crash loses everything unsynced. What is synced
// lives in a memory_storage, which is also what the Raft node reads and what a restart rebuilds from.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "actors/store/raft/storage.hpp"
#include "actors/store/replica/replica_log.hpp"

namespace navarch::sim {

// Thrown by sync() when the simulation cuts the power between a write and its sync.
struct power_loss {};

class disk : public store::replica_log {
 public:
  raft::hard_state initial_hard_state() const override { return synced_.initial_hard_state(); }
  std::vector<raft::entry> entries(uint64_t lo, uint64_t hi, uint64_t max_bytes) const override {
    return synced_.entries(lo, hi, max_bytes);
  }
  std::optional<uint64_t> term(uint64_t i) const override { return synced_.term(i); }
  uint64_t first_index() const override { return synced_.first_index(); }
  uint64_t last_index() const override { return synced_.last_index(); }
  raft::snapshot latest_snapshot() const override { return synced_.latest_snapshot(); }

  void write(const raft::ready& rd) override;
  void sync() override;
  bool has_unsynced() const override { return !pending_.empty(); }
  void create_snapshot(uint64_t i, const raft::conf_state& cs, store::snapshot_data data, uint64_t compact_to) override;

  // Power loss: unsynced writes vanish (and, on a lying disk, the last "synced" batch too).
  void crash();

  // Asked before every sync; true cuts the power instead (sync throws power_loss).
  std::function<bool()> power_fails;
  // The bug of a disk (or a driver) that reports a sync before it is durable: each batch becomes durable only
  // when the next one is synced.
  bool lies_about_sync = false;

 private:
  struct write_op {
    raft::hard_state hard;
    raft::snapshot snap;
    std::vector<raft::entry> entries;
  };
  raft::memory_storage synced_;
  std::optional<raft::memory_storage> durable_;  // a lying disk's real state, behind synced_
  std::vector<write_op> pending_;
};

}  // namespace navarch::sim
