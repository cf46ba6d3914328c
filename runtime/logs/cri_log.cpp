#include "runtime/logs/cri_log.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace navarch::runtime {
using clock = std::chrono::system_clock;

std::string format_cri_timestamp(clock::time_point t) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ns / 1'000'000'000);
  auto frac = ns % 1'000'000'000;
  if (frac < 0) { frac += 1'000'000'000; --secs; }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(frac));
  return buf;
}

std::string format_cri_line(clock::time_point t, std::string_view stream, bool partial, std::string_view text) {
  std::string out = format_cri_timestamp(t);
  out.reserve(out.size() + stream.size() + text.size() + 5);
  out += ' ';
  out += stream;
  out += partial ? " P " : " F ";
  out += text;
  out += '\n';
  return out;
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + n, out);
  return r.ec == std::errc() && r.ptr == s.data() + pos + n;
}

std::optional<clock::time_point> parse_timestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fraction]Z
  std::tm tm{};
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return {};
  if (!digits(s, 0, 4, tm.tm_year) || !digits(s, 5, 2, tm.tm_mon) || !digits(s, 8, 2, tm.tm_mday) ||
      !digits(s, 11, 2, tm.tm_hour) || !digits(s, 14, 2, tm.tm_min) || !digits(s, 17, 2, tm.tm_sec))
    return {};
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  size_t pos = 19;
  int64_t frac_ns = 0;
  if (s[pos] == '.') {
    ++pos;
    int64_t scale = 100'000'000;
    size_t start = pos;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
      if (scale > 0) frac_ns += (s[pos] - '0') * scale;
      scale /= 10;
    }
    if (pos == start) return {};
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return {};
  auto secs = timegm(&tm);
  if (secs == static_cast<std::time_t>(-1)) return {};
  return clock::time_point(std::chrono::duration_cast<clock::duration>(std::chrono::seconds(secs) +
                                                                      std::chrono::nanoseconds(frac_ns)));
}

}  // namespace

std::optional<cri_entry> parse_cri_line(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return {};
  auto sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return {};
  auto time = parse_timestamp(line.substr(0, sp1));
  if (!time) return {};
  auto stream = line.substr(sp1 + 1, sp2 - sp1 - 1);
  if (stream != "stdout" && stream != "stderr") return {};
  // The tag is a single letter; "F" may end the line when the text is empty.
  auto rest = line.substr(sp2 + 1);
  if (rest.empty() || (rest[0] != 'F' && rest[0] != 'P') || (rest.size() > 1 && rest[1] != ' ')) return {};
  cri_entry e;
  e.time = *time;
  e.stream = std::string(stream);
  e.partial = rest[0] == 'P';
  e.text = rest.size() > 2 ? std::string(rest.substr(2)) : std::string();
  return e;
}

void cri_line_splitter::feed(std::string_view bytes, const emit_fn& emit) {
  while (!bytes.empty()) {
    auto nl = bytes.find('\n');
    auto take = nl == std::string_view::npos ? bytes.size() : nl;
    // Fill up to max_line; a full buffer without newline becomes a partial record.
    auto room = max_line_ - pending_.size();
    if (take >= room) {
      pending_.append(bytes.substr(0, room));
      bytes.remove_prefix(room);
      if (!bytes.empty() && bytes.front() == '\n') {
        emit(false, pending_);
        bytes.remove_prefix(1);
      } else {
        emit(true, pending_);
      }
      pending_.clear();
      continue;
    }
    pending_.append(bytes.substr(0, take));
    if (nl == std::string_view::npos) return;
    emit(false, pending_);
    pending_.clear();
    bytes.remove_prefix(take + 1);
  }
}

void cri_line_splitter::finish(const emit_fn& emit) {
  if (!pending_.empty()) emit(false, pending_);
  pending_.clear();
}

}  // namespace navarch::runtime
