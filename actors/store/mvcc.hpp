// The store's state machine: an MVCC key-value map with etcd v3 semantics (revisions, txn, compaction,
// history events). Pure: no CAF, no I/O, deterministic: every replica applies the same commands from its log.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "messages/store.hpp"

namespace navarch::store {

// etcd rejects requests over 1.5 MiB; we apply the same bound to the keys and values of one txn.
inline constexpr std::size_t max_request_bytes = 1536 * 1024;

// One write to a key. A tombstone records a delete and ends the key's current generation.
struct key_revision {
  int64_t revision = 0;
  int32_t sub = 0;  // order of the write inside its txn, so history replays ops in the order they were applied
  bool tombstone = false;
  int64_t create_revision = 0;
  int64_t version = 0;
  std::string value;
};

// The writes to one key, oldest first (strictly increasing revision).
using key_history = std::vector<key_revision>;

struct txn_result {
  msg::txn_response response;
  std::vector<msg::watch_event> events;  // what the txn wrote, in op order, prev_kv always filled if it existed
};

struct history_result {
  int32_t error = msg::store_ok;
  int64_t compact_revision = 0;          // set when error == store_compacted
  std::vector<msg::watch_event> events;  // revision order; op order within a revision
};

class mvcc {
 public:
  // An empty store is at revision 1, like etcd; each txn that writes advances it by one.
  int64_t revision() const { return revision_; }
  // Reads and watches below this revision are refused; 0 until the first compaction.
  int64_t compact_revision() const { return compact_revision_; }

  msg::range_response range(const msg::range_request& req) const;

  // Evaluates the compares against the current state, then applies the chosen branch's ops in order (a range op
  // sees the earlier puts and deletes of the same txn). All writes of one txn share one new revision.
  // A malformed or oversized request changes nothing and carries the error in the response.
  txn_result txn(const msg::txn_request& req);

  // Drops history before `revision`, keeping for every key the newest write at or before it if that write is live,
  // so reads at `revision` or later still answer the same.
  msg::compact_response compact(int64_t revision);

  // The writes to [key, range_end) with revision >= from_revision, to serve a watch from history.
  history_result events_since(const std::string& key, const std::string& range_end, int64_t from_revision) const;

  std::size_t key_count() const { return keys_.size(); }

 private:
  // Snapshots (mvcc_snapshot.hpp) read and rebuild the whole state, history included.
  friend std::string serialize(const mvcc& state);
  friend mvcc restore(std::string_view snapshot);

  using key_map = std::map<std::string, key_history>;

  msg::range_response range_at(const msg::range_request& req, int64_t at) const;
  bool compare_holds(const msg::compare& c) const;
  void apply_op(const msg::request_op& op, int64_t rev, int32_t& sub, txn_result& out);

  key_map keys_;
  int64_t revision_ = 1;
  int64_t compact_revision_ = 0;
};

// Checks a txn without applying it: store_ok, store_bad_request (empty key, unknown kind or compare, a key written
// twice in one branch — etcd forbids that too) or store_too_large.
int32_t validate_txn(const msg::txn_request& req);

// True when `k` lies in [key, range_end) under etcd's conventions (empty range_end: only `key`; "\0": all >= key).
bool in_range(const std::string& k, const std::string& key, const std::string& range_end);

}  // namespace navarch::store
