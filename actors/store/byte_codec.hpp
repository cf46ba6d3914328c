// Little-endian varint/length-prefixed byte encoding shared by the store's on-disk formats (Raft log records,
// snapshots). The reader never reads past its input and reports every malformed field as false.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::store::codec {

// Fixed-width little-endian 32-bit fields (record lengths and checksums in file headers).
inline void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

inline uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= uint32_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

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

}  // namespace navarch::store::codec
