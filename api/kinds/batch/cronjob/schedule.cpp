#include "api/kinds/batch/cronjob/schedule.hpp"

#include <array>
#include <vector>

namespace navarch::api::cron {

namespace {

struct field_range {
  int min, max;
  std::array<std::string_view, 13> names;  // index = value; empty where none
};

const field_range minutes{0, 59, {}};
const field_range hours{0, 23, {}};
const field_range days_of_month{1, 31, {}};
const field_range months{1, 12, {"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}};
const field_range days_of_week{0, 6, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

std::vector<std::string> fields_of(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// mustParseInt and parseIntOrName.
std::string parse_value(std::string_view expr, const field_range& r, int& out) {
  for (size_t i = 0; i < r.names.size(); ++i)
    if (!r.names[i].empty() && lower(expr) == r.names[i]) {
      out = static_cast<int>(i);
      return {};
    }
  bool negative = !expr.empty() && expr[0] == '-';
  std::string_view digits = negative || (!expr.empty() && expr[0] == '+') ? expr.substr(1) : expr;
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return "failed to parse int from " + std::string(expr) + ": strconv.Atoi: parsing \"" + std::string(expr) +
           "\": invalid syntax";
  out = std::stoi(std::string(digits));
  if (negative) return "negative number (-" + std::to_string(out) + ") not allowed: " + std::string(expr);
  return {};
}

// getRange: "*", "?", "n", "a-b", each with an optional "/step".
std::string check_range(std::string_view expr, const field_range& r) {
  auto range_and_step = split(expr, '/');
  auto low_high = split(range_and_step[0], '-');
  int start = r.min, end = r.max;
  bool single = false;
  if (low_high[0] == "*" || low_high[0] == "?") {
  } else {
    if (auto e = parse_value(low_high[0], r, start); !e.empty()) return e;
    end = start;
    single = true;
    if (low_high.size() == 2) {
      if (auto e = parse_value(low_high[1], r, end); !e.empty()) return e;
      single = false;
    } else if (low_high.size() > 2) {
      return "too many hyphens: " + std::string(expr);
    }
  }
  if (range_and_step.size() == 2) {
    int step = 0;
    if (auto e = parse_value(range_and_step[1], r, step); !e.empty()) return e;
    if (single) end = r.max;
    if (step == 0) return "step of range should be a positive number: " + std::string(expr);
  } else if (range_and_step.size() > 2) {
    return "too many slashes: " + std::string(expr);
  }
  if (start < r.min)
    return "beginning of range (" + std::to_string(start) + ") below minimum (" + std::to_string(r.min) +
           "): " + std::string(expr);
  if (end > r.max)
    return "end of range (" + std::to_string(end) + ") above maximum (" + std::to_string(r.max) + "): " +
           std::string(expr);
  if (start > end)
    return "beginning of range (" + std::to_string(start) + ") beyond end of range (" + std::to_string(end) +
           "): " + std::string(expr);
  return {};
}

std::string check_field(std::string_view field, const field_range& r) {
  for (const auto& part : split(field, ','))
    if (auto e = check_range(part, r); !e.empty()) return e;
  return {};
}

}  // namespace

std::string schedule_error(std::string_view spec) {
  auto fields = fields_of(spec);
  if (fields.empty()) return "empty spec string";
  if (fields[0].starts_with("TZ=") || fields[0].starts_with("CRON_TZ=")) fields.erase(fields.begin());
  if (!fields.empty() && fields[0].starts_with("@")) {
    static const std::string_view descriptors[] = {"@yearly", "@annually", "@monthly", "@weekly",
                                                   "@daily",  "@midnight", "@hourly"};
    for (auto d : descriptors)
      if (fields[0] == d) return {};
    if (fields[0] == "@every") return fields.size() == 2 ? "" : "failed to parse duration " + std::string(spec);
    return "unrecognized descriptor: " + fields[0];
  }
  if (fields.size() != 5) {
    std::string list;
    for (size_t i = 0; i < fields.size(); ++i) list += (i ? " " : "") + fields[i];
    return "expected exactly 5 fields, found " + std::to_string(fields.size()) + ": [" + list + "]";
  }
  const field_range* ranges[] = {&minutes, &hours, &days_of_month, &months, &days_of_week};
  for (size_t i = 0; i < 5; ++i)
    if (auto e = check_field(fields[i], *ranges[i]); !e.empty()) return e;
  return {};
}

}  // namespace navarch::api::cron
