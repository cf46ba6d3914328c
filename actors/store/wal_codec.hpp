// The store's write commands as Raft log entries carry them: a compact little-endian binary encoding. It is ours
// (not CAF serialization) so the on-disk format does not change with the actor library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "messages/store.hpp"

namespace navarch::store {

struct wal_command {
  enum kind_t : uint8_t { txn = 1, compact = 2 };
  uint8_t kind = txn;
  msg::txn_request request;      // kind == txn
  int64_t compact_revision = 0;  // kind == compact
};

std::string encode(const wal_command& cmd);

// False when the payload is not a well-formed command (unknown kind, truncated field, trailing bytes).
bool decode(std::string_view payload, wal_command& out);

}  // namespace navarch::store
