// An append-only log file with size-based rotation: when a write would take the file past max_bytes, the file
// becomes <path>.1 (older ones shift to .2 .. .<keep>, the oldest is dropped) and a new file is started.
// Records are never split across files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::runtime {

class rotating_log {
 public:
  // Throws runtime_error if the file cannot be opened. keep = 0 keeps no rotated files (the file is truncated).
  rotating_log(std::string path, int64_t max_bytes, int keep);
  ~rotating_log();
  rotating_log(const rotating_log&) = delete;
  rotating_log& operator=(const rotating_log&) = delete;

  void write(std::string_view record);  // write errors (disk full) are dropped: logging must not stop a container
  int64_t size() const { return size_; }

 private:
  void open_file();
  void rotate();

  std::string path_;
  int64_t max_bytes_;
  int keep_;
  int fd_ = -1;
  int64_t size_ = 0;
};

}  // namespace navarch::runtime
