// A replica's simulated disk: writes are buffered until sync(); a crash loses everything unsynced. What is synced
// lives in a memory_storage, which is also what the Raft node reads and what a restart rebuilds from.
#pragma once

#include <vector>

#include "actors/store/raft/storage.hpp"

namespace navarch::sim {

class disk {
 public:
  const raft::memory_storage& storage() const { return synced_; }
  raft::memory_storage& storage() { return synced_; }

  // Buffers what a Ready asks to persist.
  void write(const raft::ready& rd);
  // Makes the buffered writes durable.
  void sync();
  // Power loss: unsynced writes vanish.
  void crash() { pending_.clear(); }
  bool has_unsynced() const { return !pending_.empty(); }

 private:
  struct write_op {
    raft::hard_state hard;
    raft::snapshot snap;
    std::vector<raft::entry> entries;
  };
  raft::memory_storage synced_;
  std::vector<write_op> pending_;
};

}  // namespace navarch::sim
