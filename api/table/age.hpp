// Times as printers show them: duration.HumanDuration ("2s", "5m30s", "3h", "2d4h") and the AGE of a timestamp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "api/time/rfc3339.hpp"

namespace navarch::api {

// k8s.io/apimachinery/pkg/util/duration.HumanDuration.
std::string human_duration(std::chrono::nanoseconds d);

// translateTimestampSince: the age of `timestamp` at `now`, "<unknown>" when it is missing or unreadable.
std::string age_since(std::string_view timestamp, std::chrono::system_clock::time_point now);

}  // namespace navarch::api
