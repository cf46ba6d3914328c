#include "actors/store/record_log.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "actors/store/byte_codec.hpp"
#include "actors/store/crc32c.hpp"

namespace navarch::store {

namespace {

using codec::put_u32;
using codec::get_u32;

constexpr std::size_t magic_size = 8;
constexpr std::size_t header_size = 8;
// Far above any valid record (store requests are capped at 1.5 MiB, Raft batches far below this); a larger
// length can only be corruption.
constexpr uint32_t max_payload = 64u << 20;

[[noreturn]] void fail_io(const std::string& label, const std::string& what, const std::string& path) {
  throw std::runtime_error(label + " " + path + ": " + what + ": " + std::strerror(errno));
}

void frame(std::string& out, std::string_view payload) {
  put_u32(out, static_cast<uint32_t>(payload.size()));
  put_u32(out, crc32c(payload.data(), payload.size()));
  out += payload;
}

// Reads exactly n bytes at offset unless the file ends first; returns the count read (-1 with errno on failure).
ssize_t read_at(int fd, char* buf, std::size_t n, uint64_t offset) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, buf + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    got += static_cast<std::size_t>(r);
  }
  return static_cast<ssize_t>(got);
}

// Writes all of `parts` with as few system calls as the kernel allows; false with errno on failure.
bool write_all(int fd, std::vector<std::string_view> parts) {
  std::size_t first = 0;
  while (first < parts.size()) {
    std::vector<iovec> iov;
    for (std::size_t i = first; i < parts.size() && iov.size() < IOV_MAX; ++i)
      iov.push_back(iovec{const_cast<char*>(parts[i].data()), parts[i].size()});
    ssize_t w = ::writev(fd, iov.data(), static_cast<int>(iov.size()));
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      return false;
    auto left = static_cast<std::size_t>(w);
    while (first < parts.size() && left >= parts[first].size())
      left -= parts[first++].size();
    if (first < parts.size())
      parts[first].remove_prefix(left);
  }
  return true;
}

void sync_dir(const std::string& dir, const std::string& label) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    fail_io(label, "cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0)
    fail_io(label, "cannot sync directory", dir);
}

std::string parent_dir(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? "." : dir;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::vector<std::string_view>& parts,
                           const std::string& label) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    fail_io(label, "cannot create", tmp);
  if (!write_all(fd, parts)) {
    ::close(fd);
    fail_io(label, "write failed", tmp);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail_io(label, "fsync failed", tmp);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    fail_io(label, "cannot rename " + tmp + " over it", path);
  sync_dir(parent_dir(path), label);
}

void record_log::fail(const std::string& what, const std::string& path) const { fail_io(label_, what, path); }

record_log::record_log(std::string path, std::string_view magic, std::string label, const replay_fn& replay)
    : path_(std::move(path)), magic_(magic), label_(std::move(label)) {
  if (magic_.size() != magic_size)
    throw std::logic_error("record_log: the magic must be 8 bytes");
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    fail("cannot open", path_);
  try {
    struct stat st {};
    if (::fstat(fd_, &st) != 0)
      fail("cannot stat", path_);
    const auto file_size = static_cast<uint64_t>(st.st_size);
    char head[header_size];
    if (file_size < magic_.size()) {
      // New, or torn while being created: start over with just the magic.
      if (::ftruncate(fd_, 0) != 0 || !write_all(fd_, {magic_}) || ::fdatasync(fd_) != 0)
        fail("cannot initialize", path_);
      sync_dir(parent_dir(path_), label_);
      size_ = magic_.size();
      return;
    }
    const ssize_t got = read_at(fd_, head, magic_.size(), 0);
    if (got < 0)
      fail("read failed", path_);
    if (static_cast<std::size_t>(got) != magic_.size() || std::string_view(head, magic_.size()) != magic_)
      throw std::runtime_error(label_ + " " + path_ + ": not a " + label_ + " file (bad magic)");

    uint64_t offset = magic_.size();
    std::string payload;
    const char* damage = nullptr;
    while (offset < file_size) {
      ssize_t n = read_at(fd_, head, header_size, offset);
      if (n < 0)
        fail("read failed", path_);
      if (static_cast<std::size_t>(n) != header_size) {
        damage = "short record header";
        break;
      }
      const uint32_t length = get_u32(head);
      const uint32_t crc = get_u32(head + 4);
      if (length > max_payload || length > file_size - offset - header_size) {
        damage = "record longer than the file";
        break;
      }
      payload.resize(length);
      n = read_at(fd_, payload.data(), length, offset + header_size);
      if (n < 0)
        fail("read failed", path_);
      if (static_cast<std::size_t>(n) != length) {
        damage = "short record";
        break;
      }
      if (crc32c(payload.data(), payload.size()) != crc) {
        damage = "checksum mismatch";
        break;
      }
      if (!replay(payload)) {
        damage = "undecodable record";
        break;
      }
      offset += header_size + length;
    }
    if (damage != nullptr) {
      std::cerr << "navarch store: " << path_ << ": " << damage << " at offset " << offset << "; truncating "
                << (file_size - offset) << " bytes of torn or corrupt tail\n";
      if (::ftruncate(fd_, static_cast<off_t>(offset)) != 0 || ::fsync(fd_) != 0)
        fail("cannot truncate corrupt tail", path_);
    }
    size_ = offset;
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

record_log::~record_log() {
  if (fd_ >= 0)
    ::close(fd_);
}

void record_log::append(std::string_view payload) { frame(buffer_, payload); }

void record_log::sync() {
  if (buffer_.empty())
    return;
  if (broken_)
    throw std::runtime_error(label_ + " " + path_ + ": an earlier write failed; reopen the log");
  broken_ = true;  // until this write is known to be complete and durable
  if (!write_all(fd_, {buffer_}))
    fail("write failed", path_);
  if (::fdatasync(fd_) != 0)
    fail("fdatasync failed", path_);
  broken_ = false;
  size_ += buffer_.size();
  buffer_.clear();
}

void record_log::rewrite(const std::vector<std::string>& payloads) {
  if (broken_)
    throw std::runtime_error(label_ + " " + path_ + ": an earlier write failed; reopen the log");
  std::string records;
  for (const auto& p : payloads)
    frame(records, p);
  broken_ = true;  // until fd_ refers to the new file
  write_file_atomically(path_, {magic_, records}, label_);
  const int fd = ::open(path_.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0)
    fail("cannot reopen", path_);
  ::close(fd_);
  fd_ = fd;
  size_ = magic_.size() + records.size();
  broken_ = false;
}

}  // namespace navarch::store
