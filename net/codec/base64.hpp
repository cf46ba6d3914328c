#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace navarch::codec {

std::string base64_encode(std::string_view in);
std::optional<std::string> base64_decode(std::string_view in);  // nullopt on malformed input
// The URL-safe alphabet without padding (RFC 4648 §5), as JSON Web Tokens use it.
std::string base64url_encode(std::string_view in);
std::optional<std::string> base64url_decode(std::string_view in);

}  // namespace navarch::codec
