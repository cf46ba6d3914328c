// How long one API request may take: the server's limit, or less when the client asks with `?timeout=` (a Go
// duration, as client-go sends for kubectl --request-timeout).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <variant>

#include "messages/api.hpp"

namespace navarch::api {

// Go's time.ParseDuration: "300ms", "1.5s", "1m30s", "-2h"; units ns us µs ms s m h; "0" alone. Nothing when
// the text is not a duration or does not fit.
std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

// The time the request gets: `limit` when the client asks for nothing, for zero or less, or for more than the
// limit; a 400 Status when `timeout` is not a duration.
std::variant<std::chrono::nanoseconds, msg::api_response> request_timeout(std::string_view timeout,
                                                                          std::chrono::nanoseconds limit);

}  // namespace navarch::api
