#include "actors/store/raft/progress.hpp"

#include <algorithm>

namespace navarch::raft {

const char* to_string(flow f) {
  switch (f) {
    case flow::probe: return "probe";
    case flow::replicate: return "replicate";
    case flow::snapshot: return "snapshot";
  }
  return "?";
}

void progress::become_probe() {
  // After a snapshot the follower has at least the snapshot's entries: probe right after it.
  next = state == flow::snapshot ? std::max(match + 1, pending_snapshot + 1) : match + 1;
  state = flow::probe;
  pending_snapshot = 0;
  probe_sent = false;
  ins.reset();
}

void progress::become_replicate() {
  state = flow::replicate;
  next = match + 1;
  pending_snapshot = 0;
  probe_sent = false;
  ins.reset();
}

void progress::become_snapshot(uint64_t snapshot_index) {
  state = flow::snapshot;
  pending_snapshot = snapshot_index;
  probe_sent = false;
  ins.reset();
}

bool progress::maybe_update(uint64_t n) {
  bool updated = false;
  if (match < n) {
    match = n;
    updated = true;
    probe_sent = false;
  }
  next = std::max(next, n + 1);
  return updated;
}

bool progress::maybe_decr_to(uint64_t rejected, uint64_t hint) {
  if (state == flow::replicate) {
    if (rejected <= match)
      return false;  // stale: that append was superseded by one already acknowledged
    next = match + 1;
    return true;
  }
  if (next - 1 != rejected)
    return false;  // stale: not the probe we are waiting for
  next = std::max(std::min(rejected, hint + 1), match + 1);
  probe_sent = false;
  return true;
}

void progress::sent_entries(uint64_t last, bool any) {
  if (state == flow::replicate) {
    if (any) {
      next = last + 1;
      ins.add(last);
    }
  } else if (state == flow::probe) {
    probe_sent = true;
  }
}

bool progress::paused() const {
  switch (state) {
    case flow::probe: return probe_sent;
    case flow::replicate: return ins.full();
    case flow::snapshot: return true;
  }
  return true;
}

}  // namespace navarch::raft
