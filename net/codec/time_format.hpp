// Kubernetes' timestamp forms: RFC 3339 in UTC with seconds (metav1.Time) or microseconds (metav1.MicroTime).
#pragma once

#include <chrono>
#include <string>

namespace navarch::codec {

std::string rfc3339(std::chrono::system_clock::time_point t);        // "2026-11-22T06:10:31Z"
std::string rfc3339_micro(std::chrono::system_clock::time_point t);  // "2026-11-22T06:10:31.123456Z"

}  // namespace navarch::codec
