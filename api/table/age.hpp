// Times as printers show them: duration.HumanDuration ("2s", "5m30s", "3h", "2d4h") and the AGE of a timestamp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace navarch::api {

// k8s.io/apimachinery/pkg/util/duration.HumanDuration.
std::string human_duration(std::chrono::nanoseconds d);

// RFC 3339 with optional fraction and offset ("2024-05-01T10:00:00Z", "...T10:00:00.123456+02:00").
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view s);

// translateTimestampSince: the age of `timestamp` at `now`, "<unknown>" when it is missing or unreadable.
std::string age_since(std::string_view timestamp, std::chrono::system_clock::time_point now);

}  // namespace navarch::api
