#include "tests/sim/disk.hpp"

#include <utility>

namespace navarch::sim {

void disk::write(const raft::ready& rd) {
  if (rd.must_persist())
    pending_.push_back(write_op{rd.hard, rd.snap, rd.entries});
}

void disk::sync() {
  if (power_fails && power_fails())
    throw power_loss{};
  if (lies_about_sync)
    durable_ = synced_;
  for (auto& w : pending_) {
    if (!w.snap.empty())
      synced_.apply_snapshot(w.snap);
    synced_.append(w.entries);
    if (!w.hard.empty())
      synced_.set_hard_state(w.hard);
  }
  pending_.clear();
}

void disk::create_snapshot(uint64_t i, const raft::conf_state& cs, store::snapshot_data data, uint64_t compact_to) {
  synced_.create_snapshot(i, cs, data());
  if (compact_to >= synced_.first_index())
    synced_.compact(compact_to);
}

void disk::crash() {
  pending_.clear();
  if (durable_)
    synced_ = *std::exchange(durable_, std::nullopt);
}

}  // namespace navarch::sim
