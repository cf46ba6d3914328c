// The CRI container log format, one record per line: "<RFC3339Nano UTC> <stream> <F|P> <text>\n".
// Tag F ends a line, P is a piece of a longer line (split at max_line bytes) continued by the next record.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace navarch::runtime {

std::string format_cri_timestamp(std::chrono::system_clock::time_point t);  // 2026-11-22T06:40:00.123456789Z
std::string format_cri_line(std::chrono::system_clock::time_point t, std::string_view stream, bool partial,
                            std::string_view text);

struct cri_entry {
  std::chrono::system_clock::time_point time;
  std::string stream;  // "stdout" or "stderr"
  bool partial = false;
  std::string text;    // without the trailing newline
};

// nullopt for a malformed line (the line may or may not end with '\n').
std::optional<cri_entry> parse_cri_line(std::string_view line);

// Cuts a byte stream into records: each complete line, and pieces of max_line bytes of longer lines.
class cri_line_splitter {
 public:
  using emit_fn = std::function<void(bool partial, std::string_view text)>;
  explicit cri_line_splitter(size_t max_line = 16 * 1024) : max_line_(max_line) {}
  void feed(std::string_view bytes, const emit_fn& emit);
  // End of stream: a trailing unterminated line is emitted as a full line.
  void finish(const emit_fn& emit);

 private:
  size_t max_line_;
  std::string pending_;
};

}  // namespace navarch::runtime
