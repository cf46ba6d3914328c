// The MVCC state machine behind its WAL: every write command that changes the state is logged, and reopening the
// directory replays the log to the same state and revisions. No CAF; the actor decides when to sync.
#pragma once

#include <string>

#include "actors/store/mvcc.hpp"
#include "actors/store/wal.hpp"

namespace navarch::store {

class durable_store {
 public:
  // Opens (or creates) the log in `dir` and replays it. Throws std::runtime_error with a clear message when the
  // directory is unusable or the log does not replay to the revisions it recorded.
  explicit durable_store(const std::string& dir);

  const mvcc& state() const { return state_; }

  // Apply at once (later commands see the result) and log the command if it wrote; durable only after sync().
  txn_result txn(const msg::txn_request& req);
  msg::compact_response compact(int64_t revision);

  void sync() { log_.sync(); }
  bool has_unsynced() const { return log_.has_unsynced(); }
  const wal& log() const { return log_; }

 private:
  void replay(const wal_command& cmd);

  mvcc state_;
  wal log_;
};

}  // namespace navarch::store
