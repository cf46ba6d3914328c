// What `kubectl logs` shows of a container log file: the file holds CRI log lines
// ("2026-11-22T06:40:00.123456789Z stdout F text"); the view keeps the text (or "<timestamp> text" with
// timestamps), joins partial lines (tag P), and applies tailLines, sinceSeconds and limitBytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace navarch::kubelet {

struct log_view_options {
  bool timestamps = false;
  int64_t tail_lines = -1;    // < 0: all
  int64_t since_seconds = 0;  // 0: no limit
  int64_t limit_bytes = 0;    // 0: no limit
};

std::string render_log(std::string_view cri_text, const log_view_options& opts, std::chrono::system_clock::time_point now);

}  // namespace navarch::kubelet
