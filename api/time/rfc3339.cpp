#include "api/time/rfc3339.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace navarch::api {

namespace {

using namespace std::chrono;

// Days since 1970-01-01 of a civil date and back (Howard Hinnant's algorithms): exact for any year, no libc.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct civil {
  int64_t year;
  unsigned month, day;
};

civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool days_in_month_ok(int y, int m, int d) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d >= 1 && d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Whole seconds (floored, also before 1970) and the rest in microseconds.
std::string format(time_point t, bool micro) {
  auto secs = floor<seconds>(t);
  const int64_t total = secs.time_since_epoch().count();
  int64_t days = total / 86400, rem = total % 86400;
  if (rem < 0) rem += 86400, --days;
  const civil c = civil_from_days(days);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(c.year),
                        c.month, c.day, static_cast<long long>(rem / 3600), static_cast<long long>(rem / 60 % 60),
                        static_cast<long long>(rem % 60));
  if (micro)
    n += std::snprintf(buf + n, sizeof buf - n, ".%06lld",
                       static_cast<long long>(duration_cast<microseconds>(t - secs).count()));
  std::string out(buf, static_cast<size_t>(n));
  out += 'Z';
  return out;
}

bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return ec == std::errc() && p == s.data() + pos + len;
}

}  // namespace

std::string rfc3339(time_point t) { return format(t, false); }

std::string rfc3339_micro(time_point t) { return format(t, true); }

std::optional<time_point> parse_rfc3339(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
      !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || !days_in_month_ok(y, mo, d) || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  int64_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    int64_t scale = 100000000;
    size_t start = ++pos;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) nanos += (s[pos] - '0') * scale;
    if (pos == start) return std::nullopt;  // digits past the ninth are read as zero (scale reached 0)
  }
  int64_t offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                       h * 3600 + mi * 60 + sec - offset;
  return time_point(duration_cast<system_clock::duration>(seconds(secs) + nanoseconds(nanos)));
}

}  // namespace navarch::api
