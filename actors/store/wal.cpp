#include "actors/store/wal.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actors/store/crc32c.hpp"

namespace navarch::store {

namespace {

constexpr std::string_view magic = "NAVWAL01";
constexpr std::size_t header_size = 8;
// Far above any valid command (requests are capped at 1.5 MiB); a larger length can only be corruption.
constexpr uint32_t max_payload = 64u << 20;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error("store WAL " + path + ": " + what + ": " + std::strerror(errno));
}

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i)
    v |= uint32_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

// Reads exactly n bytes at offset unless the file ends first; returns the count read.
std::size_t read_at(int fd, char* buf, std::size_t n, uint64_t offset, const std::string& path) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, buf + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      fail("read failed", path);
    if (r == 0)
      break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

void write_all(int fd, const char* data, std::size_t n, const std::string& path) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w < 0)
      fail("write failed", path);
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

void sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    fail("cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0)
    fail("cannot sync directory", dir);
}

}  // namespace

wal::wal(const std::string& dir, const std::function<void(const wal_command&)>& replay)
    : path_((std::filesystem::path(dir) / "store.wal").string()) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw std::runtime_error("store WAL: cannot create data directory " + dir + ": " + ec.message());
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0)
    fail("cannot open", path_);
  try {
    struct stat st {};
    if (::fstat(fd_, &st) != 0)
      fail("cannot stat", path_);
    const auto file_size = static_cast<uint64_t>(st.st_size);
    char head[header_size];
    if (file_size < magic.size()) {
      // New, or torn while being created: start over with just the magic.
      if (::ftruncate(fd_, 0) != 0)
        fail("cannot truncate", path_);
      write_all(fd_, magic.data(), magic.size(), path_);
      if (::fdatasync(fd_) != 0)
        fail("cannot sync", path_);
      sync_dir(dir);
      size_ = magic.size();
      return;
    }
    if (read_at(fd_, head, magic.size(), 0, path_) != magic.size() ||
        std::string_view(head, magic.size()) != magic)
      throw std::runtime_error("store WAL " + path_ + ": not a Navarch store log (bad magic)");

    uint64_t offset = magic.size();
    std::string payload;
    const char* damage = nullptr;
    while (offset < file_size) {
      if (read_at(fd_, head, header_size, offset, path_) != header_size) {
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
      if (read_at(fd_, payload.data(), length, offset + header_size, path_) != length) {
        damage = "short record";
        break;
      }
      if (crc32c(payload.data(), payload.size()) != crc) {
        damage = "checksum mismatch";
        break;
      }
      wal_command cmd;
      if (!decode(payload, cmd)) {
        damage = "undecodable record";
        break;
      }
      replay(cmd);
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

wal::~wal() {
  if (fd_ >= 0)
    ::close(fd_);
}

void wal::append(const wal_command& cmd) {
  const std::string payload = encode(cmd);
  put_u32(buffer_, static_cast<uint32_t>(payload.size()));
  put_u32(buffer_, crc32c(payload.data(), payload.size()));
  buffer_ += payload;
}

void wal::sync() {
  if (buffer_.empty())
    return;
  if (broken_)
    throw std::runtime_error("store WAL " + path_ + ": an earlier write failed; reopen the log");
  broken_ = true;  // until this write is known to be complete and durable
  write_all(fd_, buffer_.data(), buffer_.size(), path_);
  if (::fdatasync(fd_) != 0)
    fail("fdatasync failed", path_);
  broken_ = false;
  size_ += buffer_.size();
  buffer_.clear();
}

void wal::truncate() {
  buffer_.clear();
  broken_ = true;  // until the file is known to hold just the magic
  if (::ftruncate(fd_, static_cast<off_t>(magic.size())) != 0 || ::fsync(fd_) != 0)
    fail("cannot truncate", path_);
  broken_ = false;
  size_ = magic.size();
}

}  // namespace navarch::store
