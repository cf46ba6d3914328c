// The MVCC state machine behind its WAL: every write command that changes the state is logged, and reopening the
// directory replays the log to the same state and revisions. Once the log outgrows a threshold, the state is
// written to <dir>/store.snap (mvcc_snapshot format, replaced atomically) and the log is emptied, so a restart
// loads the snapshot and replays only what came after it. No CAF; the actor decides when to sync.
#pragma once

#include <cstdint>
#include <string>

#include "actors/store/mvcc.hpp"
#include "actors/store/wal.hpp"

namespace navarch::store {

struct durable_options {
  uint64_t snapshot_threshold = uint64_t{64} << 20;  // WAL bytes after which sync() snapshots and empties it
};

class durable_store {
 public:
  // Loads the snapshot in `dir` if any, then opens (or creates) the log and replays the records the snapshot does
  // not already hold. Throws std::runtime_error with a clear message when the directory is unusable, the snapshot
  // is corrupt, or the log does not replay to the revisions it recorded.
  explicit durable_store(const std::string& dir, durable_options options = {});

  const mvcc& state() const { return state_; }

  // Apply at once (later commands see the result) and log the command if it wrote; durable only after sync().
  txn_result txn(const msg::txn_request& req);
  msg::compact_response compact(int64_t revision);

  // Makes the logged commands durable, then snapshots if the log has outgrown the threshold.
  void sync();
  // Writes the whole state to the snapshot file (temp file, fsync, rename, fsync dir), then empties the log.
  // Everything applied so far is durable once it returns. A crash in between leaves the new snapshot and the old
  // log, whose records the next open skips.
  void snapshot();

  bool has_unsynced() const { return log_.has_unsynced(); }
  const wal& log() const { return log_; }
  const std::string& snapshot_path() const { return snapshot_path_; }

 private:
  void replay(const wal_command& cmd);

  durable_options options_;
  std::string dir_;
  std::string snapshot_path_;
  mvcc state_;
  int64_t snapshot_revision_;  // records at or below it are already in the loaded snapshot
  wal log_;
};

}  // namespace navarch::store
