#include "actors/store/replica/raft_disk.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>

#include "actors/store/byte_codec.hpp"
#include "actors/store/crc32c.hpp"
#include "actors/store/replica/raft_codec.hpp"

// Crash safety. raft.snap only ever moves forward and is replaced atomically (temp file, fsync, rename, fsync of
// the directory), always BEFORE the raft.log records that depend on it:
// - A received snapshot is renamed into place, then the batch resetting the log to it is appended and synced. A
//   crash in between leaves the old log beside the new snapshot; opening keeps that log only if it holds the
//   snapshot's index with its term (Raft's log matching then makes it a valid continuation), else it restarts
//   the log at the snapshot, as the lost batch would have.
// - create_snapshot writes the new raft.snap on a background thread (temp file, fsync, rename); only once that is
//   durable are the covered entries dropped, and only from memory: raft.log keeps them until it outgrows
//   rewrite_after_bytes, when it is atomically replaced by a compacted copy (reset to the compaction point, the
//   synced entries after it, the hard state). Whatever a crash interrupts, the log on disk holds the snapshot's
//   index or starts after it, so it reopens to the same entries after the snapshot.
// Appends are record_log's: a torn tail is cut on open, and a batch's hard state is in its last record, so what
// survives is always a prefix of the synced history plus a prefix of the batch being written.

namespace navarch::store {

namespace {

using codec::put_u32;
using codec::get_u32;

namespace fs = std::filesystem;

constexpr std::string_view log_magic = "NAVRLG01";
constexpr std::string_view snap_magic = "NAVRSN01";
constexpr const char* log_label = "raft log";
constexpr const char* snap_label = "raft snapshot";
constexpr uint64_t max_record_entry_bytes = 4u << 20;  // keeps records far below record_log's 64 MiB limit

enum : uint8_t { has_reset = 1, has_entries = 2, has_hard = 4 };

bool contiguous(const std::vector<raft::entry>& es) {
  for (std::size_t i = 1; i < es.size(); ++i)
    if (es[i].index != es[i - 1].index + 1)
      return false;
  return true;
}

// raft.snap: magic, u32 CRC-32C of the rest, u32 length of the meta, the meta (index, term, membership), then
// the data raw, so the data is written and read without re-encoding it.
raft::snapshot load_snapshot_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (fs::exists(path, ec))
      throw std::runtime_error(std::string(snap_label) + " " + path + ": cannot open: " + std::strerror(errno));
    return {};
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad())
    throw std::runtime_error(std::string(snap_label) + " " + path + ": cannot read");
  auto corrupt = [&path](const std::string& why) {
    return std::runtime_error(std::string(snap_label) + " " + path + ": " + why);
  };
  constexpr std::size_t head = 8 + 4 + 4;
  if (bytes.size() < head || std::string_view(bytes).substr(0, 8) != snap_magic)
    throw corrupt("not a raft snapshot file (bad magic or truncated)");
  if (crc32c(bytes.data() + 12, bytes.size() - 12) != get_u32(bytes.data() + 8))
    throw corrupt("checksum mismatch");
  const uint32_t meta_len = get_u32(bytes.data() + 12);
  if (meta_len > bytes.size() - head)
    throw corrupt("meta longer than the file");
  raft::snapshot s;
  codec::reader r(std::string_view(bytes).substr(head, meta_len));
  if (!get_meta(r, s) || !r.done() || s.index == 0)
    throw corrupt("undecodable snapshot meta");
  bytes.erase(0, head + meta_len);
  s.data = std::move(bytes);
  return s;
}

}  // namespace

std::vector<std::string> encode_batch(const raft_disk::batch& b) {
  std::vector<std::string> out;
  std::size_t next = 0;
  do {
    std::string payload;
    codec::writer w(payload);
    const bool first = out.empty();
    std::size_t end = next;
    for (uint64_t bytes = 0; end < b.entries.size() && (end == next || bytes < max_record_entry_bytes); ++end)
      bytes += raft::entry_bytes(b.entries[end]);
    const bool last = end == b.entries.size();
    const uint8_t flags = (first && b.reset ? has_reset : 0) | (end > next ? has_entries : 0) |
                          (last && !b.hard.empty() ? has_hard : 0);
    w.u8(flags);
    if (flags & has_reset) {
      w.varint(b.reset->index);
      w.varint(b.reset->term);
    }
    if (flags & has_entries) {
      w.varint(end - next);
      for (std::size_t i = next; i < end; ++i)
        put(w, b.entries[i]);
    }
    if (flags & has_hard)
      put(w, b.hard);
    out.push_back(std::move(payload));
    next = end;
  } while (next < b.entries.size());
  return out;
}

