// Kubernetes' timestamps, one implementation for every component: RFC 3339 in UTC with whole seconds
// (metav1.Time: creationTimestamp, conditions, events) or with microseconds (metav1.MicroTime: Lease renewTime,
// Event eventTime), and the parser that reads either, with any fraction and a Z or ±hh:mm offset.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace navarch::api {

using time_point = std::chrono::system_clock::time_point;

std::string rfc3339(time_point t);        // "2026-11-22T06:10:31Z" (the fraction is dropped, as metav1.Time)
std::string rfc3339_micro(time_point t);  // "2026-11-22T06:10:31.123456Z" (always six digits, as MicroTime)

// "2024-05-01T10:00:00Z", "2024-05-01t10:00:00.5z", "2024-05-01T12:00:00.123456789+02:00"; nullopt for anything
// else (a missing offset, a bad date, trailing text).
std::optional<time_point> parse_rfc3339(std::string_view s);

}  // namespace navarch::api
