// What a store replica persists — Raft's hard state, log entries and snapshots — readable through raft::storage.
// The replica core writes each Ready here and syncs before it sends or applies anything, so a crash can only lose
// what no peer or client was told about. Implemented on disk (raft_disk) and in the simulation (sim::disk).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "actors/store/raft/storage.hpp"

namespace navarch::store {

// The state machine's bytes for a snapshot. It may be called on another thread, so it must own what it reads
// (a copy of the state taken when the snapshot was asked for).
using snapshot_data = std::function<std::string()>;

class replica_log : public raft::storage {
 public:
  // Buffers what a Ready asks to persist: its hard state, snapshot and entries (replacing any conflicting suffix).
  // The raft::storage view shows them only after sync().
  virtual void write(const raft::ready& rd) = 0;
  // Makes everything written durable. Throws std::runtime_error when the disk fails; the log then refuses further
  // syncs (reopening it recovers what was synced).
  virtual void sync() = 0;
  virtual bool has_unsynced() const = 0;
  // Durably records the state machine at applied index i (first_index()-1 <= i <= last_index(), i above the
  // current snapshot) with membership cs, then drops the entries up to `compact_to` (<= i), keeping a tail for
  // followers slightly behind.
  virtual void create_snapshot(uint64_t i, const raft::conf_state& cs, snapshot_data data, uint64_t compact_to) = 0;
};

}  // namespace navarch::store