bool decode_batch(std::string_view payload, raft_disk::batch& out) {
  codec::reader r(payload);
  raft_disk::batch b;
  uint8_t flags = 0;
  if (!r.u8(flags) || (flags & ~(has_reset | has_entries | has_hard)) != 0)
    return false;
  if (flags & has_reset) {
    b.reset.emplace();
    if (!r.varint(b.reset->index) || !r.varint(b.reset->term) || b.reset->index == 0)
      return false;
  }
  if (flags & has_entries) {
    uint64_t n = 0;
    if (!r.count(n) || n == 0)
      return false;
    b.entries.resize(n);
    for (auto& e : b.entries)
      if (!get(r, e))
        return false;
    if (!contiguous(b.entries))
      return false;
  }
  if ((flags & has_hard) && (!get(r, b.hard) || b.hard.empty()))
    return false;
  if (!r.done())
    return false;
  out = std::move(b);
  return true;
}

raft_disk::raft_disk(const std::string& dir, raft_disk_options opts)
    : dir_(dir), snap_path_((fs::path(dir) / "raft.snap").string()), opts_(opts) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw std::runtime_error("raft log: cannot create data directory " + dir + ": " + ec.message());
  const std::string log_path = (fs::path(dir) / "raft.log").string();
  // Leftover temp files are from a crash before their rename: the files they were replacing still stand.
  fs::remove(snap_path_ + ".tmp", ec);
  fs::remove(log_path + ".tmp", ec);

  snap_ = load_snapshot_file(snap_path_);
  log_.emplace(log_path, log_magic, log_label, [this, &log_path](std::string_view payload) {
    batch b;
    if (!decode_batch(payload, b))
      return false;
    try {
      apply(b);
    } catch (const std::logic_error& e) {  // a well-formed record that does not fit the log before it
      throw std::runtime_error(std::string(log_label) + " " + log_path + ": inconsistent record: " + e.what());
    }
    return true;
  });

  const uint64_t base = mirror_.first_index() - 1;
  auto inconsistent = [&](const std::string& why) {
    return std::runtime_error(std::string(log_label) + " " + log_path + ": " + why + " (snapshot " + snap_path_ +
                              ")");
  };
  if (snap_.empty()) {
    if (base > 0)
      throw inconsistent("the log starts after index " + std::to_string(base) + " but there is no snapshot");
  } else if (snap_.index < base) {
    throw inconsistent("the log starts after index " + std::to_string(base) + ", beyond the snapshot at " +
                       std::to_string(snap_.index));
  } else if (mirror_.term(snap_.index) == snap_.term) {
    // raft.log may still hold entries the snapshot covers (it is rewritten only when large): drop them from memory.
    if (snap_.index > base) {
      mirror_.create_snapshot(snap_.index, snap_.conf, {});
      mirror_.compact(snap_.index);
    }
  } else if (snap_.index == base) {
    throw inconsistent("the log restarts at index " + std::to_string(base) + " with another term than the snapshot");
  } else {
    // A received snapshot whose log reset was lost in a crash: the log restarts at it.
    mirror_.apply_snapshot(raft::snapshot{snap_.index, snap_.term, snap_.conf, {}});
  }
  pending_snap_index_ = snap_.index;
  pending_base_ = mirror_.first_index() - 1;
  pending_last_ = mirror_.last_index();
}

void raft_disk::apply(const batch& b) {
  if (b.reset)
    mirror_.apply_snapshot(*b.reset);
  mirror_.append(b.entries);
  if (!b.hard.empty())
    mirror_.set_hard_state(b.hard);
}

void raft_disk::append_batch(const batch& b) {
  for (const auto& payload : encode_batch(b))
    log_->append(payload);
}

raft_disk::~raft_disk() {
  if (job_)
    job_->written.wait();  // the file lands (or not) whole; the next open installs it
}

void raft_disk::write(const raft::ready& rd) {
  install_written_snapshot(false);
  if (!rd.must_persist())
    return;
  batch b;
  uint64_t base = pending_base_;
  uint64_t last = pending_last_;
  const bool new_snap = !rd.snap.empty() && rd.snap.index > pending_snap_index_;
  if (new_snap) {
    b.reset = raft::snapshot{rd.snap.index, rd.snap.term, {}, {}};
    base = last = rd.snap.index;
  }
  if (!rd.entries.empty()) {
    // memory_storage::append's rules: entries up to `base` are skipped, the rest replace the log from their first.
    if (!contiguous(rd.entries) || rd.entries.front().index > last + 1)
      throw std::logic_error("raft log: entries are not contiguous with the log");
    if (rd.entries.back().index > base)
      last = rd.entries.back().index;
    b.entries = rd.entries;
  }
  b.hard = rd.hard;
  append_batch(b);
  if (new_snap) {
    pending_snap_ = rd.snap;
    pending_snap_index_ = rd.snap.index;
  }
  pending_base_ = base;
  pending_last_ = last;
  pending_.push_back(std::move(b));
}

