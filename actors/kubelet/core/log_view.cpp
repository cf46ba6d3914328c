#include "actors/kubelet/core/log_view.hpp"

#include <deque>

#include "api/time/rfc3339.hpp"

namespace navarch::kubelet {

namespace {

struct line {
  std::string_view timestamp;
  std::string text;
};

// Seconds since the epoch of an RFC 3339 timestamp (enough for sinceSeconds); 0 when unreadable.
int64_t epoch_seconds(std::string_view ts) {
  auto t = api::parse_rfc3339(ts);
  return t ? std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count() : 0;
}

}  // namespace

std::string render_log(std::string_view text, const log_view_options& opts, std::chrono::system_clock::time_point now) {
  std::deque<line> lines;
  std::string partial;
  std::string_view partial_ts;  // a line split over records carries the time its first part was written
  int64_t cutoff = opts.since_seconds > 0
                       ? std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() -
                             opts.since_seconds
                       : 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) break;  // an unfinished record is not shown yet
    std::string_view rec = text.substr(pos, eol - pos);
    pos = eol + 1;
    size_t a = rec.find(' ');
    size_t b = a == std::string_view::npos ? a : rec.find(' ', a + 1);
    size_t c = b == std::string_view::npos ? b : rec.find(' ', b + 1);
    if (c == std::string_view::npos) continue;  // not a CRI record
    std::string_view ts = rec.substr(0, a), tag = rec.substr(b + 1, c - b - 1), body = rec.substr(c + 1);
    if (partial.empty()) partial_ts = ts;
    partial.append(body);
    if (tag == "P") continue;
    if (cutoff == 0 || epoch_seconds(partial_ts) >= cutoff) lines.push_back({partial_ts, std::move(partial)});
    partial.clear();
    if (opts.tail_lines >= 0 && static_cast<int64_t>(lines.size()) > opts.tail_lines) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) {
    if (opts.timestamps) {
      out += l.timestamp;
      out += ' ';
    }
    out += l.text;
    out += '\n';
    if (opts.limit_bytes > 0 && static_cast<int64_t>(out.size()) >= opts.limit_bytes) {
      out.resize(static_cast<size_t>(opts.limit_bytes));
      break;
    }
  }
  return out;
}

}  // namespace navarch::kubelet
