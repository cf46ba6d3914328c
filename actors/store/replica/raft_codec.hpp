// A byte encoding of Raft's values, so replicas in different processes can exchange raft::message and a replica
// can persist entries and snapshots (raft_disk). Built on byte_codec (varints, length-prefixed strings); decoding
// never reads past its input and rejects any malformed, truncated or over-long input with false.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "actors/store/byte_codec.hpp"
#include "actors/store/raft/types.hpp"

namespace navarch::store {

// The first byte of an encoded message; a decoder refuses other versions.
inline constexpr uint8_t raft_codec_version = 1;

std::string encode(const raft::message& m);
bool decode(std::string_view bytes, raft::message& out);

// Building blocks, shared with raft_disk's records. No version byte: the enclosing format carries one.
void put(codec::writer& w, const raft::entry& e);
bool get(codec::reader& r, raft::entry& e);
void put(codec::writer& w, const raft::hard_state& hs);
bool get(codec::reader& r, raft::hard_state& hs);
void put(codec::writer& w, const raft::conf_state& cs);
bool get(codec::reader& r, raft::conf_state& cs);
// A snapshot without its data (index, term, membership): lets a large data blob be written and read separately.
void put_meta(codec::writer& w, const raft::snapshot& s);
bool get_meta(codec::reader& r, raft::snapshot& s);
// The whole snapshot: its meta, then its data as a length-prefixed string.
void put(codec::writer& w, const raft::snapshot& s);
bool get(codec::reader& r, raft::snapshot& s);

}  // namespace navarch::store