void raft_disk::write_snapshot_file(const raft::snapshot& s) const {
  std::string meta;
  codec::writer w(meta);
  put_meta(w, s);
  std::string head(snap_magic);
  put_u32(head, 0);  // the checksum, filled in below
  put_u32(head, static_cast<uint32_t>(meta.size()));
  head += meta;
  const uint32_t crc = crc32c(s.data.data(), s.data.size(), crc32c(head.data() + 12, head.size() - 12));
  for (int i = 0; i < 4; ++i)
    head[8 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  write_file_atomically(snap_path_, {head, s.data}, snap_label);
}

void raft_disk::sync() {
  if (pending_.empty())
    return;
  if (broken_)
    throw std::runtime_error(std::string(log_label) + " " + log_->path() + ": an earlier write failed; reopen it");
  broken_ = true;  // until everything below is durable
  if (pending_snap_) {
    // A received snapshot is beyond our commit index, so beyond any snapshot of ours being written: let that one
    // land first, so raft.snap never moves backwards, and forget it.
    if (job_) {
      job_->written.wait();
      job_.reset();
    }
    write_snapshot_file(*pending_snap_);
  }
  log_->sync();
  for (const auto& b : pending_)
    apply(b);
  if (pending_snap_)
    snap_ = std::move(*pending_snap_);
  pending_.clear();
  pending_snap_.reset();
  broken_ = false;
  install_written_snapshot(false);
}

void raft_disk::create_snapshot(uint64_t i, const raft::conf_state& cs, snapshot_data data, uint64_t compact_to) {
  sync();
  install_written_snapshot(false);
  if (job_ || i <= snap_.index)
    return;
  if (broken_)
    throw std::runtime_error(std::string(log_label) + " " + log_->path() + ": an earlier write failed; reopen it");
  const auto t = mirror_.term(i);
  if (!t)
    throw std::logic_error("raft log: snapshot index " + std::to_string(i) + " is outside the log");
  auto snap = std::make_shared<raft::snapshot>(raft::snapshot{i, *t, cs, {}});
  // The thread produces the data and writes the file; it touches only the snapshot it shares and the (constant)
  // path: the disk's state stays this thread's. The future makes its writes visible to install_written_snapshot.
  job_ = snapshot_job{snap, std::min(compact_to, i), std::async(std::launch::async, [this, snap, data] {
                        snap->data = data();
                        write_snapshot_file(*snap);
                      })};
}

void raft_disk::await_snapshot() { install_written_snapshot(true); }

void raft_disk::install_written_snapshot(bool wait) {
  if (!job_ || !pending_.empty())
    return;  // installing changes the log's base: only between syncs
  if (!wait && job_->written.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  snapshot_job job = std::move(*job_);
  job_.reset();
  try {
    job.written.get();
  } catch (const std::exception& e) {
    // The old snapshot and the whole log still stand: nothing is lost, the next snapshot tries again.
    std::fprintf(stderr, "%s\n", e.what());
    return;
  }
  const raft::snapshot& s = *job.snap;
  if (s.index <= snap_.index || s.index < mirror_.first_index() - 1 || s.index > mirror_.last_index())
    return;  // overtaken by a received snapshot
  mirror_.create_snapshot(s.index, s.conf, {});
  snap_ = std::move(*job.snap);
  pending_snap_index_ = std::max(pending_snap_index_, snap_.index);
  if (job.compact_to >= mirror_.first_index()) {
    mirror_.compact(job.compact_to);
    pending_base_ = std::max(pending_base_, job.compact_to);
  }
  if (log_->size() > opts_.rewrite_after_bytes)
    rewrite_log(mirror_.first_index() - 1);
}

// Replaces raft.log by a copy holding only what the mirror holds (a reset to `base`, the entries after it, the hard
// state). A crash before the rename leaves the old log, which the snapshot already covers (see the top).
void raft_disk::rewrite_log(uint64_t base) {
  batch b;
  b.reset = raft::snapshot{base, *mirror_.term(base), {}, {}};
  if (base < mirror_.last_index())
    b.entries = mirror_.entries(base + 1, mirror_.last_index() + 1, std::numeric_limits<uint64_t>::max());
  b.hard = mirror_.initial_hard_state();
  broken_ = true;
  log_->rewrite(encode_batch(b));
  broken_ = false;
}

}  // namespace navarch::store
