// The log storage the application implements: the entries and snapshot already made durable. The core reads it,
// never writes it; the driver appends to it what each Ready asked to persist. memory_storage is the reference
// implementation (and what a driver keeps in memory in front of its disk).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "actors/store/raft/types.hpp"

namespace navarch::raft {

class storage {
 public:
  virtual ~storage() = default;
  virtual hard_state initial_hard_state() const = 0;
  // Entries in [lo, hi), first_index() <= lo <= hi <= last_index()+1, cut after max_bytes (at least one entry).
  virtual std::vector<entry> entries(uint64_t lo, uint64_t hi, uint64_t max_bytes) const = 0;
  // The term of entry i, for first_index()-1 <= i <= last_index(); nullopt outside (compacted or not yet written).
  virtual std::optional<uint64_t> term(uint64_t i) const = 0;
  virtual uint64_t first_index() const = 0;
  virtual uint64_t last_index() const = 0;
  virtual snapshot latest_snapshot() const = 0;
};

class memory_storage : public storage {
 public:
  memory_storage();
  hard_state initial_hard_state() const override { return hard_; }
  std::vector<entry> entries(uint64_t lo, uint64_t hi, uint64_t max_bytes) const override;
  std::optional<uint64_t> term(uint64_t i) const override;
  uint64_t first_index() const override { return ents_.front().index + 1; }
  uint64_t last_index() const override { return ents_.front().index + ents_.size() - 1; }
  snapshot latest_snapshot() const override { return snap_; }

  void set_hard_state(const hard_state& hs) { hard_ = hs; }
  // Appends entries, replacing any conflicting suffix; entries already compacted away are skipped.
  void append(const std::vector<entry>& es);
  // Replaces everything with the snapshot (a newer one than the current; older ones are ignored).
  void apply_snapshot(const snapshot& s);
  // Records a snapshot of the state machine at applied index i (<= last_index()).
  void create_snapshot(uint64_t i, const conf_state& cs, std::string data);
  // Drops the entries up to i (i <= last_index(), usually an index a snapshot covers); first_index() becomes i+1.
  void compact(uint64_t i);

 private:
  hard_state hard_;
  snapshot snap_;
  std::vector<entry> ents_;  // ents_[0] is a dummy holding the index and term of the compaction point
};

uint64_t entry_bytes(const entry& e);
// Keeps a prefix of es whose size stays under max_bytes, but always at least one entry.
void limit_size(std::vector<entry>& es, uint64_t max_bytes);

}  // namespace navarch::raft
