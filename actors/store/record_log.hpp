// The framing of the store's append-only logs (the Raft replica's raft.log, replica/raft_disk): a file of an 8-byte
// magic, then records of [u32 payload length][u32 CRC-32C of payload][payload], little-endian, with torn-tail
// repair on open.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace navarch::store {

class record_log {
 public:
  // Returns false when a payload (with a good checksum) cannot be decoded: it is then treated like a torn tail.
  using replay_fn = std::function<bool(std::string_view payload)>;

  // Opens `path` (its directory must exist), creating it with `magic` (8 bytes) if needed, then calls `replay` for
  // every intact record in order. A torn or corrupt tail (short record, bad checksum, undecodable payload) is
  // reported on stderr with the file and offset, and cut off before anything is appended. Throws
  // std::runtime_error naming the path (messages start with `label`) when the file cannot be opened, read or
  // repaired, or holds another magic; exceptions from `replay` propagate.
  record_log(std::string path, std::string_view magic, std::string label, const replay_fn& replay);
  ~record_log();
  record_log(const record_log&) = delete;
  record_log& operator=(const record_log&) = delete;

  // Adds a record to the in-memory buffer; nothing reaches the disk before sync().
  void append(std::string_view payload);
  // Writes the buffered records and fdatasyncs them: once it returns, they survive a crash. Throws
  // std::runtime_error on failure; the file may then end in a torn record, which the next open cuts off, and this
  // log refuses further syncs (reopen it to recover).
  void sync();
  // Atomically replaces the synced records with `payloads` (temp file, fsync, rename, fsync of the directory): a
  // crash leaves either the old file or the new one. Buffered records stay buffered, to follow the new ones.
  // Throws std::runtime_error on failure, after which this log refuses further syncs.
  void rewrite(const std::vector<std::string>& payloads);

  bool has_unsynced() const { return !buffer_.empty(); }
  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }  // bytes on disk, synced records only

 private:
  [[noreturn]] void fail(const std::string& what, const std::string& path) const;

  std::string path_;
  std::string magic_;
  std::string label_;
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string buffer_;
  bool broken_ = false;
};

// Replaces `path` with the concatenation of `parts` so that a crash leaves the old file or the new one, never a
// mix: writes path.tmp, fsyncs it, renames it over `path` and fsyncs the directory. Throws std::runtime_error
// (starting with `label`, naming the file) on failure. A leftover path.tmp is from a crash before the rename.
void write_file_atomically(const std::string& path, const std::vector<std::string_view>& parts,
                           const std::string& label);

}  // namespace navarch::store
