#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace navarch::codec {

std::string base64_encode(std::string_view in);
std::optional<std::string> base64_decode(std::string_view in);  // nullopt on malformed input

}  // namespace navarch::codec
