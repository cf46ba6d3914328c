#include "api/table/age.hpp"

namespace navarch::api {

namespace {

std::string fmt(int64_t a, const char* ua, int64_t b = 0, const char* ub = nullptr) {
  std::string s = std::to_string(a) + ua;
  if (ub && b != 0) s += std::to_string(b) + ub;
  return s;
}

}  // namespace

std::string human_duration(std::chrono::nanoseconds d) {
  using namespace std::chrono;
  int64_t seconds = duration_cast<std::chrono::seconds>(d).count();
  // A little clock skew between machines reads as "now".
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return fmt(seconds, "s");
  int64_t minutes = seconds / 60;
  if (minutes < 10) return fmt(minutes, "m", seconds % 60, "s");
  if (minutes < 60 * 3) return fmt(minutes, "m");
  int64_t hours = minutes / 60;
  if (hours < 8) return fmt(hours, "h", minutes % 60, "m");
  if (hours < 48) return fmt(hours, "h");
  if (hours < 24 * 8) return fmt(hours / 24, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return fmt(hours / 24, "d");
  if (hours < 24 * 365 * 8) return fmt(hours / 24 / 365, "y", (hours / 24) % 365, "d");
  return fmt(hours / 24 / 365, "y");
}

std::string age_since(std::string_view timestamp, std::chrono::system_clock::time_point now) {
  auto t = parse_rfc3339(timestamp);
  if (!t) return "<unknown>";
  return human_duration(now - *t);
}

}  // namespace navarch::api
