// Snapshots of the MVCC state: the whole store (revision, compaction point, every key's retained history) as one
// self-checking byte string, for the replica's log compaction and for Raft's InstallSnapshot.
// Format: "NAVSNP01", u32 CRC-32C (little-endian) of the body, body of byte_codec varints and strings.
#pragma once

#include <string>
#include <string_view>

#include "actors/store/mvcc.hpp"

namespace navarch::store {

// Encodes `state`; restore(serialize(s)) answers every read, txn, compaction and events_since like `s`.
std::string serialize(const mvcc& state);

// Rebuilds a store from serialize()'s output. Throws std::runtime_error("store snapshot: ...") when the input is
// not a snapshot, is of another format version, fails its checksum or does not describe a consistent store.
mvcc restore(std::string_view snapshot);

}  // namespace navarch::store
