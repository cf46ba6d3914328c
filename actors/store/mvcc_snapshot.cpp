#include "actors/store/mvcc_snapshot.hpp"

#include <stdexcept>

#include "actors/store/byte_codec.hpp"
#include "actors/store/crc32c.hpp"

namespace navarch::store {

namespace {

using codec::get_u32;

constexpr std::string_view magic = "NAVSNP01";
constexpr std::size_t head_size = 12;  // magic + CRC

[[noreturn]] void corrupt(const std::string& what) { throw std::runtime_error("store snapshot: " + what); }

// One retained write; checks what a live mvcc guarantees so a restored store cannot misbehave.
void read_entry(codec::reader& r, key_revision& e, int64_t after, int64_t store_revision, const std::string& key) {
  int64_t sub = 0;
  if (!r.i64(e.revision) || !r.i64(sub) || !r.flag(e.tombstone) || !r.i64(e.create_revision) ||
      !r.i64(e.version) || !r.str(e.value))
    corrupt("truncated history of key '" + key + "'");
  if (e.revision <= after || e.revision > store_revision || sub < 0 || sub > INT32_MAX)
    corrupt("history of key '" + key + "' is out of order or beyond the store revision");
  if (e.tombstone ? (e.create_revision != 0 || e.version != 0 || !e.value.empty())
                  : (e.create_revision <= 0 || e.create_revision > e.revision || e.version <= 0))
    corrupt("inconsistent write at revision " + std::to_string(e.revision) + " of key '" + key + "'");
  e.sub = static_cast<int32_t>(sub);
}

}  // namespace

std::string serialize(const mvcc& state) {
  std::string body;
  codec::writer w(body);
  w.i64(state.revision_);
  w.i64(state.compact_revision_);
  w.varint(state.keys_.size());
  for (const auto& [key, history] : state.keys_) {
    w.str(key);
    w.varint(history.size());
    for (const auto& e : history) {
      w.i64(e.revision);
      w.i64(e.sub);
      w.u8(e.tombstone ? 1 : 0);
      w.i64(e.create_revision);
      w.i64(e.version);
      w.str(e.value);
    }
  }
  std::string out(magic);
  const uint32_t crc = crc32c(body.data(), body.size());
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((crc >> (8 * i)) & 0xFF));
  return out + body;
}

mvcc restore(std::string_view snapshot) {
  if (snapshot.size() < head_size || snapshot.substr(0, 6) != magic.substr(0, 6))
    corrupt("not a Navarch store snapshot (bad magic)");
  if (snapshot.substr(0, magic.size()) != magic)
    corrupt("unsupported format version '" + std::string(snapshot.substr(6, 2)) + "'");
  const std::string_view body = snapshot.substr(head_size);
  if (crc32c(body.data(), body.size()) != get_u32(snapshot.data() + magic.size()))
    corrupt("checksum mismatch");

  mvcc out;
  codec::reader r(body);
  uint64_t key_count = 0;
  if (!r.i64(out.revision_) || !r.i64(out.compact_revision_) || !r.count(key_count))
    corrupt("truncated header");
  if (out.revision_ < 1 || out.compact_revision_ < 0 || out.compact_revision_ > out.revision_)
    corrupt("revision " + std::to_string(out.revision_) + " with compaction point " +
            std::to_string(out.compact_revision_) + " is impossible");
  for (uint64_t i = 0; i < key_count; ++i) {
    std::string key;
    uint64_t n = 0;
    if (!r.str(key) || !r.count(n))
      corrupt("truncated key table");
    if (key.empty() || n == 0 || (!out.keys_.empty() && key <= out.keys_.rbegin()->first))
      corrupt("key table is not sorted, unique and non-empty");
    key_history& h = out.keys_.emplace_hint(out.keys_.end(), key, key_history{})->second;
    h.resize(n);
    int64_t after = 0;
    for (auto& e : h) {
      read_entry(r, e, after, out.revision_, key);
      after = e.revision;
    }
  }
  if (!r.done())
    corrupt("trailing bytes after the key table");
  return out;
}

}  // namespace navarch::store
