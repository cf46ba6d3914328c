#include "actors/store/wal_codec.hpp"

#include "actors/store/byte_codec.hpp"

namespace navarch::store {

namespace {

using codec::reader;
using codec::writer;

void put_ops(writer& w, const std::vector<msg::request_op>& ops) {
  w.varint(ops.size());
  for (const auto& op : ops) {
    w.u8(op.kind);
    w.str(op.key);
    w.str(op.range_end);
    w.str(op.value);
    w.u8(op.prev_kv ? 1 : 0);
  }
}

bool get_ops(reader& r, std::vector<msg::request_op>& ops) {
  uint64_t n = 0;
  if (!r.count(n))
    return false;
  ops.resize(n);
  for (auto& op : ops)
    if (!r.u8(op.kind) || !r.str(op.key) || !r.str(op.range_end) || !r.str(op.value) || !r.flag(op.prev_kv))
      return false;
  return true;
}

}  // namespace

std::string encode(const wal_command& cmd) {
  std::string out;
  writer w(out);
  w.u8(cmd.kind);
  if (cmd.kind == wal_command::compact) {
    w.i64(cmd.compact_revision);
    return out;
  }
  w.varint(cmd.request.compares.size());
  for (const auto& c : cmd.request.compares) {
    w.str(c.key);
    w.u8(c.target);
    w.u8(c.result);
    w.i64(c.number);
    w.str(c.text);
  }
  put_ops(w, cmd.request.success);
  put_ops(w, cmd.request.failure);
  return out;
}

bool decode(std::string_view payload, wal_command& out) {
  reader r(payload);
  out = {};
  if (!r.u8(out.kind))
    return false;
  if (out.kind == wal_command::compact)
    return r.i64(out.compact_revision) && r.done();
  if (out.kind != wal_command::txn)
    return false;
  uint64_t n = 0;
  if (!r.count(n))
    return false;
  out.request.compares.resize(n);
  for (auto& c : out.request.compares)
    if (!r.str(c.key) || !r.u8(c.target) || !r.u8(c.result) || !r.i64(c.number) || !r.str(c.text))
      return false;
  return get_ops(r, out.request.success) && get_ops(r, out.request.failure) && r.done();
}

}  // namespace navarch::store
