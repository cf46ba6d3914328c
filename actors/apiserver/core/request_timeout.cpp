#include "actors/apiserver/core/request_timeout.hpp"

#include <cmath>
#include <limits>

#include "api/status/status.hpp"

namespace navarch::api {

namespace {

// Nanoseconds per unit, longest unit names first so that "ms" is not read as "m".
std::optional<double> unit_scale(std::string_view& s) {
  static constexpr std::pair<std::string_view, double> units[] = {
      {"ns", 1}, {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9},
      {"h", 3600e9}};
  for (const auto& [name, scale] : units)
    if (s.starts_with(name)) {
      s.remove_prefix(name.size());
      return scale;
    }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) return std::nullopt;
  double total = 0;
  while (!s.empty()) {
    double number = 0, fraction = 0.1;
    bool digits = false, point = false;
    for (; !s.empty(); s.remove_prefix(1)) {
      char c = s[0];
      if (c == '.' && !point) {
        point = true;
      } else if (c >= '0' && c <= '9') {
        digits = true;
        if (point) number += (c - '0') * fraction, fraction /= 10;
        else number = number * 10 + (c - '0');
      } else {
        break;
      }
    }
    if (!digits) return std::nullopt;
    auto scale = unit_scale(s);
    if (!scale) return std::nullopt;
    total += number * *scale;
  }
  if (total >= static_cast<double>(std::numeric_limits<int64_t>::max())) return std::nullopt;
  auto ns = static_cast<int64_t>(std::llround(total));
  return std::chrono::nanoseconds(negative ? -ns : ns);
}

std::variant<std::chrono::nanoseconds, msg::api_response> request_timeout(std::string_view timeout,
                                                                          std::chrono::nanoseconds limit) {
  if (timeout.empty()) return limit;
  auto asked = parse_go_duration(timeout);
  if (!asked) return bad_request("invalid timeout specified in the request URL");
  if (*asked <= std::chrono::nanoseconds(0) || *asked > limit) return limit;
  return *asked;
}

}  // namespace navarch::api
