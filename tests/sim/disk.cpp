#include "tests/sim/disk.hpp"

namespace navarch::sim {

void disk::write(const raft::ready& rd) {
  if (rd.must_sync())
    pending_.push_back(write_op{rd.hard, rd.snap, rd.entries});
}

void disk::sync() {
  for (auto& w : pending_) {
    if (!w.snap.empty())
      synced_.apply_snapshot(w.snap);
    synced_.append(w.entries);
    if (!w.hard.empty())
      synced_.set_hard_state(w.hard);
  }
  pending_.clear();
}

}  // namespace navarch::sim
