#include "actors/store/durable_store.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include "actors/store/mvcc_snapshot.hpp"

namespace navarch::store {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error("store snapshot " + path + ": " + what + ": " + std::strerror(errno));
}

// The snapshot in `path`, or an empty store when there is none. A leftover temp file is from a crash before the
// rename: the snapshot it was replacing (or none) still stands, with the full log behind it.
mvcc load_snapshot(const std::string& path) {
  std::error_code ec;
  fs::remove(path + ".tmp", ec);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (fs::exists(path, ec))
      fail("cannot open", path);
    return mvcc{};
  }
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad())
    fail("cannot read", path);
  try {
    return restore(bytes);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

void write_file_durably(const std::string& dir, const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    fail("cannot create", tmp);
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0) {
      ::close(fd);
      fail("write failed", tmp);
    }
    done += static_cast<std::size_t>(w);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("fsync failed", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    fail("cannot rename " + tmp + " over it", path);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0)
    fail("cannot open directory", dir);
  const int rc = ::fsync(dfd);
  ::close(dfd);
  if (rc != 0)
    fail("cannot sync directory", dir);
}

}  // namespace

durable_store::durable_store(const std::string& dir, durable_options options)
    : options_(options),
      dir_(dir),
      snapshot_path_((fs::path(dir) / "store.snap").string()),
      state_(load_snapshot(snapshot_path_)),
      snapshot_revision_(state_.revision()),
      log_(dir, [this](const wal_command& cmd) { replay(cmd); }) {}

void durable_store::replay(const wal_command& cmd) {
  // Records the snapshot already holds: txns up to its revision, compactions up to its compaction point (a
  // compaction logged after the snapshot at the same revision goes further, so it is applied).
  if (cmd.revision <= snapshot_revision_ &&
      (cmd.kind == wal_command::txn || cmd.compact_revision <= state_.compact_revision()))
    return;
  int32_t error = msg::store_ok;
  if (cmd.kind == wal_command::txn)
    error = state_.txn(cmd.request).response.error;
  else
    error = state_.compact(cmd.compact_revision).error;
  if (error != msg::store_ok || state_.revision() != cmd.revision)
    throw std::runtime_error("store WAL " + log_.path() + ": replay diverged: a command logged at revision " +
                             std::to_string(cmd.revision) + " now gives revision " +
                             std::to_string(state_.revision()) + " (error " + std::to_string(error) + ")");
}

txn_result durable_store::txn(const msg::txn_request& req) {
  txn_result r = state_.txn(req);
  if (!r.events.empty()) {
    wal_command cmd;
    cmd.kind = wal_command::txn;
    cmd.revision = state_.revision();
    cmd.request = req;
    log_.append(cmd);
  }
  return r;
}

msg::compact_response durable_store::compact(int64_t revision) {
  msg::compact_response r = state_.compact(revision);
  if (r.error == msg::store_ok) {
    wal_command cmd;
    cmd.kind = wal_command::compact;
    cmd.revision = state_.revision();
    cmd.compact_revision = revision;
    log_.append(cmd);
  }
  return r;
}

void durable_store::sync() {
  log_.sync();
  if (log_.size() >= options_.snapshot_threshold)
    snapshot();
}

void durable_store::snapshot() {
  write_file_durably(dir_, snapshot_path_, serialize(state_));
  log_.truncate();
}

}  // namespace navarch::store
