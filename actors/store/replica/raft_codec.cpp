#include "actors/store/replica/raft_codec.hpp"

namespace navarch::store {

using codec::reader;
using codec::writer;

namespace {

void put_ids(writer& w, const std::vector<raft::node_id>& ids) {
  w.varint(ids.size());
  for (auto id : ids)
    w.varint(id);
}

bool get_ids(reader& r, std::vector<raft::node_id>& ids) {
  uint64_t n = 0;
  if (!r.count(n))
    return false;
  ids.resize(n);
  for (auto& id : ids)
    if (!r.varint(id))
      return false;
  return true;
}

}  // namespace

void put(writer& w, const raft::entry& e) {
  w.varint(e.term);
  w.varint(e.index);
  w.u8(static_cast<uint8_t>(e.type));
  w.str(e.data);
}

bool get(reader& r, raft::entry& e) {
  uint8_t type = 0;
  if (!r.varint(e.term) || !r.varint(e.index) || !r.u8(type) ||
      type > static_cast<uint8_t>(raft::entry_type::conf_change))
    return false;
  e.type = static_cast<raft::entry_type>(type);
  return r.str(e.data);
}

void put(writer& w, const raft::hard_state& hs) {
  w.varint(hs.term);
  w.varint(hs.vote);
  w.varint(hs.commit);
}

bool get(reader& r, raft::hard_state& hs) { return r.varint(hs.term) && r.varint(hs.vote) && r.varint(hs.commit); }

void put(writer& w, const raft::conf_state& cs) {
  put_ids(w, cs.voters);
  put_ids(w, cs.learners);
}

bool get(reader& r, raft::conf_state& cs) { return get_ids(r, cs.voters) && get_ids(r, cs.learners); }

void put_meta(writer& w, const raft::snapshot& s) {
  w.varint(s.index);
  w.varint(s.term);
  put(w, s.conf);
}

bool get_meta(reader& r, raft::snapshot& s) { return r.varint(s.index) && r.varint(s.term) && get(r, s.conf); }

void put(writer& w, const raft::snapshot& s) {
  put_meta(w, s);
  w.str(s.data);
}

bool get(reader& r, raft::snapshot& s) { return get_meta(r, s) && r.str(s.data); }

std::string encode(const raft::message& m) {
  std::string out;
  out.reserve(64 + m.snap.data.size() + m.context.size());
  writer w(out);
  w.u8(raft_codec_version);
  w.u8(static_cast<uint8_t>(m.type));
  w.varint(m.from);
  w.varint(m.to);
  w.varint(m.term);
  w.varint(m.log_term);
  w.varint(m.index);
  w.varint(m.entries.size());
  for (const auto& e : m.entries)
    put(w, e);
  w.varint(m.commit);
  put(w, m.snap);
  w.u8(m.reject ? 1 : 0);
  w.varint(m.reject_hint);
  w.u8(m.transfer ? 1 : 0);
  w.str(m.context);
  return out;
}

bool decode(std::string_view bytes, raft::message& out) {
  reader r(bytes);
  raft::message m;
  uint8_t version = 0;
  uint8_t type = 0;
  uint64_t n = 0;
  if (!r.u8(version) || version != raft_codec_version || !r.u8(type) ||
      type > static_cast<uint8_t>(raft::msg_type::timeout_now))
    return false;
  m.type = static_cast<raft::msg_type>(type);
  if (!r.varint(m.from) || !r.varint(m.to) || !r.varint(m.term) || !r.varint(m.log_term) || !r.varint(m.index) ||
      !r.count(n))
    return false;
  m.entries.resize(n);
  for (auto& e : m.entries)
    if (!get(r, e))
      return false;
  if (!r.varint(m.commit) || !get(r, m.snap) || !r.flag(m.reject) || !r.varint(m.reject_hint) ||
      !r.flag(m.transfer) || !r.str(m.context) || !r.done())
    return false;
  out = std::move(m);
  return true;
}

}  // namespace navarch::store
