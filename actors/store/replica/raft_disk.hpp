// A store replica's Raft log on disk, in a directory of two files:
//   raft.snap  the latest snapshot (index, term, membership, state machine data), replaced atomically;
//   raft.log   a record_log (see record_log.hpp) of Ready batches: each record may reset the log to a snapshot point,
//              append entries (replacing any conflicting suffix) and set the hard state, in that order.
// What has been synced is mirrored in a raft::memory_storage, which answers every raft::storage read; the snapshot
// data is held once, here, not in the mirror.
#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/store/raft/storage.hpp"
#include "actors/store/replica/replica_log.hpp"
#include "actors/store/record_log.hpp"

namespace navarch::store {

struct raft_disk_options {
  // raft.log is rewritten without the entries a snapshot covers only once it has grown past this: compaction
  // frees memory at once, but rewriting the file on every snapshot would stall the writes behind it.
  uint64_t rewrite_after_bytes = uint64_t{64} << 20;
};

class raft_disk : public replica_log {
 public:
  // Creates `dir` if needed, loads raft.snap and replays raft.log, cutting a torn or corrupt tail of the log (as
  // record_log does). Throws std::runtime_error naming the path when the directory, log or snapshot is unusable
  // (a corrupt snapshot file is an error) or when log and snapshot contradict each other.
  explicit raft_disk(const std::string& dir, raft_disk_options opts = {});
  ~raft_disk() override;

  raft::hard_state initial_hard_state() const override { return mirror_.initial_hard_state(); }
  std::vector<raft::entry> entries(uint64_t lo, uint64_t hi, uint64_t max_bytes) const override {
    return mirror_.entries(lo, hi, max_bytes);
  }
  std::optional<uint64_t> term(uint64_t i) const override { return mirror_.term(i); }
  uint64_t first_index() const override { return mirror_.first_index(); }
  uint64_t last_index() const override { return mirror_.last_index(); }
  raft::snapshot latest_snapshot() const override { return snap_; }

  // Throws std::logic_error (before buffering anything) when rd's entries are not contiguous or leave a gap.
  void write(const raft::ready& rd) override;
  // One write and one fdatasync of raft.log; a received snapshot first replaces raft.snap.
  void sync() override;
  bool has_unsynced() const override { return !pending_.empty(); }
  // Syncs any buffered writes first, then writes raft.snap on a background thread and returns: until that write is
  // durable, latest_snapshot() and the log are unchanged; the next write(), sync() or create_snapshot() after it
  // completed installs the snapshot and compacts. A snapshot not above the current one is ignored (like
  // memory_storage), and so is one asked for while another is still being written.
  void create_snapshot(uint64_t i, const raft::conf_state& cs, snapshot_data data, uint64_t compact_to) override;
  // Waits for a snapshot being written and installs it (tests, and orderly shutdown).
  void await_snapshot();

  uint64_t log_size() const { return log_->size(); }  // bytes of raft.log on disk

  // One Ready's worth of log changes, applied in this order; also the unit of a raft.log record.
  struct batch {
    std::optional<raft::snapshot> reset;  // meta only (index, term): the log restarts after this point
    std::vector<raft::entry> entries;
    raft::hard_state hard;  // empty when unchanged
  };

 private:
  void apply(const batch& b);
  void write_snapshot_file(const raft::snapshot& s) const;
  void append_batch(const batch& b);
  // Installs the snapshot written in the background once it is durable (waiting for it when `wait`).
  void install_written_snapshot(bool wait);
  void rewrite_log(uint64_t compact_to);

  std::string dir_;
  std::string snap_path_;
  raft::memory_storage mirror_;  // synced state; its snapshot has no data (snap_ holds it)
  raft::snapshot snap_;          // the synced snapshot, data included
  std::optional<record_log> log_;
  std::vector<batch> pending_;
  std::optional<raft::snapshot> pending_snap_;  // the newest received snapshot among pending_
  uint64_t pending_snap_index_ = 0;             // the snapshot index once pending_ is synced
  uint64_t pending_base_ = 0;                   // first_index()-1 once pending_ is synced
  uint64_t pending_last_ = 0;                   // last_index() once pending_ is synced
  bool broken_ = false;
  raft_disk_options opts_;
  // A snapshot being written by a background thread; declared last so it is waited for before anything it uses
  // is destroyed.
  struct snapshot_job {
    std::shared_ptr<raft::snapshot> snap;
    uint64_t compact_to = 0;
    std::future<void> written;
  };
  std::optional<snapshot_job> job_;
};

// raft.log's record payloads: a batch split so no record grows past a few MiB, the reset in the first record and
// the hard state in the last (a torn tail then never keeps a commit index without the entries it covers).
std::vector<std::string> encode_batch(const raft_disk::batch& b);
bool decode_batch(std::string_view payload, raft_disk::batch& out);  // false when malformed or not contiguous

}  // namespace navarch::store
