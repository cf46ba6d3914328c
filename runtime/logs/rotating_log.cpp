#include "runtime/logs/rotating_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "runtime/container/runtime.hpp"

namespace navarch::runtime {

rotating_log::rotating_log(std::string path, int64_t max_bytes, int keep)
    : path_(std::move(path)), max_bytes_(max_bytes), keep_(keep < 0 ? 0 : keep) {
  open_file();
}

rotating_log::~rotating_log() {
  if (fd_ >= 0) ::close(fd_);
}

void rotating_log::open_file() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd_ < 0) throw runtime_error("open log " + path_ + ": " + std::strerror(errno));
  struct stat st {};
  size_ = ::fstat(fd_, &st) == 0 ? st.st_size : 0;
}

void rotating_log::rotate() {
  ::close(fd_);
  fd_ = -1;
  if (keep_ == 0) {
    ::unlink(path_.c_str());
  } else {
    for (int i = keep_ - 1; i >= 1; --i)
      std::rename((path_ + "." + std::to_string(i)).c_str(), (path_ + "." + std::to_string(i + 1)).c_str());
    std::rename(path_.c_str(), (path_ + ".1").c_str());
  }
  open_file();
}

void rotating_log::write(std::string_view record) {
  if (max_bytes_ > 0 && size_ > 0 && size_ + static_cast<int64_t>(record.size()) > max_bytes_) rotate();
  const char* p = record.data();
  size_t left = record.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<size_t>(n);
    size_ += n;
  }
}

}  // namespace navarch::runtime
