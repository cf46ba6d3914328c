#include "actors/store/wal_codec.hpp"

namespace navarch::store {

namespace {

class writer {
 public:
  explicit writer(std::string& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(uint64_t v) {
    for (; v >= 0x80; v >>= 7)
      u8(static_cast<uint8_t>(v | 0x80));
    u8(static_cast<uint8_t>(v));
  }
  void i64(int64_t v) { varint(static_cast<uint64_t>(v)); }
  void str(const std::string& s) {
    varint(s.size());
    out_ += s;
  }

 private:
  std::string& out_;
};

class reader {
 public:
  explicit reader(std::string_view in) : in_(in) {}
  bool u8(uint8_t& v) {
    if (pos_ >= in_.size())
      return false;
    v = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = 0;
      if (!u8(b))
        return false;
      v |= uint64_t{b & 0x7Fu} << shift;
      if ((b & 0x80) == 0)
        return true;
    }
    return false;
  }
  bool i64(int64_t& v) {
    uint64_t u = 0;
    if (!varint(u))
      return false;
    v = static_cast<int64_t>(u);
    return true;
  }
  bool flag(bool& v) {
    uint8_t b = 0;
    if (!u8(b) || b > 1)
      return false;
    v = b == 1;
    return true;
  }
  bool str(std::string& s) {
    uint64_t n = 0;
    if (!varint(n) || n > in_.size() - pos_)
      return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  // Reads a count of items, each at least one byte, so a corrupt count cannot make us allocate wildly.
  bool count(uint64_t& n) { return varint(n) && n <= in_.size() - pos_; }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

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
  w.i64(cmd.revision);
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
  if (!r.u8(out.kind) || !r.i64(out.revision))
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
