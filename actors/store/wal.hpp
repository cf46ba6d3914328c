// The store's durable append-only log of write commands. File <dir>/store.wal: an 8-byte magic, then records of
// [u32 payload length][u32 CRC-32C of payload][payload], little-endian; payloads are wal_codec commands.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "actors/store/wal_codec.hpp"

namespace navarch::store {

class wal {
 public:
  // Creates `dir` and the log if needed, then calls `replay` for every intact record in order. A torn or corrupt
  // tail (short record, bad checksum, undecodable payload) is reported on stderr with the file and offset, and cut
  // off before anything is appended. Throws std::runtime_error naming the path when the log cannot be opened,
  // read or repaired; exceptions from `replay` propagate.
  wal(const std::string& dir, const std::function<void(const wal_command&)>& replay);
  ~wal();
  wal(const wal&) = delete;
  wal& operator=(const wal&) = delete;

  // Adds a record to the in-memory buffer; nothing reaches the disk before sync().
  void append(const wal_command& cmd);
  // Writes the buffered records and fdatasyncs them: once it returns, they survive a crash. Throws
  // std::runtime_error on failure; the file may then end in a torn record, which the next open cuts off, and this
  // log refuses further syncs (reopen it to recover).
  void sync();

  // Drops every record (synced or buffered), leaving the magic alone, durably; called once a snapshot holds
  // their effect. Throws std::runtime_error on failure, after which this log refuses further syncs.
  void truncate();

  bool has_unsynced() const { return !buffer_.empty(); }
  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }  // bytes on disk, synced records only

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string buffer_;
  bool broken_ = false;
};

}  // namespace navarch::store
